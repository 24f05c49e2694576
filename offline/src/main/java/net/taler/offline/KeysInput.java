package net.taler.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.json.TalerJson;
import net.taler.common.time.Timestamp;

/** The {@code GET /management/keys} reply (operations.md 3.3), parsed; signatures not yet checked. */
record KeysInput(
        EddsaPublicKey masterPub,
        EddsaPublicKey rsaSmPub,
        EddsaPublicKey csSmPub,
        EddsaPublicKey eddsaSmPub,
        List<Denom> denoms,
        List<Signkey> signkeys) {

    /** One future denomination; exactly one of {@code rsa}/{@code cs} is set. */
    record Denom(String section, RsaPublicKey rsa, CsPublicKey cs, AgeMask ageMask, HashCode hDenomPub,
            Amount value, Amount feeWithdraw, Amount feeDeposit, Amount feeRefresh, Amount feeRefund,
            Timestamp start, Timestamp expireWithdraw, Timestamp expireDeposit, Timestamp expireLegal,
            EddsaSignature secmodSig) {
    }

    /** One future online signing key. */
    record Signkey(EddsaPublicKey pub, Timestamp start, Timestamp expire, Timestamp end, EddsaSignature secmodSig) {
    }

    private static final ObjectMapper MAPPER = TalerJson.mapper();

    /**
     * Parses the reply; {@code ageMasks} gives the age mask of a coin section (the helper does not
     * know it, the configuration does). Throws {@link IllegalArgumentException} on malformed input.
     */
    static KeysInput parse(JsonNode a, Function<String, AgeMask> ageMasks) {
        EddsaPublicKey master = EddsaPublicKey.fromBase32(text(a, "master_pub"));
        EddsaPublicKey rsaSm = EddsaPublicKey.fromBase32(text(a, "denom_secmod_public_key"));
        EddsaPublicKey csSm = EddsaPublicKey.fromBase32(text(a, "denom_secmod_cs_public_key"));
        EddsaPublicKey eddsaSm = EddsaPublicKey.fromBase32(text(a, "signkey_secmod_public_key"));
        List<Denom> denoms = new ArrayList<>();
        for (JsonNode d : array(a, "future_denoms")) {
            String section = text(d, "section_name");
            JsonNode dp = field(d, "denom_pub");
            String cipher = field(dp, "cipher").asText();
            AgeMask mask = ageMasks.apply(section);
            RsaPublicKey rsa = null;
            CsPublicKey cs = null;
            HashCode h;
            if ("RSA".equalsIgnoreCase(cipher) || "1".equals(cipher)) {
                rsa = RsaPublicKey.fromBase32(text(dp, "rsa_public_key"));
                h = rsa.denominationHash(mask.bits());
            } else if ("CS".equalsIgnoreCase(cipher) || "2".equals(cipher)) {
                cs = CsPublicKey.fromBase32(text(dp, "cs_public_key"));
                h = cs.denomPubHash(mask.bits());
            } else {
                throw new IllegalArgumentException("unsupported denomination cipher `" + cipher + "'");
            }
            denoms.add(new Denom(section, rsa, cs, mask, h,
                    value(d, "value", Amount.class), value(d, "fee_withdraw", Amount.class),
                    value(d, "fee_deposit", Amount.class), value(d, "fee_refresh", Amount.class),
                    value(d, "fee_refund", Amount.class),
                    value(d, "stamp_start", Timestamp.class), value(d, "stamp_expire_withdraw", Timestamp.class),
                    value(d, "stamp_expire_deposit", Timestamp.class), value(d, "stamp_expire_legal", Timestamp.class),
                    EddsaSignature.fromBase32(text(d, "denom_secmod_sig"))));
        }
        List<Signkey> signkeys = new ArrayList<>();
        for (JsonNode s : array(a, "future_signkeys")) {
            signkeys.add(new Signkey(EddsaPublicKey.fromBase32(text(s, "key")),
                    value(s, "stamp_start", Timestamp.class), value(s, "stamp_expire", Timestamp.class),
                    value(s, "stamp_end", Timestamp.class),
                    EddsaSignature.fromBase32(text(s, "signkey_secmod_sig"))));
        }
        return new KeysInput(master, rsaSm, csSm, eddsaSm, List.copyOf(denoms), List.copyOf(signkeys));
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field `" + name + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field `" + name + "' must be a string");
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException("field `" + name + "' must be an array");
        }
        return v;
    }

    private static <T> T value(JsonNode n, String name, Class<T> type) {
        try {
            return MAPPER.treeToValue(field(n, name), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("field `" + name + "': " + e.getOriginalMessage());
        }
    }
}
