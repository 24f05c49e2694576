package net.taler.testsupport.wallet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.sig.exchange.KeySet;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Parses and verifies a {@code /keys} reply as a careful client does (the wallet's checks plus
 * those of the C client library): master signatures of every signing key and denomination,
 * {@code eddsa_pub} among the signing keys, {@code eddsa_sig} over the flat list and, when the
 * grouped list is present, the group hashes, their agreement with the flat list and
 * {@code denominations_sig}. Any failure is a {@link WalletException}.
 */
public final class KeysParser {
    /** Most denominations / signing keys accepted in one reply. */
    public static final int MAX_ENTRIES = 10_000;

    private final ObjectMapper mapper;

    /** @param mapper a {@code TalerJson} mapper (for amounts and times) */
    public KeysParser(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * @param expectedMaster the master key the exchange must use, or null to accept the one it
     *     reports (signatures are then verified against that)
     */
    public ExchangeKeys parse(JsonNode k, EddsaPublicKey expectedMaster) {
        if (k == null || !k.isObject()) {
            throw new WalletException("/keys is not a JSON object");
        }
        String version = Fields.text(k, "version");
        String currency = Fields.text(k, "currency");
        EddsaPublicKey master = Fields.decode(k, "master_public_key", EddsaPublicKey::fromBase32);
        if (expectedMaster != null && !expectedMaster.equals(master)) {
            throw new WalletException("/keys master_public_key " + master + " is not the expected " + expectedMaster);
        }
        String baseUrl = Fields.text(k, "base_url");
        RelativeTime closingDelay = Fields.value(mapper, k, "reserve_closing_delay", RelativeTime.class);
        Timestamp listIssueDate = Fields.value(mapper, k, "list_issue_date", Timestamp.class);

        List<SignKey> signkeys = new ArrayList<>();
        for (JsonNode s : limited(Fields.array(k, "signkeys"), "signkeys")) {
            SignKey sk = new SignKey(Fields.decode(s, "key", EddsaPublicKey::fromBase32),
                    Fields.value(mapper, s, "stamp_start", Timestamp.class),
                    Fields.value(mapper, s, "stamp_expire", Timestamp.class),
                    Fields.value(mapper, s, "stamp_end", Timestamp.class),
                    Fields.decode(s, "master_sig", EddsaSignature::fromBase32));
            if (!sk.verify(master)) {
                throw new WalletException("bad master_sig of signkey " + sk.key());
            }
            signkeys.add(sk);
        }

        JsonNode denoms = limited(Fields.array(k, "denoms"), "denoms");
        if (denoms.isEmpty()) {
            throw new WalletException("/keys lists no denominations");
        }
        List<Denomination> list = new ArrayList<>();
        Map<HashCode, Denomination> byHash = new LinkedHashMap<>();
        Hashes.HashContext concat = Hashes.sha512Context();
        for (JsonNode d : denoms) {
            Denomination den = parseDenomination(d, Fields.object(d, "denom_pub"), currency);
            if (!den.verify(master)) {
                throw new WalletException("bad master_sig of " + den);
            }
            if (byHash.put(den.hash(), den) != null) {
                throw new WalletException("denomination listed twice: " + den);
            }
            list.add(den);
            concat.update(den.hash());
        }

        EddsaPublicKey eddsaPub = Fields.decode(k, "eddsa_pub", EddsaPublicKey::fromBase32);
        if (signkeys.stream().noneMatch(s -> s.key().equals(eddsaPub))) {
            throw new WalletException("eddsa_pub " + eddsaPub + " is not among the signkeys");
        }
        EddsaSignature eddsaSig = Fields.decode(k, "eddsa_sig", EddsaSignature::fromBase32);
        if (!new KeySet(listIssueDate, concat.finish()).verify(eddsaPub, eddsaSig)) {
            throw new WalletException("bad eddsa_sig over the denoms");
        }
        JsonNode groups = k.get("denominations");
        if (groups != null && !groups.isNull()) {
            verifyGroups(k, byHash, listIssueDate, eddsaPub);
        }

        Set<HashCode> recoup = new LinkedHashSet<>();
        JsonNode r = k.get("recoup");
        if (r != null && !r.isNull()) {
            for (JsonNode e : limited(Fields.array(k, "recoup"), "recoup")) {
                recoup.add(Fields.decode(e, "h_denom_pub", HashCode::fromBase32));
            }
        }
        return new ExchangeKeys(version, baseUrl, currency, master, closingDelay, signkeys, list, recoup,
                listIssueDate, eddsaPub, k);
    }

    private Denomination parseDenomination(JsonNode d, JsonNode denomPub, String currency) {
        DenominationKey key = CipherJson.parseDenomPub(denomPub);
        Denomination den = new Denomination(key, key.hash(), amount(d, "value", currency),
                amount(d, "fee_withdraw", currency), amount(d, "fee_deposit", currency),
                amount(d, "fee_refresh", currency), amount(d, "fee_refund", currency),
                Fields.value(mapper, d, "stamp_start", Timestamp.class),
                Fields.value(mapper, d, "stamp_expire_withdraw", Timestamp.class),
                Fields.value(mapper, d, "stamp_expire_deposit", Timestamp.class),
                Fields.value(mapper, d, "stamp_expire_legal", Timestamp.class),
                Fields.decode(d, "master_sig", EddsaSignature::fromBase32));
        return den;
    }

    private Amount amount(JsonNode parent, String field, String currency) {
        Amount a = Fields.value(mapper, parent, field, Amount.class);
        if (!a.isCurrency(currency)) {
            throw new WalletException(field + " " + a + " is not in the exchange currency " + currency);
        }
        return a;
    }

    /** The grouped list must hold exactly the flat keys, with the same amounts, and be signed. */
    private void verifyGroups(JsonNode k, Map<HashCode, Denomination> flat, Timestamp lid, EddsaPublicKey eddsaPub) {
        HashCode xorAll = HashCode.ZERO;
        Set<HashCode> seen = new LinkedHashSet<>();
        for (JsonNode g : limited(Fields.array(k, "denominations"), "denominations")) {
            String cipher = Fields.text(g, "cipher");
            boolean restricted = cipher.endsWith("+age_restricted");
            String base = restricted ? cipher.substring(0, cipher.indexOf('+')) : cipher;
            JsonNode am = g.get("age_mask");
            long maskBits = am == null || am.isNull() ? 0 : Fields.integer(g, "age_mask");
            if (restricted != (maskBits != 0)) {
                throw new WalletException("group cipher " + cipher + " with age_mask " + maskBits);
            }
            AgeMask mask;
            try {
                mask = AgeMask.of(maskBits);
            } catch (RuntimeException e) {
                throw new WalletException("bad group age_mask " + maskBits, e);
            }
            Amount value = Fields.value(mapper, g, "value", Amount.class);
            HashCode groupXor = HashCode.ZERO;
            for (JsonNode m : limited(Fields.array(g, "denoms"), "group denoms")) {
                DenominationKey key = switch (base) {
                    case CipherJson.RSA -> new DenominationKey.Rsa(
                            Fields.decode(m, "rsa_pub", RsaPublicKey::fromBase32), mask);
                    case CipherJson.CS -> new DenominationKey.Cs(Fields.decode(m, "cs_pub", CsPublicKey::fromBase32),
                            mask);
                    default -> throw new WalletException("unknown group cipher " + cipher);
                };
                HashCode h = key.hash();
                Denomination f = flat.get(h);
                if (f == null) {
                    throw new WalletException("grouped key " + h.toBase32() + " is not in denoms");
                }
                if (!f.value().equals(value)
                        || !f.feeWithdraw().equals(Fields.value(mapper, g, "fee_withdraw", Amount.class))
                        || !f.feeDeposit().equals(Fields.value(mapper, g, "fee_deposit", Amount.class))
                        || !f.feeRefresh().equals(Fields.value(mapper, g, "fee_refresh", Amount.class))
                        || !f.feeRefund().equals(Fields.value(mapper, g, "fee_refund", Amount.class))) {
                    throw new WalletException("group amounts disagree with denoms for " + f);
                }
                if (!seen.add(h)) {
                    throw new WalletException("key in two groups: " + h.toBase32());
                }
                groupXor = groupXor.xor(h);
            }
            if (!groupXor.equals(Fields.decode(g, "hash", HashCode::fromBase32))) {
                throw new WalletException("bad group hash of " + cipher + " " + value);
            }
            xorAll = xorAll.xor(groupXor);
        }
        if (!seen.equals(flat.keySet())) {
            throw new WalletException("denominations groups and denoms list different keys");
        }
        EddsaSignature sig = Fields.decode(k, "denominations_sig", EddsaSignature::fromBase32);
        if (!new KeySet(lid, xorAll).verify(eddsaPub, sig)) {
            throw new WalletException("bad denominations_sig");
        }
    }

    private static JsonNode limited(JsonNode array, String what) {
        if (array.size() > MAX_ENTRIES) {
            throw new WalletException(what + " has " + array.size() + " entries, more than " + MAX_ENTRIES);
        }
        return array;
    }
}
