package net.taler.http;

import java.nio.file.Files;
import java.nio.file.Path;

import io.netty.handler.codec.http.HttpMethod;

/**
 * Serves one file's bytes for every {@code GET /static}: the baseline that benchmarks compare
 * the exchange's cached replies against (same Netty stack, no application work).
 * Usage: {@code java -cp ... net.taler.http.StaticFileServer FILE PORT}.
 */
public final class StaticFileServer {
    private StaticFileServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StaticFileServer FILE PORT");
            System.exit(2);
        }
        byte[] body = Files.readAllBytes(Path.of(args[0]));
        Router r = new Router();
        r.add(HttpMethod.GET, "/static", Router.Execution.EVENT_LOOP, req -> Reply.jsonBytes(200, body));
        HttpServer s = new HttpServer("static", r, HttpServer.Options.defaults())
                .start(ListenSettings.tcp("127.0.0.1", Integer.parseInt(args[1]), false));
        s.awaitStop();
    }
}
