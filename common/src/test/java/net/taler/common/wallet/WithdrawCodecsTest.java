package net.taler.common.wallet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsBlindedMessage;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.TalerJson;

class WithdrawCodecsTest {
    private static final ObjectMapper M = TalerJson.mapper();
    private static final HashCode H = new HashCode(bytes(64, 5));
    private static final EddsaSignature SIG = new EddsaSignature(bytes(64, 3));
    private static final CsNonce NONCE = new CsNonce(bytes(CsNonce.SIZE, 7));
    private static final WithdrawPlanchet RSA = WithdrawPlanchet.of(H, SIG, new BlindedPlanchet.Rsa(bytes(128, 9)));
    private static final WithdrawPlanchet CS = WithdrawPlanchet.of(H, SIG,
            new BlindedPlanchet.Cs(new CsBlindedMessage(bytes(32, 1), bytes(32, 2), NONCE)));

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) seed);
        return b;
    }

    /** Through bytes, as on the wire. */
    private static JsonNode wire(JsonNode n) throws Exception {
        return M.readTree(M.writeValueAsBytes(n));
    }

    private static void badField(Runnable r, String field) {
        TalerErrorException e = assertThrows(TalerErrorException.class, r::run);
        assertEquals(TalerErrorCode.GENERIC_JSON_INVALID, e.errorCode());
        assertEquals(400, e.httpStatus());
        assertEquals(field, e.extraFields().get("field").asText());
    }

    private static void badBatch(JsonNode body) {
        TalerErrorException e = assertThrows(TalerErrorException.class, () -> BatchWithdrawRequest.planchets(body));
        assertEquals(TalerErrorCode.GENERIC_PARAMETER_MALFORMED, e.errorCode());
        assertEquals(400, e.httpStatus());
        assertThrows(TalerErrorException.class, () -> BatchWithdrawRequest.parse(body));
    }

    @Test
    void planchetsRoundTrip() throws Exception {
        for (WithdrawPlanchet p : List.of(RSA, CS)) {
            WithdrawPlanchet back = WithdrawPlanchet.parse(wire(p.toJson()));
            assertEquals(p, back);
            assertEquals(p.coinEv().envelopeHash(H), back.hBlindEv());
        }
        assertNull(RSA.csNonce());
        assertArrayEquals(NONCE.bytes(), CS.csNonce());
        JsonNode j = RSA.toJson();
        assertEquals(H.toBase32(), j.path("denom_pub_hash").asText());
        assertEquals(SIG.toBase32(), j.path("reserve_sig").asText());
        assertEquals("RSA", j.path("coin_ev").path("cipher").asText());
    }

    @Test
    void batchRoundTrip() throws Exception {
        BatchWithdrawRequest b = new BatchWithdrawRequest(List.of(RSA, CS, RSA));
        assertEquals(b, BatchWithdrawRequest.parse(wire(b.toJson())));
        List<WithdrawPlanchet> lazily = new ArrayList<>();
        BatchWithdrawRequest.planchets(wire(b.toJson())).forEach(lazily::add);
        assertEquals(b.planchets(), lazily);
        BatchWithdrawRequest max = new BatchWithdrawRequest(Collections.nCopies(BatchWithdrawRequest.MAX_PLANCHETS, CS));
        assertEquals(max, BatchWithdrawRequest.parse(wire(max.toJson())));
    }

    @Test
    void malformedPlanchets() {
        badField(() -> WithdrawPlanchet.parse(null), "planchet");
        badField(() -> WithdrawPlanchet.parse(M.createArrayNode()), "planchet");
        for (String field : new String[] {"denom_pub_hash", "reserve_sig", "coin_ev"}) {
            ObjectNode missing = RSA.toJson();
            missing.remove(field);
            badField(() -> WithdrawPlanchet.parse(missing), field);
        }
        ObjectNode shortSig = RSA.toJson().put("reserve_sig", "ABC");
        badField(() -> WithdrawPlanchet.parse(shortSig), "reserve_sig");
        ObjectNode badEv = RSA.toJson();
        ((ObjectNode) badEv.path("coin_ev")).put("rsa_blinded_planchet", "not*base32!");
        badField(() -> WithdrawPlanchet.parse(badEv), "coin_ev");
        ObjectNode badCipher = CS.toJson();
        ((ObjectNode) badCipher.path("coin_ev")).put("cipher", "ECDSA");
        badField(() -> WithdrawPlanchet.parse(badCipher), "coin_ev");
    }

    @Test
    void malformedBatches() {
        badBatch(null);
        badBatch(M.createObjectNode());
        badBatch(M.createArrayNode());
        badBatch(M.createObjectNode().put("planchets", "x"));
        badBatch(M.createObjectNode().set("planchets", M.createArrayNode()));
        ArrayNode tooMany = M.createArrayNode();
        for (int i = 0; i <= BatchWithdrawRequest.MAX_PLANCHETS; i++) {
            tooMany.add(RSA.toJson());
        }
        badBatch(M.createObjectNode().set("planchets", tooMany));
        assertThrows(IllegalArgumentException.class, () -> new BatchWithdrawRequest(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new BatchWithdrawRequest(Collections.nCopies(BatchWithdrawRequest.MAX_PLANCHETS + 1, RSA)));
    }

    /** A bad planchet fails only when reached, after the ones before it were handed out. */
    @Test
    void planchetsAreParsedOneAtATime() {
        ObjectNode bad = RSA.toJson();
        bad.remove("coin_ev");
        ObjectNode body = M.createObjectNode();
        body.putArray("planchets").add(CS.toJson()).add(bad);
        Iterator<WithdrawPlanchet> it = BatchWithdrawRequest.planchets(body).iterator();
        assertEquals(CS, it.next());
        badField(it::next, "coin_ev");
        badField(() -> BatchWithdrawRequest.parse(body), "coin_ev");
    }
}
