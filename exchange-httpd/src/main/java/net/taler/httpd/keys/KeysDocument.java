package net.taler.httpd.keys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.Hashes;
import net.taler.common.json.TalerJson;
import net.taler.common.keys.Auditor;
import net.taler.common.keys.AuditorDenominationSignature;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.GlobalFee;
import net.taler.common.keys.KeyStateSnapshot;
import net.taler.common.keys.SigningKey;
import net.taler.common.sig.exchange.KeySet;
import net.taler.common.time.Timestamp;
import net.taler.httpd.ExchangeSettings;

/**
 * Builds the {@code GET /keys} body of exchange-api.md 2.2 from the master-signed database
 * rows: the flat {@code denoms} (what the wallet reads), the grouped {@code denominations}
 * (what the C merchant reads) and both signatures over the key set.
 */
final class KeysDocument {
    /** Signs a key set with the exchange's current online key (through secmod-eddsa). */
    @FunctionalInterface
    interface Signer {
        Signed sign(KeySet keySet) throws Exception;
    }

    record Signed(EddsaPublicKey pub, EddsaSignature sig) {
    }

    /** The body, or why none can be served (then /keys answers 503). */
    record Result(ObjectNode body, Timestamp listIssueDate, String unavailable) {
    }

    private static final ObjectMapper M = TalerJson.mapper();

    private KeysDocument() {
    }

    static Result build(ExchangeSettings settings, KeyStateSnapshot snap, ObjectNode extensionManifests,
            Signer signer) throws Exception {
        List<Denomination> listed = new ArrayList<>();
        List<HashCode> revoked = new ArrayList<>();
        for (Denomination d : snap.denominations()) {
            if (d.revoked()) {
                revoked.add(d.hDenomPub());
            } else {
                listed.add(d);
            }
        }
        // exchange-api.md 2.2: by stamp_start, newest first.
        listed.sort(Comparator.comparing(Denomination::validFrom).reversed()
                .thenComparing(d -> d.hDenomPub().toBase32()));
        List<SigningKey> signkeys = snap.signingKeys().stream().filter(k -> !k.revoked()).toList();
        if (listed.isEmpty()) {
            return new Result(null, null, "no denomination has a master signature yet");
        }
        if (signkeys.isEmpty()) {
            return new Result(null, null, "no online signing key has a master signature yet");
        }

        Timestamp listIssueDate = listed.get(listed.size() - 1).validFrom();
        Hashes.HashContext concat = Hashes.sha512Context();
        HashCode xorAll = HashCode.ZERO;
        ArrayNode denoms = M.createArrayNode();
        Map<GroupKey, ObjectNode> groups = new LinkedHashMap<>();
        for (Denomination d : listed) {
            concat.update(d.hDenomPub());
            xorAll = xorAll.xor(d.hDenomPub());
            ObjectNode flat = denoms.addObject();
            flat.put("master_sig", d.masterSig().toBase32());
            stamps(flat, d);
            flat.set("denom_pub", denomPub(d));
            flat.put("value", d.value().toString());
            fees(flat, d);
            ObjectNode g = groups.computeIfAbsent(GroupKey.of(d), k -> newGroup(d));
            g.put("hash", HashCode.fromBase32(g.get("hash").asText()).xor(d.hDenomPub()).toBase32());
            ObjectNode member = ((ArrayNode) g.get("denoms")).addObject();
            member.put("master_sig", d.masterSig().toBase32());
            stamps(member, d);
            if (d.key() instanceof DenominationKey.Rsa rsa) {
                member.put("rsa_pub", rsa.key().toBase32());
            } else if (d.key() instanceof DenominationKey.Cs cs) {
                member.put("cs_pub", cs.key().toBase32());
            }
        }
        Signed flatSig = signer.sign(new KeySet(listIssueDate, concat.finish()));
        Signed groupSig = signer.sign(new KeySet(listIssueDate, xorAll));
        if (!Objects.equals(flatSig.pub(), groupSig.pub())) {
            // The helper rotated between the two calls: try once more for a consistent pair.
            flatSig = signer.sign(new KeySet(listIssueDate, concat.finish()));
        }
        EddsaPublicKey signingPub = groupSig.pub();
        if (signkeys.stream().noneMatch(k -> k.exchangePub().equals(signingPub))) {
            return new Result(null, null, "the current online signing key " + signingPub.toBase32()
                    + " has no master signature yet (run the offline key-up)");
        }

        ObjectNode o = M.createObjectNode();
        o.put("version", ExchangeSettings.PROTOCOL_VERSION);
        o.put("base_url", settings.baseUrl());
        o.put("currency", settings.currency());
        o.put("asset_type", settings.assetType());
        o.put("master_public_key", settings.masterPub().toBase32());
        o.set("reserve_closing_delay", M.valueToTree(settings.reserveClosingDelay()));
        ArrayNode sk = o.putArray("signkeys");
        for (SigningKey k : signkeys) {
            ObjectNode s = sk.addObject();
            s.set("stamp_start", M.valueToTree(k.validFrom()));
            s.set("stamp_expire", M.valueToTree(k.expireSign()));
            s.set("stamp_end", M.valueToTree(k.expireLegal()));
            s.put("master_sig", k.masterSig().toBase32());
            s.put("key", k.exchangePub().toBase32());
        }
        ArrayNode recoup = o.putArray("recoup");
        for (HashCode h : revoked) {
            recoup.addObject().put("h_denom_pub", h.toBase32());
        }
        o.set("denoms", denoms);
        ArrayNode grouped = o.putArray("denominations");
        groups.values().forEach(grouped::add);
        o.set("auditors", auditors(snap, listed));
        ArrayNode gf = o.putArray("global_fees");
        for (GlobalFee f : snap.globalFees()) {
            ObjectNode n = gf.addObject();
            n.set("start_date", M.valueToTree(f.startDate()));
            n.set("end_date", M.valueToTree(f.endDate()));
            n.put("history_fee", f.historyFee().toString());
            n.put("account_fee", f.accountFee().toString());
            n.put("purse_fee", f.purseFee().toString());
            n.set("history_expiration", M.valueToTree(f.historyExpiration()));
            n.set("purse_timeout", M.valueToTree(f.purseTimeout()));
            n.put("purse_account_limit", f.purseAccountLimit());
            n.put("master_sig", f.masterSig().toBase32());
        }
        o.set("list_issue_date", M.valueToTree(listIssueDate));
        o.put("eddsa_pub", signingPub.toBase32());
        o.put("eddsa_sig", flatSig.sig().toBase32());
        o.put("denominations_sig", groupSig.sig().toBase32());
        if (extensionManifests != null && !extensionManifests.isEmpty()) {
            o.set("extensions", extensionManifests);
            if (snap.extensionsSig() != null) {
                o.put("extensions_sig", snap.extensionsSig().toBase32());
            }
        }
        return new Result(o, listIssueDate, null);
    }

    private static ArrayNode auditors(KeyStateSnapshot snap, List<Denomination> listed) {
        java.util.Set<HashCode> listedHashes = new java.util.HashSet<>();
        listed.forEach(d -> listedHashes.add(d.hDenomPub()));
        ArrayNode out = M.createArrayNode();
        for (Auditor a : snap.activeAuditors()) {
            ObjectNode n = out.addObject();
            n.put("auditor_name", a.name());
            n.put("auditor_pub", a.auditorPub().toBase32());
            n.put("auditor_url", a.url());
            ArrayNode keys = n.putArray("denomination_keys");
            for (AuditorDenominationSignature s : snap.auditorDenomSigs()) {
                if (s.auditorPub().equals(a.auditorPub()) && listedHashes.contains(s.hDenomPub())) {
                    ObjectNode k = keys.addObject();
                    k.put("denom_pub_h", s.hDenomPub().toBase32());
                    k.put("auditor_sig", s.auditorSig().toBase32());
                }
            }
        }
        return out;
    }

    private static ObjectNode newGroup(Denomination d) {
        ObjectNode g = M.createObjectNode();
        String cipher = d.isRsa() ? "RSA" : "CS";
        int ageMask = d.ageMask().bits();
        g.put("cipher", ageMask != 0 ? cipher + "+age_restricted" : cipher);
        g.put("value", d.value().toString());
        fees(g, d);
        if (ageMask != 0) {
            g.put("age_mask", ageMask);
        }
        g.put("hash", HashCode.ZERO.toBase32());
        g.putArray("denoms");
        return g;
    }

    /** The cipher-tagged {@code denom_pub} of exchange-api.md 1.2, with {@code age_mask} always present. */
    static ObjectNode denomPub(Denomination d) {
        ObjectNode p = M.createObjectNode();
        if (d.key() instanceof DenominationKey.Rsa rsa) {
            p.put("cipher", "RSA");
            p.put("age_mask", d.ageMask().bits());
            p.put("rsa_public_key", rsa.key().toBase32());
        } else if (d.key() instanceof DenominationKey.Cs cs) {
            p.put("cipher", "CS");
            p.put("age_mask", d.ageMask().bits());
            p.put("cs_public_key", cs.key().toBase32());
        }
        return p;
    }

    private static void stamps(ObjectNode n, Denomination d) {
        n.set("stamp_start", M.valueToTree(d.validFrom()));
        n.set("stamp_expire_withdraw", M.valueToTree(d.expireWithdraw()));
        n.set("stamp_expire_deposit", M.valueToTree(d.expireDeposit()));
        n.set("stamp_expire_legal", M.valueToTree(d.expireLegal()));
    }

    private static void fees(ObjectNode n, Denomination d) {
        n.put("fee_withdraw", d.fees().withdraw().toString());
        n.put("fee_deposit", d.fees().deposit().toString());
        n.put("fee_refresh", d.fees().refresh().toString());
        n.put("fee_refund", d.fees().refund().toString());
    }

    /** One group per (cipher, value, four fees, age mask). */
    private record GroupKey(int cipher, Amount value, Amount fw, Amount fd, Amount fr, Amount ff, int ageMask) {
        static GroupKey of(Denomination d) {
            return new GroupKey(d.cipher(), d.value(), d.fees().withdraw(), d.fees().deposit(), d.fees().refresh(),
                    d.fees().refund(), d.ageMask().bits());
        }
    }
}
