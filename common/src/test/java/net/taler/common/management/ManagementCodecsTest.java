package net.taler.common.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.TalerJson;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

class ManagementCodecsTest {
    private static final ObjectMapper M = TalerJson.mapper();
    private static final EddsaPublicKey PUB = new EddsaPublicKey(bytes(32, 1));
    private static final EddsaPublicKey PUB2 = new EddsaPublicKey(bytes(32, 2));
    private static final EddsaSignature SIG = new EddsaSignature(bytes(64, 3));
    private static final EddsaSignature SIG2 = new EddsaSignature(bytes(64, 4));
    private static final HashCode H = new HashCode(bytes(64, 5));
    private static final Timestamp T1 = Timestamp.ofSeconds(1_700_000_000L);
    private static final Timestamp T2 = Timestamp.ofSeconds(1_800_000_000L);
    private static final Amount ONE = Amount.parse("KUDOS:1");
    private static final Amount CENT = Amount.parse("KUDOS:0.01");
    private static final String PAYTO = "payto://x-taler-bank/localhost/exchange?receiver-name=Exchange";

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) seed);
        return b;
    }

    private static String json(ManagementRequest r) throws Exception {
        return M.writeValueAsString(r.toJson());
    }

    private static <T> void roundTrip(T value, Function<T, JsonNode> toJson, Function<JsonNode, T> parse)
            throws Exception {
        // through bytes, as on the wire
        JsonNode wire = M.readTree(M.writeValueAsBytes(toJson.apply(value)));
        assertEquals(value, parse.apply(wire));
    }

    private static TalerErrorException badField(Runnable r, String field) {
        TalerErrorException e = assertThrows(TalerErrorException.class, r::run);
        assertEquals(TalerErrorCode.GENERIC_JSON_INVALID, e.errorCode());
        assertEquals(400, e.httpStatus());
        assertEquals(field, e.extraFields().get("field").asText());
        return e;
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void revocations() throws Exception {
        DenominationRevocation d = new DenominationRevocation(H, SIG);
        roundTrip(d, DenominationRevocation::toJson, j -> DenominationRevocation.parse(H, j));
        assertEquals("management/denominations/" + H.toBase32() + "/revoke", d.path());
        SigningKeyRevocation s = new SigningKeyRevocation(PUB, SIG);
        roundTrip(s, SigningKeyRevocation::toJson, j -> SigningKeyRevocation.parse(PUB, j));
        assertEquals("management/signkeys/" + PUB.toBase32() + "/revoke", s.path());
        assertEquals("{\"master_sig\":\"" + SIG.toBase32() + "\"}", json(s));
    }

    @Test
    void auditors() throws Exception {
        AuditorEnable e = new AuditorEnable(PUB, "https://auditor.example/", "Auditor", T1, SIG);
        roundTrip(e, AuditorEnable::toJson, AuditorEnable::parse);
        assertEquals("{\"auditor_pub\":\"" + PUB.toBase32() + "\",\"auditor_url\":\"https://auditor.example/\","
                + "\"auditor_name\":\"Auditor\",\"validity_start\":{\"t_s\":1700000000},\"master_sig\":\""
                + SIG.toBase32() + "\"}", json(e));
        AuditorDisable d = new AuditorDisable(PUB, T2, SIG);
        roundTrip(d, AuditorDisable::toJson, j -> AuditorDisable.parse(PUB, j));
        assertEquals("management/auditors/" + PUB.toBase32() + "/disable", d.path());
        assertEquals("{\"master_sig\":\"" + SIG.toBase32() + "\",\"validity_end\":{\"t_s\":1800000000}}", json(d));
        AuditorDenominationSignature a = new AuditorDenominationSignature(PUB, H, SIG);
        roundTrip(a, AuditorDenominationSignature::toJson, j -> AuditorDenominationSignature.parse(PUB, H, j));
        assertEquals("auditors/" + PUB.toBase32() + "/" + H.toBase32(), a.path());
    }

    @Test
    void wireAccounts() throws Exception {
        WireEnable e = new WireEnable(PAYTO, SIG, SIG2, T1);
        roundTrip(e, WireEnable::toJson, WireEnable::parse);
        assertEquals("{\"payto_uri\":\"" + PAYTO + "\",\"master_sig_add\":\"" + SIG.toBase32()
                + "\",\"master_sig_wire\":\"" + SIG2.toBase32() + "\",\"validity_start\":{\"t_s\":1700000000}}",
                json(e));
        WireDisable d = new WireDisable(PAYTO, T2, SIG);
        roundTrip(d, WireDisable::toJson, WireDisable::parse);
        assertEquals("{\"payto_uri\":\"" + PAYTO + "\",\"validity_end\":{\"t_s\":1800000000},\"master_sig_del\":\""
                + SIG.toBase32() + "\"}", json(d));
    }

    @Test
    void fees() throws Exception {
        WireFeeSet w = new WireFeeSet("x-taler-bank", T1, T2, CENT, ONE, SIG);
        roundTrip(w, WireFeeSet::toJson, j -> WireFeeSet.parse(j, "KUDOS"));
        assertEquals("{\"wire_method\":\"x-taler-bank\",\"fee_start\":{\"t_s\":1700000000},"
                + "\"fee_end\":{\"t_s\":1800000000},\"wire_fee\":\"KUDOS:0.01\",\"closing_fee\":\"KUDOS:1\","
                + "\"master_sig\":\"" + SIG.toBase32() + "\"}", json(w));
        GlobalFeeSet g = new GlobalFeeSet(T1, T2, CENT, CENT, ONE, RelativeTime.ofSeconds(3600),
                RelativeTime.ofSeconds(86400), 0xFFFFFFFFL, SIG);
        roundTrip(g, GlobalFeeSet::toJson, j -> GlobalFeeSet.parse(j, null));
        assertEquals("{\"fee_start\":{\"t_s\":1700000000},\"fee_end\":{\"t_s\":1800000000},"
                + "\"history_fee\":\"KUDOS:0.01\",\"account_fee\":\"KUDOS:0.01\",\"purse_fee\":\"KUDOS:1\","
                + "\"purse_timeout\":{\"d_us\":3600000000},\"history_expiration\":{\"d_us\":86400000000},"
                + "\"purse_account_limit\":4294967295,\"master_sig\":\"" + SIG.toBase32() + "\"}", json(g));
    }

    @Test
    void drain() throws Exception {
        WireTransferId wtid = new WireTransferId(bytes(WireTransferId.SIZE, 7));
        DrainRequest d = new DrainRequest("exchange-account-1", PAYTO, wtid, T1, ONE, SIG);
        roundTrip(d, DrainRequest::toJson, j -> DrainRequest.parse(j, "KUDOS"));
        assertEquals("{\"debit_account_section\":\"exchange-account-1\",\"credit_payto_uri\":\"" + PAYTO
                + "\",\"wtid\":\"" + wtid.toBase32() + "\",\"master_sig\":\"" + SIG.toBase32()
                + "\",\"date\":{\"t_s\":1700000000},\"amount\":\"KUDOS:1\"}", json(d));
    }

    @Test
    void extensions() throws Exception {
        ObjectNode manifests = M.createObjectNode();
        manifests.putObject("age_restriction").put("critical", false).put("version", "1");
        ExtensionsSet e = new ExtensionsSet(manifests, SIG);
        roundTrip(e, ExtensionsSet::toJson, ExtensionsSet::parse);
        manifests.put("later", 1); // the record holds its own copy
        assertEquals(1, e.extensions().size());
    }

    @Test
    void keySignatures() throws Exception {
        KeySignatures k = new KeySignatures(List.of(new KeySignatures.DenomSig(H, SIG)),
                List.of(new KeySignatures.SignkeySig(PUB, SIG2)));
        roundTrip(k, KeySignatures::toJson, KeySignatures::parse);
        assertEquals("{\"denom_sigs\":[{\"h_denom_pub\":\"" + H.toBase32() + "\",\"master_sig\":\"" + SIG.toBase32()
                + "\"}],\"signkey_sigs\":[{\"exchange_pub\":\"" + PUB.toBase32() + "\",\"master_sig\":\""
                + SIG2.toBase32() + "\"}]}", json(k));
    }

    private static ManagementKeys managementKeys(RsaPublicKey rsa, CsPublicKey cs) {
        var denomRsa = new ManagementKeys.FutureDenom("coin_kudos_1", rsa, null, 0, ONE, CENT, CENT, CENT, CENT, T1,
                T2, T2, T2, SIG);
        var denomCs = new ManagementKeys.FutureDenom("coin_kudos_cs", null, cs, 0x20a00, ONE, CENT, CENT, CENT,
                CENT, T1, T2, T2, Timestamp.NEVER, SIG2);
        var signkey = new ManagementKeys.FutureSignkey(PUB2, T1, T2, T2, SIG);
        return new ManagementKeys(List.of(denomRsa, denomCs), List.of(signkey), PUB, PUB2, PUB, PUB2);
    }

    @Test
    void managementKeysRoundTripAndBytes() throws Exception {
        RsaPublicKey rsa = RsaPrivateKey.generate(1024, new SecureRandom()).publicKey();
        CsPublicKey cs = new CsPublicKey(bytes(32, 9));
        ManagementKeys k = managementKeys(rsa, cs);
        roundTrip(k, ManagementKeys::toJson, ManagementKeys::parse);
        // the key order and formats the httpd has always sent
        String expected = "{\"future_denoms\":["
                + "{\"section_name\":\"coin_kudos_1\",\"denom_pub\":{\"cipher\":\"RSA\",\"age_mask\":0,"
                + "\"rsa_public_key\":\"" + rsa.toBase32() + "\"},\"value\":\"KUDOS:1\","
                + "\"fee_withdraw\":\"KUDOS:0.01\",\"fee_deposit\":\"KUDOS:0.01\",\"fee_refresh\":\"KUDOS:0.01\","
                + "\"fee_refund\":\"KUDOS:0.01\",\"stamp_start\":{\"t_s\":1700000000},"
                + "\"stamp_expire_withdraw\":{\"t_s\":1800000000},\"stamp_expire_deposit\":{\"t_s\":1800000000},"
                + "\"stamp_expire_legal\":{\"t_s\":1800000000},\"denom_secmod_sig\":\"" + SIG.toBase32() + "\"},"
                + "{\"section_name\":\"coin_kudos_cs\",\"denom_pub\":{\"cipher\":\"CS\",\"age_mask\":133632,"
                + "\"cs_public_key\":\"" + cs.toBase32() + "\"},\"value\":\"KUDOS:1\","
                + "\"fee_withdraw\":\"KUDOS:0.01\",\"fee_deposit\":\"KUDOS:0.01\",\"fee_refresh\":\"KUDOS:0.01\","
                + "\"fee_refund\":\"KUDOS:0.01\",\"stamp_start\":{\"t_s\":1700000000},"
                + "\"stamp_expire_withdraw\":{\"t_s\":1800000000},\"stamp_expire_deposit\":{\"t_s\":1800000000},"
                + "\"stamp_expire_legal\":{\"t_s\":\"never\"},\"denom_secmod_sig\":\"" + SIG2.toBase32() + "\"}],"
                + "\"future_signkeys\":[{\"key\":\"" + PUB2.toBase32() + "\",\"stamp_start\":{\"t_s\":1700000000},"
                + "\"stamp_expire\":{\"t_s\":1800000000},\"stamp_end\":{\"t_s\":1800000000},"
                + "\"signkey_secmod_sig\":\"" + SIG.toBase32() + "\"}],"
                + "\"master_pub\":\"" + PUB.toBase32() + "\",\"denom_secmod_public_key\":\"" + PUB2.toBase32()
                + "\",\"denom_secmod_cs_public_key\":\"" + PUB.toBase32() + "\",\"signkey_secmod_public_key\":\""
                + PUB2.toBase32() + "\"}";
        assertEquals(expected, M.writeValueAsString(k.toJson()));
    }

    @Test
    void managementKeysAcceptsCipherNumbersAndNoAgeMask() throws Exception {
        CsPublicKey cs = new CsPublicKey(bytes(32, 9));
        ObjectNode body = managementKeys(RsaPrivateKey.generate(1024, new SecureRandom()).publicKey(), cs).toJson();
        ObjectNode csPub = (ObjectNode) body.get("future_denoms").get(1).get("denom_pub");
        csPub.put("cipher", 2);
        csPub.remove("age_mask");
        ManagementKeys.FutureDenom d = ManagementKeys.parse(body).futureDenoms().get(1);
        assertEquals(cs, d.csPub());
        assertEquals(0, d.ageMask());
        csPub.put("cipher", "ECDSA");
        badField(() -> ManagementKeys.parse(body), "cipher");
    }

    // ------------------------------------------------------------------ the httpd's 400s

    @Test
    void missingOrMalformedFieldNamesTheField() throws Exception {
        ObjectNode body = new AuditorEnable(PUB, "https://a/", "A", T1, SIG).toJson();
        body.remove("auditor_name");
        badField(() -> AuditorEnable.parse(body), "auditor_name");
        body.put("auditor_name", "A").put("master_sig", "not base32!");
        badField(() -> AuditorEnable.parse(body), "master_sig");
        badField(() -> DenominationRevocation.parse(H, M.createObjectNode()), "master_sig");
    }

    @Test
    void amountsInAnotherCurrencyAreRejected() {
        ObjectNode body = new WireFeeSet("iban", T1, T2, CENT, ONE, SIG).toJson();
        badField(() -> WireFeeSet.parse(body, "EUR"), "wire_fee");
    }

    @Test
    void feePeriodMustEndAfterItStarts() {
        ObjectNode body = new WireFeeSet("iban", T2, T1, CENT, ONE, SIG).toJson();
        badField(() -> WireFeeSet.parse(body, null), "fee_end");
        ObjectNode g = new GlobalFeeSet(T1, T1, CENT, CENT, ONE, RelativeTime.ofSeconds(1), RelativeTime.ofSeconds(1),
                1, SIG).toJson();
        badField(() -> GlobalFeeSet.parse(g, null), "fee_end");
    }

    @Test
    void malformedPaytoIsAPaytoError() {
        ObjectNode body = new WireDisable("mailto:x", T1, SIG).toJson();
        TalerErrorException e = assertThrows(TalerErrorException.class, () -> WireDisable.parse(body));
        assertEquals(TalerErrorCode.GENERIC_PAYTO_URI_MALFORMED, e.errorCode());
        assertEquals("payto_uri", e.extraFields().get("field").asText());
    }

    @Test
    void tooManySignaturesExceedTheUploadLimit() {
        ObjectNode body = M.createObjectNode();
        ArrayNode ds = body.putArray("denom_sigs");
        for (int i = 0; i <= KeySignatures.MAX_SIGS; i++) {
            ds.addObject();
        }
        body.putArray("signkey_sigs");
        TalerErrorException e = assertThrows(TalerErrorException.class, () -> KeySignatures.parse(body));
        assertEquals(TalerErrorCode.GENERIC_UPLOAD_EXCEEDS_LIMIT, e.errorCode());
    }
}
