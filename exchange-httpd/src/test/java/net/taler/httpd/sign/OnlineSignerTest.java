package net.taler.httpd.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.taler.common.crypto.HashCode;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.secmod.client.EddsaSecmodClient;
import net.taler.common.secmod.client.SecmodClientOptions;
import net.taler.common.sig.master.DenominationKeyRevoked;

/** A missing signing helper is reported to clients by name; its socket path stays in the log. */
class OnlineSignerTest {
    @Test
    void unavailableHelperReplyNamesNoSocketPath(@TempDir Path dir) {
        Path socket = dir.resolve("secret-runtime-dir/server.sock");
        SecmodClientOptions fast = new SecmodClientOptions(Duration.ofMillis(200), Duration.ofMillis(500), 1);
        try (EddsaSecmodClient client = new EddsaSecmodClient(socket, fast, null)) {
            OnlineSigner signer = new OnlineSigner(client, false);
            TalerErrorException e = assertThrows(TalerErrorException.class,
                    () -> signer.sign(new DenominationKeyRevoked(HashCode.fromBase32("0".repeat(103)))));
            assertEquals(TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_UNAVAILABLE, e.errorCode());
            String body = e.toError().toJson().toString();
            assertFalse(body.contains(dir.toString()) || body.contains("server.sock"), body);
            assertFalse(body.contains("Exception"), body);
        }
    }
}
