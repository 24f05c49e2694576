package net.taler.fakebank;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import net.taler.common.cli.Programs;
import net.taler.common.config.ConfigLoader;

/**
 * Runs {@code taler-fakebank-run} in-process as its launcher would, with {@code conf} as the
 * only configuration ({@code -c}, no defaults, no user file): the exit code and standard error.
 */
record FakebankRun(int code, String err) {

    static FakebankRun run(Path dir, FakebankMain p, String conf, String... args) throws Exception {
        Path file = dir.resolve("bank.conf");
        Files.writeString(file, conf);
        Map<String, String> env = new HashMap<>();
        env.put("TALER_BASE_CONFIG", dir.resolve("nobase").toString());
        env.put("HOME", dir.toString());
        p.useLoader(new ConfigLoader(env, dir));
        StringWriter err = new StringWriter();
        var cl = Programs.commandLine(p);
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = file.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new FakebankRun(cl.execute(all), err.toString());
    }
}
