package net.taler.testsupport.keys;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.json.TalerJson;
import net.taler.common.sig.exchange.KeySet;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.sig.master.GlobalFees;
import net.taler.common.sig.master.SigningKeyValidity;
import net.taler.common.sig.master.WireDetails;
import net.taler.common.sig.master.WireFees;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Independent check of the exchange's {@code /keys} and {@code /wire} replies (exchange-api.md
 * 2.2, 2.3) with the common module's signature classes: every master and online signature, the
 * denomination hashes, group hashes and the two key-set signatures. Failures are
 * {@link AssertionError}s naming the offending entry. Stricter than the test wallet's
 * {@code KeysParser}, which accepts what a wallet accepts: this one also checks revocations,
 * global fees, auditors and {@code /wire}. Used in-process (exchange-httpd) and against the
 * install tree's processes (dist).
 */
public final class KeysVerifier {
    private static final ObjectMapper JSON = TalerJson.mapper();

    /** One listed denomination. */
    public record Denom(HashCode hDenomPub, String cipher, int ageMask, Amount value, Timestamp start) {
    }

    /** What a verified {@code /keys} lists. */
    public record Keys(Map<HashCode, Denom> denoms, Set<EddsaPublicKey> signkeys, Set<HashCode> recoup,
            Set<EddsaPublicKey> auditors, int globalFees, Timestamp listIssueDate) {
    }

    /** What a verified {@code /wire} lists: accounts and method → fee start dates. */
    public record Wire(List<String> accounts, Map<String, List<Timestamp>> feeStarts) {
    }

    private KeysVerifier() {
    }

    /** {@code body} as JSON; not JSON is an {@link AssertionError}. */
    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + e + "\n" + body, e);
        }
    }

    private static <T> T read(JsonNode parent, String field, Class<T> type) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new AssertionError("missing field '" + field + "' in " + parent);
        }
        try {
            return JSON.treeToValue(n, type);
        } catch (Exception e) {
            throw new AssertionError("bad field '" + field + "' in " + parent + ": " + e, e);
        }
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw new AssertionError("missing string field '" + field + "' in " + parent);
        }
        return n.textValue();
    }

    private static JsonNode array(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw new AssertionError("missing array '" + field + "' in " + shorten(parent));
        }
        return n;
    }

    private static String shorten(JsonNode n) {
        String s = n.toString();
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    /** The keys' timestamps in signing order: start, expire_withdraw, expire_deposit, expire_legal. */
    private static Timestamp[] stamps(JsonNode d) {
        return new Timestamp[] {read(d, "stamp_start", Timestamp.class),
            read(d, "stamp_expire_withdraw", Timestamp.class), read(d, "stamp_expire_deposit", Timestamp.class),
            read(d, "stamp_expire_legal", Timestamp.class)};
    }

    private static boolean verifyDenomSig(EddsaPublicKey master, JsonNode d, JsonNode amounts, HashCode h) {
        Timestamp[] t = stamps(d);
        DenominationKeyValidity v = new DenominationKeyValidity(master, t[0], t[1], t[2], t[3],
                read(amounts, "value", Amount.class), read(amounts, "fee_withdraw", Amount.class),
                read(amounts, "fee_deposit", Amount.class), read(amounts, "fee_refresh", Amount.class),
                read(amounts, "fee_refund", Amount.class), h);
        return v.verify(master, EddsaSignature.fromBase32(text(d, "master_sig")));
    }

    /** Verifies {@code /keys}; {@code masterPub} is the offline key the exchange must use. */
    public static Keys verifyKeys(String body, String masterPub, String currency) {
        JsonNode k = parse(body);
        EddsaPublicKey master = EddsaPublicKey.fromBase32(masterPub);
        check("14:0:2".equals(text(k, "version")), "version: " + k.get("version"));
        check(currency.equals(text(k, "currency")), "currency: " + k.get("currency"));
        check(masterPub.equals(text(k, "master_public_key")), "master_public_key: " + k.get("master_public_key"));
        text(k, "base_url");
        read(k, "reserve_closing_delay", RelativeTime.class);
        Timestamp lid = read(k, "list_issue_date", Timestamp.class);

        // signing keys
        Set<EddsaPublicKey> signkeys = new LinkedHashSet<>();
        for (JsonNode s : array(k, "signkeys")) {
            EddsaPublicKey key = EddsaPublicKey.fromBase32(text(s, "key"));
            SigningKeyValidity v = new SigningKeyValidity(read(s, "stamp_start", Timestamp.class),
                    read(s, "stamp_expire", Timestamp.class), read(s, "stamp_end", Timestamp.class), key);
            check(v.verify(master, EddsaSignature.fromBase32(text(s, "master_sig"))),
                    "bad master_sig of signkey " + s);
            signkeys.add(key);
        }
        check(!signkeys.isEmpty(), "no signkeys");

        // flat denomination list
        Map<HashCode, Denom> denoms = new LinkedHashMap<>();
        var concat = Hashes.sha512Context();
        HashCode xorFlat = HashCode.ZERO;
        JsonNode denomsArray = array(k, "denoms");
        check(denomsArray.size() > 0, "empty denoms");
        for (JsonNode d : denomsArray) {
            JsonNode pub = d.get("denom_pub");
            check(pub != null && pub.isObject(), "denom without denom_pub: " + shorten(d));
            JsonNode am = pub.get("age_mask");
            check(am != null && am.isIntegralNumber(), "denom_pub without numeric age_mask: " + shorten(pub));
            int ageMask = (int) am.longValue();
            String cipher = text(pub, "cipher");
            HashCode h = switch (cipher) {
                case "RSA" -> RsaPublicKey.fromBase32(text(pub, "rsa_public_key")).denominationHash(ageMask);
                case "CS" -> CsPublicKey.fromBase32(text(pub, "cs_public_key")).denomPubHash(ageMask);
                default -> throw new AssertionError("unknown cipher " + cipher);
            };
            check(verifyDenomSig(master, d, d, h), "bad master_sig of denomination " + shorten(d));
            Amount value = read(d, "value", Amount.class);
            check(value.currency().equals(currency), "denomination in currency " + value.currency());
            check(denoms.put(h, new Denom(h, cipher, ageMask, value, read(d, "stamp_start", Timestamp.class))) == null,
                    "denomination listed twice: " + h.toBase32());
            concat.update(h);
            xorFlat = xorFlat.xor(h);
        }
        EddsaPublicKey eddsaPub = EddsaPublicKey.fromBase32(text(k, "eddsa_pub"));
        check(signkeys.contains(eddsaPub), "eddsa_pub " + eddsaPub.toBase32() + " is not among the signkeys");
        check(new KeySet(lid, concat.finish()).verify(eddsaPub, EddsaSignature.fromBase32(text(k, "eddsa_sig"))),
                "bad eddsa_sig over the denoms");

        // grouped denomination list
        HashCode xorGroups = HashCode.ZERO;
        Set<HashCode> grouped = new LinkedHashSet<>();
        for (JsonNode g : array(k, "denominations")) {
            String cipher = text(g, "cipher");
            boolean restricted = cipher.endsWith("+age_restricted");
            JsonNode am = g.get("age_mask");
            check(!restricted || (am != null && am.isIntegralNumber()), "age-restricted group without age_mask");
            int ageMask = am == null ? 0 : (int) am.longValue();
            check(restricted == (ageMask != 0), "group cipher " + cipher + " vs age_mask " + ageMask);
            String base = restricted ? cipher.substring(0, cipher.indexOf('+')) : cipher;
            HashCode groupXor = HashCode.ZERO;
            for (JsonNode d : array(g, "denoms")) {
                HashCode h = switch (base) {
                    case "RSA" -> RsaPublicKey.fromBase32(text(d, "rsa_pub")).denominationHash(ageMask);
                    case "CS" -> CsPublicKey.fromBase32(text(d, "cs_pub")).denomPubHash(ageMask);
                    default -> throw new AssertionError("unknown group cipher " + cipher);
                };
                check(verifyDenomSig(master, d, g, h), "bad master_sig of grouped denomination " + shorten(d));
                Denom flat = denoms.get(h);
                check(flat != null, "grouped key not in denoms: " + h.toBase32());
                check(flat.cipher().equals(base) && flat.value().equals(read(g, "value", Amount.class)),
                        "group/denoms disagree for " + h.toBase32());
                check(grouped.add(h), "key in two groups: " + h.toBase32());
                groupXor = groupXor.xor(h);
            }
            check(groupXor.equals(HashCode.fromBase32(text(g, "hash"))), "bad group hash of " + shorten(g));
            xorGroups = xorGroups.xor(groupXor);
        }
        check(grouped.equals(denoms.keySet()), "denominations groups and denoms list different keys");
        check(xorGroups.equals(xorFlat), "xor mismatch");
        check(new KeySet(lid, xorGroups).verify(eddsaPub,
                EddsaSignature.fromBase32(text(k, "denominations_sig"))), "bad denominations_sig");

        // revocations
        Set<HashCode> recoup = new LinkedHashSet<>();
        for (JsonNode r : array(k, "recoup")) {
            HashCode h = HashCode.fromBase32(text(r, "h_denom_pub"));
            check(!denoms.containsKey(h), "revoked denomination still in denoms: " + h.toBase32());
            recoup.add(h);
        }

        // global fees
        int globalFees = 0;
        for (JsonNode f : array(k, "global_fees")) {
            GlobalFees v = new GlobalFees(read(f, "start_date", Timestamp.class), read(f, "end_date", Timestamp.class),
                    read(f, "purse_timeout", RelativeTime.class), read(f, "history_expiration", RelativeTime.class),
                    read(f, "history_fee", Amount.class), read(f, "account_fee", Amount.class),
                    read(f, "purse_fee", Amount.class), read(f, "purse_account_limit", Integer.class));
            check(v.verify(master, EddsaSignature.fromBase32(text(f, "master_sig"))), "bad global fee sig " + f);
            globalFees++;
        }

        // auditors
        Set<EddsaPublicKey> auditors = new LinkedHashSet<>();
        for (JsonNode a : array(k, "auditors")) {
            auditors.add(EddsaPublicKey.fromBase32(text(a, "auditor_pub")));
            text(a, "auditor_url");
            for (JsonNode dk : array(a, "denomination_keys")) {
                check(denoms.containsKey(HashCode.fromBase32(text(dk, "denom_pub_h"))),
                        "auditor signed an unlisted key " + dk);
                EddsaSignature.fromBase32(text(dk, "auditor_sig"));
            }
        }
        return new Keys(denoms, signkeys, recoup, auditors, globalFees, lid);
    }

    /** Verifies {@code /wire}: every account's master_sig and every fee's sig. */
    public static Wire verifyWire(String body, String masterPub) {
        JsonNode w = parse(body);
        EddsaPublicKey master = EddsaPublicKey.fromBase32(masterPub);
        check(masterPub.equals(text(w, "master_public_key")), "master_public_key: " + w.get("master_public_key"));
        List<String> accounts = new ArrayList<>();
        for (JsonNode a : array(w, "accounts")) {
            String payto = text(a, "payto_uri");
            check(WireDetails.forPayto(payto).verify(master, EddsaSignature.fromBase32(text(a, "master_sig"))),
                    "bad master_sig of account " + a);
            accounts.add(payto);
        }
        JsonNode fees = w.get("fees");
        check(fees != null && fees.isObject(), "no fees object");
        Map<String, List<Timestamp>> starts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fees.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<Timestamp> list = new ArrayList<>();
            for (JsonNode f : e.getValue()) {
                Timestamp start = read(f, "start_date", Timestamp.class);
                WireFees v = WireFees.forMethod(e.getKey(), start, read(f, "end_date", Timestamp.class),
                        read(f, "wire_fee", Amount.class), read(f, "closing_fee", Amount.class));
                check(v.verify(master, EddsaSignature.fromBase32(text(f, "sig"))),
                        "bad sig of wire fee " + e.getKey() + " " + f);
                list.add(start);
            }
            starts.put(e.getKey(), list);
        }
        return new Wire(accounts, starts);
    }

    /** Jan 1, 00:00 UTC of {@code year}. */
    public static Timestamp yearStart(int year) {
        return Timestamp.ofSeconds(LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    }
}
