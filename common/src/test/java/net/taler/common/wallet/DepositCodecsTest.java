package net.taler.common.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import net.taler.common.amount.Amount;
import net.taler.common.coin.CoinJson;
import net.taler.common.coin.DenominationSignature;
import net.taler.common.crypto.Eddsa;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireSalt;
import net.taler.common.crypto.cs.CsRPublic;
import net.taler.common.crypto.cs.CsSignature;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.TalerJson;
import net.taler.common.testing.VectorFile;
import net.taler.common.time.Timestamp;

/**
 * The deposit bodies (exchange-api.md 4.1, 4.2): a body built from the reference wallet's
 * signature vector parses into values whose {@code coin_sig} verifies; both bodies round-trip;
 * bad shapes are the documented 400s.
 */
class DepositCodecsTest {
    private static final String CUR = "KUDOS";

    private static JsonNode vector() {
        return VectorFile.cases("signatures.json").stream()
                .filter(c -> c.path("id").asText().equals("wallet-coin-deposit-plain")).findFirst().orElseThrow();
    }

    /** The body the wallet sends for the vector's deposit permission. */
    private static ObjectNode walletBody(JsonNode in, JsonNode out) {
        JsonNode perm = out.path("deposit_permission");
        ObjectNode b = TalerJson.mapper().createObjectNode();
        b.put("contribution", perm.path("contribution").asText());
        b.put("merchant_payto_uri", in.path("merchant_payto").asText());
        b.put("wire_salt", in.path("wire_salt_b32").asText());
        b.put("h_contract_terms", in.path("h_contract_terms_b32").asText());
        b.put("denom_pub_hash", perm.path("h_denom").asText());
        b.set("ub_sig", perm.path("ub_sig"));
        b.put("merchant_pub", in.path("merchant_pub_b32").asText());
        b.putObject("timestamp").put("t_s", in.path("wallet_timestamp_s").asLong());
        b.putObject("refund_deadline").put("t_s", in.path("refund_deadline_s").asLong());
        b.putObject("wire_transfer_deadline").put("t_s", in.path("refund_deadline_s").asLong() + 86400);
        b.put("coin_sig", perm.path("coin_sig").asText());
        return b;
    }

    @Test
    void theWalletsDepositParsesAndItsCoinSignatureVerifies() {
        JsonNode c = vector();
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        EddsaPublicKey coinPub = EddsaPublicKey.fromBase32(out.path("deposit_permission").path("coin_pub").asText());
        DepositRequest r = DepositRequest.parse(coinPub, walletBody(in, out), CUR);

        assertEquals(in.path("h_wire_b32").asText(), r.terms().hWire().toBase32(), "h_wire from payto and salt");
        assertEquals(HashCode.ZERO, r.terms().hPolicy());
        assertNull(r.coin().hAgeCommitment());
        assertTrue(r.coin().ubSig() instanceof DenominationSignature.Rsa);
        Amount fee = Amount.parse(in.path("deposit_fee").asText());
        assertEquals(out.path("purpose_hex").asText(),
                VectorFile.toHex(r.coin().signedBlock(r.terms(), fee).toPurposeBlock().toBytes()), "signed block");
        assertTrue(Eddsa.verify(coinPub, r.coin().signedBlock(r.terms(), fee).toPurposeBlock(), r.coin().coinSig()));
        // the exchange rebuilds the block with its own fee: another fee must not verify
        assertFalse(Eddsa.verify(coinPub, r.coin().signedBlock(r.terms(), Amount.parse("KUDOS:0.01")).toPurposeBlock(),
                r.coin().coinSig()));
    }

    @Test
    void absentRefundDeadlineIsZeroAndOptionalFieldsStayAbsent() {
        JsonNode c = vector();
        ObjectNode b = walletBody(c.path("input"), c.path("output"));
        b.remove("refund_deadline");
        DepositRequest r = DepositRequest.parse(EddsaPublicKey.fromBase32(
                c.path("output").path("deposit_permission").path("coin_pub").asText()), b, CUR);
        assertEquals(Timestamp.EPOCH, r.terms().refundDeadline());
        ObjectNode back = r.toJson();
        assertEquals(0, back.path("refund_deadline").path("t_s").asLong());
        assertFalse(back.has("h_age_commitment"));
        assertFalse(back.has("policy"));
        assertFalse(back.has("coin_pub"), "the single deposit names its coin in the path");
    }

    @Test
    void singleAndBatchRoundTrip() {
        DepositTerms terms = terms(Timestamp.ofSeconds(1_700_000_000), TalerJson.mapper().createObjectNode().put("x", 1));
        DepositCoin rsaCoin = coin(ShortHash.fromBase32(b32(32, 7)), rsaSig());
        DepositCoin csCoin = coin(null, new DenominationSignature.Cs(new CsSignature(
                new CsRPublic(filled(CsRPublic.SIZE, 3)), filled(32, 4))));

        DepositRequest single = new DepositRequest(terms, rsaCoin);
        DepositRequest parsed = DepositRequest.parse(rsaCoin.coinPub(), single.toJson(), CUR);
        assertEquals(single.toJson(), parsed.toJson());
        assertEquals(terms.hPolicy(), parsed.terms().hPolicy());
        assertFalse(HashCode.ZERO.equals(parsed.terms().hPolicy()), "a policy is hashed");

        BatchDepositRequest batch = new BatchDepositRequest(terms, List.of(rsaCoin, csCoin));
        BatchDepositRequest bp = BatchDepositRequest.parse(batch.toJson(), CUR);
        assertEquals(batch.toJson(), bp.toJson());
        assertEquals(2, bp.coins().size());
        assertEquals(csCoin.coinPub(), bp.coins().get(1).coinPub());
        assertEquals(CoinJson.denominationSignature(csCoin.ubSig()), CoinJson.denominationSignature(bp.coins().get(1).ubSig()));
    }

    @Test
    void badShapesAreTheDocumented400s() {
        DepositTerms terms = terms(Timestamp.ofSeconds(1_700_000_000), null);
        DepositCoin coin = coin(null, rsaSig());
        ObjectNode good = new DepositRequest(terms, coin).toJson();

        for (String field : List.of("contribution", "merchant_payto_uri", "wire_salt", "h_contract_terms",
                "denom_pub_hash", "ub_sig", "merchant_pub", "timestamp", "wire_transfer_deadline", "coin_sig")) {
            ObjectNode b = good.deepCopy();
            b.remove(field);
            TalerErrorException e = assertThrows(TalerErrorException.class,
                    () -> DepositRequest.parse(coin.coinPub(), b, CUR), field);
            assertEquals(TalerErrorCode.GENERIC_JSON_INVALID, e.errorCode(), field);
            assertEquals(400, e.httpStatus(), field);
        }
        ObjectNode otherCurrency = good.deepCopy().put("contribution", "EUR:1");
        assertThrows(TalerErrorException.class, () -> DepositRequest.parse(coin.coinPub(), otherCurrency, CUR));
        ObjectNode badSig = good.deepCopy();
        badSig.putObject("ub_sig").put("cipher", "RSA").put("rsa_signature", "not base32!");
        assertEquals(TalerErrorCode.GENERIC_JSON_INVALID, assertThrows(TalerErrorException.class,
                () -> DepositRequest.parse(coin.coinPub(), badSig, CUR)).errorCode());
        ObjectNode badPolicy = good.deepCopy().put("policy", "text");
        assertThrows(TalerErrorException.class, () -> DepositRequest.parse(coin.coinPub(), badPolicy, CUR));

        ObjectNode twice = new BatchDepositRequest(terms, List.of(coin)).toJson();
        ((com.fasterxml.jackson.databind.node.ArrayNode) twice.get("coins")).add(twice.get("coins").get(0).deepCopy());
        assertEquals(TalerErrorCode.GENERIC_PARAMETER_MALFORMED,
                assertThrows(TalerErrorException.class, () -> BatchDepositRequest.parse(twice, CUR)).errorCode());
        ObjectNode empty = new BatchDepositRequest(terms, List.of(coin)).toJson();
        empty.putArray("coins");
        assertEquals(400, assertThrows(TalerErrorException.class, () -> BatchDepositRequest.parse(empty, CUR)).httpStatus());
        List<DepositCoin> many = new ArrayList<>();
        for (int i = 0; i <= BatchDepositRequest.MAX_COINS; i++) {
            many.add(coin(null, rsaSig()));
        }
        ObjectNode tooMany = new BatchDepositRequest(terms, many.subList(0, 1)).toJson();
        var arr = tooMany.putArray("coins");
        for (DepositCoin m : many) {
            ObjectNode e = arr.addObject();
            m.writeTo(e, true);
        }
        assertEquals(TalerErrorCode.GENERIC_PARAMETER_MALFORMED,
                assertThrows(TalerErrorException.class, () -> BatchDepositRequest.parse(tooMany, CUR)).errorCode());
    }

    private static DepositTerms terms(Timestamp ts, JsonNode policy) {
        long s = ts.seconds();
        return new DepositTerms("payto://x-taler-bank/localhost/merchant?receiver-name=Merchant",
                WireSalt.fromBase32(b32(16, 1)), Eddsa.publicKey(Eddsa.generatePrivateKey()),
                HashCode.fromBase32(b32(64, 2)), ts, Timestamp.ofSeconds(s + 3600), Timestamp.ofSeconds(s + 7200), policy);
    }

    private static DepositCoin coin(ShortHash age, DenominationSignature sig) {
        EddsaPrivateKey priv = Eddsa.generatePrivateKey();
        return new DepositCoin(Eddsa.publicKey(priv), Amount.parse("KUDOS:1.5"), HashCode.fromBase32(b32(64, 5)),
                sig, age, EddsaSignature.fromBase32(b32(64, 6)));
    }

    private static DenominationSignature rsaSig() {
        JsonNode perm = vector().path("output").path("deposit_permission").path("ub_sig");
        return CoinJson.denominationSignature(perm);
    }

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    private static String b32(int n, int v) {
        return net.taler.common.encoding.Crockford.encode(filled(n, v));
    }

    @Test
    void hWireIsTheSaltedPaytoHash() {
        DepositTerms t = terms(Timestamp.ofSeconds(1), null);
        assertEquals(Hashes.hWire(t.merchantPaytoUri(), t.wireSalt()), t.hWire());
    }
}
