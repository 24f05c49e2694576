package net.taler.common.management;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.json.JsonFields;
import net.taler.common.time.Timestamp;

/**
 * The {@code GET /management/keys} reply: the helper keys still lacking a master signature,
 * with the security modules' signatures over them (operations.md 3.3). The offline tool checks
 * those signatures before it signs.
 *
 * @param denomSecmodPub the RSA helper's SM key
 * @param denomSecmodCsPub the CS helper's SM key
 * @param signkeySecmodPub the EdDSA helper's SM key
 */
public record ManagementKeys(List<FutureDenom> futureDenoms, List<FutureSignkey> futureSignkeys,
        EddsaPublicKey masterPub, EddsaPublicKey denomSecmodPub, EddsaPublicKey denomSecmodCsPub,
        EddsaPublicKey signkeySecmodPub) {

    /**
     * A future denomination; exactly one of {@code rsaPub}/{@code csPub} is set.
     *
     * @param ageMask the {@code age_mask} the exchange announces (the offline tool hashes with its
     *     own configuration's mask instead)
     * @param denomSecmodSig the helper's signature over the key, section and validity
     */
    public record FutureDenom(String sectionName, RsaPublicKey rsaPub, CsPublicKey csPub, int ageMask, Amount value,
            Amount feeWithdraw, Amount feeDeposit, Amount feeRefresh, Amount feeRefund, Timestamp stampStart,
            Timestamp stampExpireWithdraw, Timestamp stampExpireDeposit, Timestamp stampExpireLegal,
            EddsaSignature denomSecmodSig) {
        public FutureDenom {
            if ((rsaPub == null) == (csPub == null)) {
                throw new IllegalArgumentException("exactly one of rsaPub and csPub must be set");
            }
        }

        public boolean isRsa() {
            return rsaPub != null;
        }
    }

    /** A future online signing key with the EdDSA helper's signature over it. */
    public record FutureSignkey(EddsaPublicKey key, Timestamp stampStart, Timestamp stampExpire, Timestamp stampEnd,
            EddsaSignature signkeySecmodSig) {
    }

    public ManagementKeys {
        futureDenoms = List.copyOf(futureDenoms);
        futureSignkeys = List.copyOf(futureSignkeys);
    }

    /**
     * Reads a reply. The cipher may be given by name ({@code RSA}, {@code CS}, any case) or
     * number ({@code 1}, {@code 2}); a missing {@code age_mask} means 0.
     */
    public static ManagementKeys parse(JsonNode body) {
        JsonFields b = new JsonFields(body, null);
        EddsaPublicKey master = b.base32("master_pub", EddsaPublicKey::fromBase32);
        EddsaPublicKey rsaSm = b.base32("denom_secmod_public_key", EddsaPublicKey::fromBase32);
        EddsaPublicKey csSm = b.base32("denom_secmod_cs_public_key", EddsaPublicKey::fromBase32);
        EddsaPublicKey eddsaSm = b.base32("signkey_secmod_public_key", EddsaPublicKey::fromBase32);
        List<FutureDenom> denoms = new ArrayList<>();
        for (JsonNode n : b.array("future_denoms")) {
            denoms.add(parseDenom(new JsonFields(n, null)));
        }
        List<FutureSignkey> signkeys = new ArrayList<>();
        for (JsonNode n : b.array("future_signkeys")) {
            JsonFields s = new JsonFields(n, null);
            signkeys.add(new FutureSignkey(s.base32("key", EddsaPublicKey::fromBase32), s.timestamp("stamp_start"),
                    s.timestamp("stamp_expire"), s.timestamp("stamp_end"),
                    s.base32("signkey_secmod_sig", EddsaSignature::fromBase32)));
        }
        return new ManagementKeys(denoms, signkeys, master, rsaSm, csSm, eddsaSm);
    }

    private static FutureDenom parseDenom(JsonFields d) {
        String section = d.string("section_name");
        JsonFields dp = d.object("denom_pub");
        JsonNode c = dp.node().get("cipher");
        if (c == null || c.isNull()) {
            throw JsonFields.invalid("cipher", "missing field");
        }
        String cipher = c.asText();
        int ageMask = dp.node().has("age_mask") ? (int) dp.integer("age_mask", 0xFFFFFFFFL) : 0;
        RsaPublicKey rsa = null;
        CsPublicKey cs = null;
        switch (cipher.toUpperCase(Locale.ROOT)) {
            case "RSA", "1" -> rsa = dp.base32("rsa_public_key", RsaPublicKey::fromBase32);
            case "CS", "2" -> cs = dp.base32("cs_public_key", CsPublicKey::fromBase32);
            default -> throw JsonFields.invalid("cipher", "unsupported denomination cipher `" + cipher + "'");
        }
        return new FutureDenom(section, rsa, cs, ageMask, d.amount("value"), d.amount("fee_withdraw"),
                d.amount("fee_deposit"), d.amount("fee_refresh"), d.amount("fee_refund"), d.timestamp("stamp_start"),
                d.timestamp("stamp_expire_withdraw"), d.timestamp("stamp_expire_deposit"),
                d.timestamp("stamp_expire_legal"), d.base32("denom_secmod_sig", EddsaSignature::fromBase32));
    }

    /** The reply body; the key order is that of the C exchange. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        ArrayNode fd = o.putArray("future_denoms");
        for (FutureDenom d : futureDenoms) {
            ObjectNode n = fd.addObject();
            n.put("section_name", d.sectionName());
            ObjectNode pub = n.putObject("denom_pub");
            if (d.isRsa()) {
                pub.put("cipher", "RSA");
                pub.put("age_mask", d.ageMask());
                pub.put("rsa_public_key", d.rsaPub().toBase32());
            } else {
                pub.put("cipher", "CS");
                pub.put("age_mask", d.ageMask());
                pub.put("cs_public_key", d.csPub().toBase32());
            }
            n.set("value", Json.tree(d.value()));
            n.set("fee_withdraw", Json.tree(d.feeWithdraw()));
            n.set("fee_deposit", Json.tree(d.feeDeposit()));
            n.set("fee_refresh", Json.tree(d.feeRefresh()));
            n.set("fee_refund", Json.tree(d.feeRefund()));
            n.set("stamp_start", Json.tree(d.stampStart()));
            n.set("stamp_expire_withdraw", Json.tree(d.stampExpireWithdraw()));
            n.set("stamp_expire_deposit", Json.tree(d.stampExpireDeposit()));
            n.set("stamp_expire_legal", Json.tree(d.stampExpireLegal()));
            n.put("denom_secmod_sig", d.denomSecmodSig().toBase32());
        }
        ArrayNode fs = o.putArray("future_signkeys");
        for (FutureSignkey k : futureSignkeys) {
            ObjectNode n = fs.addObject();
            n.put("key", k.key().toBase32());
            n.set("stamp_start", Json.tree(k.stampStart()));
            n.set("stamp_expire", Json.tree(k.stampExpire()));
            n.set("stamp_end", Json.tree(k.stampEnd()));
            n.put("signkey_secmod_sig", k.signkeySecmodSig().toBase32());
        }
        o.put("master_pub", masterPub.toBase32());
        o.put("denom_secmod_public_key", denomSecmodPub.toBase32());
        o.put("denom_secmod_cs_public_key", denomSecmodCsPub.toBase32());
        o.put("signkey_secmod_public_key", signkeySecmodPub.toBase32());
        return o;
    }
}
