package net.taler.testsupport.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.age.AgeMask;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.json.TalerJson;
import org.junit.jupiter.api.Test;

/** {@code /keys} parsing and every signature check of {@link KeysParser}, on signed documents. */
class KeysParserTest {
    private static final ObjectMapper M = TalerJson.mapper();
    private static final Denomination RSA = Fixtures.denomination(Fixtures.rsaKey(Fixtures.RSA, AgeMask.NONE), "10",
            "0.01");
    private static final Denomination CS = Fixtures.denomination(Fixtures.csKey(AgeMask.NONE), "5", "0.02");
    private static final Denomination AGED = Fixtures.denomination(Fixtures.rsaKey(Fixtures.RSA2, AgeMask.DEFAULT),
            "1", "0");
    private final KeysParser parser = new KeysParser(M);

    private static ObjectNode doc() {
        return Fixtures.keysJson(List.of(RSA, CS, AGED));
    }

    /** Through text, as received over the wire. */
    private ExchangeKeys parse(JsonNode k) throws Exception {
        return parser.parse(M.readTree(M.writeValueAsString(k)), Fixtures.MASTER.publicKey());
    }

    private void rejects(Consumer<ObjectNode> tamper, String messagePart) {
        ObjectNode k = doc();
        tamper.accept(k);
        WalletException e = assertThrows(WalletException.class, () -> parse(k));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void validDocument() throws Exception {
        ExchangeKeys k = parse(doc());
        assertEquals("KUDOS", k.currency());
        assertEquals("14:0:2", k.version());
        assertEquals(Fixtures.MASTER.publicKey(), k.masterPub());
        assertEquals(Fixtures.ONLINE.publicKey(), k.eddsaPub());
        assertEquals(List.of(RSA, CS, AGED), k.denominations());
        assertEquals(CS, k.requireDenomination(CS.hash()));
        assertEquals("CS", k.requireDenomination(CS.hash()).cipher());
        assertEquals(AgeMask.DEFAULT, k.requireDenomination(AGED.hash()).ageMask());
        assertTrue(k.isSignKey(Fixtures.ONLINE.publicKey()));
        assertEquals(3, k.withdrawable(Fixtures.NOW).size());
        assertTrue(k.withdrawable(Fixtures.SIGN_END).isEmpty());
        assertThrows(WalletException.class, () -> k.requireDenomination(net.taler.common.crypto.HashCode.ZERO));
        // without an expected master key the reported one is used
        assertEquals(k.masterPub(), parser.parse(doc(), null).masterPub());
    }

    @Test
    void revokedDenominationsAreNotWithdrawable() throws Exception {
        ObjectNode k = doc();
        ((ArrayNode) k.get("recoup")).addObject().put("h_denom_pub", CS.hash().toBase32());
        ExchangeKeys keys = parse(k);
        assertTrue(keys.recoup().contains(CS.hash()));
        assertFalse(keys.withdrawable(Fixtures.NOW).contains(CS));
        assertEquals(2, keys.withdrawable(Fixtures.NOW).size());
    }

    @Test
    void wrongMasterKey() {
        WalletException e = assertThrows(WalletException.class,
                () -> parser.parse(doc(), EddsaPrivateKey.generate().publicKey()));
        assertTrue(e.getMessage().contains("master_public_key"));
    }

    @Test
    void tamperedDenominationFails() {
        rejects(k -> ((ObjectNode) k.get("denoms").get(1)).put("value", "KUDOS:50"), "master_sig");
        rejects(k -> ((ObjectNode) k.get("denoms").get(0)).put("fee_withdraw", "KUDOS:0"), "master_sig");
        rejects(k -> ((ObjectNode) k.get("denoms").get(2).get("denom_pub")).put("age_mask", 0), "master_sig");
        rejects(k -> ((ObjectNode) k.get("denoms").get(0)).put("stamp_start", "x"), "stamp_start");
        rejects(k -> ((ObjectNode) k.get("denoms").get(0)).put("value", "EUR:10"), "currency");
        rejects(k -> ((ObjectNode) k.get("denoms").get(0).get("denom_pub")).remove("age_mask"), "age_mask");
        rejects(k -> k.putArray("denoms"), "no denominations");
    }

    @Test
    void tamperedSigningKeysFail() {
        rejects(k -> ((ObjectNode) k.get("signkeys").get(0)).put("master_sig", k.get("eddsa_sig").textValue()),
                "signkey");
        rejects(k -> k.putArray("signkeys"), "not among the signkeys");
        rejects(k -> k.put("eddsa_pub", EddsaPrivateKey.generate().publicKey().toBase32()), "not among");
    }

    @Test
    void keySetSignaturesAreChecked() {
        rejects(k -> k.put("eddsa_sig", k.get("denominations_sig").textValue()), "eddsa_sig");
        // the flat signature covers the order of denoms
        rejects(k -> {
            ArrayNode d = (ArrayNode) k.get("denoms");
            JsonNode first = d.remove(0);
            d.add(first);
        }, "eddsa_sig");
        rejects(k -> k.put("denominations_sig", k.get("eddsa_sig").textValue()), "denominations_sig");
        rejects(k -> ((ObjectNode) k.get("denominations").get(0)).put("hash", CS.hash().toBase32()), "group hash");
        rejects(k -> ((ObjectNode) k.get("denominations").get(1)).put("fee_deposit", "KUDOS:9"), "disagree");
        rejects(k -> ((ArrayNode) k.get("denominations")).remove(2), "different keys");
        rejects(k -> ((ObjectNode) k.get("denominations").get(2)).put("cipher", "RSA"), "age_mask");
    }
}
