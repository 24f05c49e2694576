package net.taler.offline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.config.TalerConfig;
import net.taler.common.config.TalerSettings;
import net.taler.common.management.ManagementRequest;

/**
 * {@code download} and {@code upload}, the only subcommands that talk to the exchange
 * ({@code [exchange] BASE_URL}); they run on the online machine, the others on the offline one.
 */
final class OnlineOperations {
    private final Chain chain;
    private final TalerConfig config;
    private String exchangeUrl;
    private HttpClient http;

    OnlineOperations(Chain chain, TalerConfig config) {
        this.chain = chain;
        this.config = config;
    }

    /** Fetches {@code /management/keys}: printed if {@code last}, otherwise kept as the chain's input. */
    void download(boolean last) throws IOException {
        String url = exchangeUrl() + "management/keys";
        HttpResponse<String> resp;
        try {
            resp = http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new ProgramException(ExitCodes.FAILURE, "Failed to download keys from " + url + ": "
                    + (e.getMessage() != null ? e.getMessage()
                            : "cannot connect (" + e.getClass().getSimpleName() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProgramException(ExitCodes.FAILURE, "Interrupted while downloading keys from " + url);
        }
        if (resp.statusCode() != 200) {
            throw new ProgramException(ExitCodes.FAILURE,
                    "Failed to download keys from " + url + ": HTTP status " + resp.statusCode());
        }
        JsonNode body;
        try {
            body = chain.mapper().readTree(resp.body());
        } catch (IOException e) {
            throw new ProgramException(ExitCodes.FAILURE, "Malformed /management/keys reply: " + e.getMessage());
        }
        ObjectNode input = chain.mapper().createObjectNode();
        input.put("operation", OperationNames.INPUT_KEYS);
        input.set("arguments", body);
        if (last) {
            chain.printJson(input);
        } else {
            chain.keepInput(input);
        }
    }

    /**
     * POSTs every operation of the chain's output (or, if there is none, of the array read from
     * stdin) concurrently; all are attempted and every failure is reported before failing.
     */
    void upload() throws IOException {
        chain.requireInputConsumed("refusing upload");
        JsonNode ops = chain.takeOutput();
        if (ops == null) {
            try {
                ops = chain.readStdin();
            } catch (IOException e) {
                throw new ProgramException(ExitCodes.FAILURE, "Failed to read JSON input: " + e.getMessage());
            }
        }
        if (ops == null || !ops.isArray()) {
            throw new ProgramException(ExitCodes.FAILURE, "Error: expected JSON array for `upload` command");
        }
        String base = exchangeUrl();
        List<CompletableFuture<String>> pending = new ArrayList<>();
        int idx = 0;
        boolean failed = false;
        for (JsonNode op : ops) {
            String operation = op.path("operation").asText();
            ManagementRequest req;
            try {
                req = Upload.request(op);
            } catch (RuntimeException e) {
                chain.err().println(chain.program() + ": operation #" + idx + ": " + e.getMessage());
                failed = true;
                idx++;
                continue;
            }
            final int n = idx++;
            HttpRequest hr = HttpRequest.newBuilder(URI.create(base + req.path()))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(chain.mapper().writeValueAsString(req.toJson())))
                    .build();
            pending.add(http().sendAsync(hr, HttpResponse.BodyHandlers.ofString()).handle((resp, ex) -> {
                if (ex != null) {
                    return "upload #" + n + " (" + operation + ") failed: " + ex.getMessage();
                }
                if (resp.statusCode() != 204) {
                    return "upload #" + n + " (" + operation + ") failed with HTTP status "
                            + resp.statusCode() + ": " + resp.body();
                }
                return null;
            }));
        }
        for (CompletableFuture<String> f : pending) {
            String problem = f.join();
            if (problem != null) {
                chain.err().println(chain.program() + ": " + problem);
                failed = true;
            }
        }
        chain.err().flush();
        if (failed) {
            throw new ProgramException(ExitCodes.FAILURE, "upload failed");
        }
    }

    private String exchangeUrl() {
        if (exchangeUrl == null) {
            exchangeUrl = TalerSettings.exchangeBaseUrl(config);
        }
        return exchangeUrl;
    }

    private HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        }
        return http;
    }
}
