package net.taler.httpd.keys;

import static net.taler.httpd.testkit.ReplyAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.testsupport.keys.KeysVerifier;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.ExchangeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /keys} (exchange-api.md 2.2) checked signature by signature with the independent
 * {@link KeysVerifier}: the key set after the harness's key-up, its caching headers, the reply
 * before any key-up, a repeated key-up, and a revocation. The last two change keys, so they run
 * on exchanges of their own; the rest reads the shared one.
 */
class KeysEndpointTest {
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.shared();

    private static KeysVerifier.Keys verifiedKeys(ExchangeKit kit) {
        ApiResponse r = kit.exchange().keysRaw();
        assertEquals(200, r.status(), r.summary());
        return KeysVerifier.verifyKeys(r.text(), kit.masterPub().toBase32(), ExchangeKit.CURRENCY);
    }

    private static JsonNode managementKeys(ExchangeKit kit) {
        ApiResponse r = kit.exchange().get("management/keys");
        assertEquals(200, r.status(), r.summary());
        return r.json();
    }

    @Test
    void everyKeyIsSignedByTheMasterKeyAndTheKeySetByAListedSigningKey() {
        // verifyKeys checks every master_sig, and eddsa_sig and denominations_sig with eddsa_pub,
        // which must be one of the listed signing keys
        KeysVerifier.Keys k = verifiedKeys(EXCHANGE);
        for (ExchangeKit.Coin coin : ExchangeKit.COINS) {
            Amount value = Amount.parse(coin.value());
            assertTrue(k.denoms().values().stream().anyMatch(d -> d.cipher().equals(coin.cipher())
                    && d.value().equals(value)), "no " + coin.cipher() + " denomination of " + coin.value());
        }
        assertFalse(k.signkeys().isEmpty());
        assertTrue(k.recoup().isEmpty(), "recoup: " + k.recoup());
        assertEquals(1, k.globalFees(), "global fees");
    }

    /** The verifier is not vacuous: swapped denomination signatures or a wrong key-set signature fail. */
    @Test
    void tamperedKeysFailTheVerifier() {
        String body = EXCHANGE.exchange().keysRaw().text();
        String master = EXCHANGE.masterPub().toBase32();
        JsonNode k = KeysVerifier.parse(body);
        String sig0 = k.path("denoms").get(0).path("master_sig").asText();
        String sig1 = k.path("denoms").get(1).path("master_sig").asText();
        String swapped = body.replace(sig0, "SIG0").replace(sig1, sig0).replace("SIG0", sig1);
        assertThrows(AssertionError.class, () -> KeysVerifier.verifyKeys(swapped, master, ExchangeKit.CURRENCY));
        String eddsaSig = k.path("eddsa_sig").asText();
        String otherSig = body.replace(eddsaSig, k.path("denominations_sig").asText());
        assertThrows(AssertionError.class, () -> KeysVerifier.verifyKeys(otherSig, master, ExchangeKit.CURRENCY));
        String otherMaster = EddsaPrivateKey.generate().publicKey().toBase32();
        assertThrows(AssertionError.class, () -> KeysVerifier.verifyKeys(body, otherMaster, ExchangeKit.CURRENCY));
    }

    @Test
    void ifNoneMatchWithTheEtagGives304AndTheReplyExpires() {
        ExchangeClient exchange = EXCHANGE.exchange();
        ApiResponse r = exchange.keysRaw();
        assertEquals(200, r.status(), r.summary());
        String etag = r.header("ETag").orElseThrow(() -> new AssertionError("no ETag: " + r.headers()));
        assertTrue(r.header("Expires").isPresent(), "no Expires: " + r.headers());
        ApiResponse same = exchange.http().get(exchange.url("keys"), ExchangeClient.KEYS_TIMEOUT,
                Map.of("If-None-Match", etag));
        assertEquals(304, same.status(), same.summary());
        assertEquals(0, same.body().length, same.summary());
        assertEquals(etag, same.header("ETag").orElse(null), same.summary());
        ApiResponse other = exchange.http().get(exchange.url("keys"), ExchangeClient.KEYS_TIMEOUT,
                Map.of("If-None-Match", "\"not-the-etag\""));
        assertEquals(200, other.status(), other.summary());
        assertEquals(r.text(), other.text());
    }

    @Test
    void keysAreMissingBeforeTheFirstKeyupAndAKeyupRepeatedChangesNothing() throws Exception {
        String auditorPub = EddsaPrivateKey.generate().publicKey().toBase32();
        try (ExchangeKit kit = ExchangeKit.withoutKeyup().startNow("keys-missing")) {
            assertStatus(kit.exchange().keysRaw(), 503, TalerErrorCode.EXCHANGE_GENERIC_KEYS_MISSING);

            kit.keyup();
            kit.offline("enable-auditor", auditorPub, "http://auditor.example/", "Auditor", "upload");
            KeysVerifier.Keys before = verifiedKeys(kit);
            assertTrue(before.auditors().stream().anyMatch(a -> a.toBase32().equals(auditorPub)), "auditor listed");
            assertEquals(0, managementKeys(kit).path("future_denoms").size(), "all keys signed");

            kit.keyup();
            kit.offline("enable-auditor", auditorPub, "http://auditor.example/", "Auditor", "upload");
            KeysVerifier.Keys after = verifiedKeys(kit);
            assertEquals(before.denoms().keySet(), after.denoms().keySet());
            assertEquals(before.signkeys(), after.signkeys());
            assertEquals(before.auditors(), after.auditors());
            assertEquals(1, after.globalFees());
            ApiResponse wire = kit.exchange().get("wire");
            assertEquals(200, wire.status(), wire.summary());
            assertEquals(2, KeysVerifier.verifyWire(wire.text(), kit.masterPub().toBase32()).feeStarts()
                    .get("x-taler-bank").size(), wire.summary());
        }
    }

    @Test
    void revocationMovesTheKeyToRecoupAndTheSecmodAnnouncesAReplacement() throws Exception {
        try (ExchangeKit kit = ExchangeKit.create().startNow("revocation")) {
            KeysVerifier.Keys before = verifiedKeys(kit);
            KeysVerifier.Denom victim = before.denoms().get(kit.rsa1().hash());
            assertNotNull(victim, "rsa1 listed");
            kit.offline("revoke-denomination", victim.hDenomPub().toBase32(), "upload");

            // secmod-rsa makes the replacement and announces it over its socket: not at once
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            JsonNode mk = managementKeys(kit);
            while (mk.path("future_denoms").isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no replacement key offered after revocation: " + mk);
                Thread.sleep(20);
                mk = managementKeys(kit);
            }
            kit.offline("download", "sign", "upload");

            KeysVerifier.Keys after = verifiedKeys(kit);
            assertTrue(after.recoup().contains(victim.hDenomPub()), "revoked key not in recoup");
            assertFalse(after.denoms().containsKey(victim.hDenomPub()), "revoked key still in denoms");
            assertTrue(after.denoms().values().stream().anyMatch(d -> d.cipher().equals("RSA")
                    && d.value().equals(victim.value()) && !before.denoms().containsKey(d.hDenomPub())),
                    "no replacement RSA key of " + victim.value());
        }
    }
}
