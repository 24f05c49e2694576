package net.taler.testsupport.wallet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * A parsed and verified {@code /keys} reply (exchange-api.md 2.2): the fields a wallet uses.
 * Immutable; the original JSON tree is kept for tests that want to look at more.
 */
public final class ExchangeKeys {
    private final String version;
    private final String baseUrl;
    private final String currency;
    private final EddsaPublicKey masterPub;
    private final RelativeTime reserveClosingDelay;
    private final List<SignKey> signkeys;
    private final List<Denomination> denominations;
    private final Map<HashCode, Denomination> byHash;
    private final Set<HashCode> recoup;
    private final Timestamp listIssueDate;
    private final EddsaPublicKey eddsaPub;
    private final JsonNode json;

    /**
     * @param denominations the flat {@code denoms[]} list in reply order (no duplicates)
     * @param recoup revoked {@code h_denom_pub} values
     */
    public ExchangeKeys(String version, String baseUrl, String currency, EddsaPublicKey masterPub,
            RelativeTime reserveClosingDelay, List<SignKey> signkeys, List<Denomination> denominations,
            Set<HashCode> recoup, Timestamp listIssueDate, EddsaPublicKey eddsaPub, JsonNode json) {
        this.version = Objects.requireNonNull(version, "version");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.masterPub = Objects.requireNonNull(masterPub, "masterPub");
        this.reserveClosingDelay = Objects.requireNonNull(reserveClosingDelay, "reserveClosingDelay");
        this.signkeys = List.copyOf(signkeys);
        this.denominations = List.copyOf(denominations);
        Map<HashCode, Denomination> m = new LinkedHashMap<>();
        for (Denomination d : this.denominations) {
            if (m.put(d.hash(), d) != null) {
                throw new IllegalArgumentException("denomination listed twice: " + d.hash().toBase32());
            }
        }
        this.byHash = Collections.unmodifiableMap(m);
        this.recoup = Set.copyOf(recoup);
        this.listIssueDate = Objects.requireNonNull(listIssueDate, "listIssueDate");
        this.eddsaPub = Objects.requireNonNull(eddsaPub, "eddsaPub");
        this.json = json;
    }

    /** {@code version}, e.g. {@code "14:0:2"}. */
    public String version() {
        return version;
    }

    /** {@code base_url} as the exchange reports it. */
    public String baseUrl() {
        return baseUrl;
    }

    public String currency() {
        return currency;
    }

    /** {@code master_public_key}. */
    public EddsaPublicKey masterPub() {
        return masterPub;
    }

    /** {@code reserve_closing_delay}. */
    public RelativeTime reserveClosingDelay() {
        return reserveClosingDelay;
    }

    /** {@code signkeys[]}, all with verified master signatures. */
    public List<SignKey> signkeys() {
        return signkeys;
    }

    /** {@code denoms[]} in reply order, all with verified master signatures. */
    public List<Denomination> denominations() {
        return denominations;
    }

    /** Revoked denominations ({@code recoup[].h_denom_pub}). */
    public Set<HashCode> recoup() {
        return recoup;
    }

    /** {@code list_issue_date}. */
    public Timestamp listIssueDate() {
        return listIssueDate;
    }

    /** {@code eddsa_pub}: the online key that signed this reply. */
    public EddsaPublicKey eddsaPub() {
        return eddsaPub;
    }

    /** The reply as received (null if built by hand). */
    public JsonNode json() {
        return json;
    }

    /** The listed denomination with this hash. */
    public Optional<Denomination> denomination(HashCode hDenomPub) {
        return Optional.ofNullable(byHash.get(hDenomPub));
    }

    /**
     * The listed denomination with this hash.
     *
     * @throws WalletException if it is not listed
     */
    public Denomination requireDenomination(HashCode hDenomPub) {
        Denomination d = byHash.get(hDenomPub);
        if (d == null) {
            throw new WalletException("denomination " + hDenomPub.toBase32() + " is not in /keys");
        }
        return d;
    }

    /** True if {@code key} is one of the listed online signing keys. */
    public boolean isSignKey(EddsaPublicKey key) {
        return signkeys.stream().anyMatch(s -> s.key().equals(key));
    }

    /** The denominations a wallet may withdraw at {@code now} ({@link Denomination#isWithdrawable}). */
    public List<Denomination> withdrawable(Timestamp now) {
        List<Denomination> out = new ArrayList<>();
        for (Denomination d : denominations) {
            if (d.isWithdrawable(now) && !recoup.contains(d.hash())) {
                out.add(d);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ExchangeKeys(" + currency + ", " + denominations.size() + " denominations, " + signkeys.size()
                + " signkeys, master " + masterPub + ")";
    }
}
