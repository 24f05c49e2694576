package net.taler.httpd.keys;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.coin.DenominationKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.KeyStateSnapshot;
import net.taler.common.keys.SigningKey;
import net.taler.common.time.Timestamp;

/**
 * One immutable key state (operations.md 3.3): the security modules' keys joined with the
 * master-signed database rows, plus the replies built from them. A new state replaces the old
 * one atomically; requests keep using the state they started with.
 */
public final class KeyState {
    private final Timestamp builtAt;
    private final HelperKeys helper;
    private final KeyStateSnapshot snapshot;
    private final CachedReply keys;
    private final String keysUnavailable;
    private final CachedReply wire;
    private final TalerErrorCode wireError;
    private final String wireErrorDetail;
    private final byte[] managementKeys;
    private final Timestamp nextBoundary;
    private final Map<HashCode, Denomination> denominations = new HashMap<>();
    private final Map<EddsaPublicKey, SigningKey> signingKeys = new HashMap<>();

    KeyState(Timestamp builtAt, HelperKeys helper, KeyStateSnapshot snapshot, CachedReply keys,
            String keysUnavailable, CachedReply wire, TalerErrorCode wireError, String wireErrorDetail,
            byte[] managementKeys, Timestamp nextBoundary) {
        this.builtAt = builtAt;
        this.helper = helper;
        this.snapshot = snapshot;
        this.keys = keys;
        this.keysUnavailable = keysUnavailable;
        this.wire = wire;
        this.wireError = wireError;
        this.wireErrorDetail = wireErrorDetail;
        this.managementKeys = managementKeys;
        this.nextBoundary = nextBoundary;
        for (Denomination d : snapshot.denominations()) {
            denominations.put(d.hDenomPub(), d);
        }
        for (SigningKey k : snapshot.signingKeys()) {
            signingKeys.put(k.exchangePub(), k);
        }
    }

    public Timestamp builtAt() {
        return builtAt;
    }

    public HelperKeys helper() {
        return helper;
    }

    public KeyStateSnapshot snapshot() {
        return snapshot;
    }

    /** The cached {@code /keys} reply, or null (see {@link #keysUnavailable()}). */
    public CachedReply keys() {
        return keys;
    }

    public String keysUnavailable() {
        return keysUnavailable;
    }

    /** The cached {@code /wire} reply, or null (see {@link #wireError()}). */
    public CachedReply wire() {
        return wire;
    }

    public TalerErrorCode wireError() {
        return wireError;
    }

    public String wireErrorDetail() {
        return wireErrorDetail;
    }

    /** The {@code GET /management/keys} body. */
    public byte[] managementKeys() {
        return managementKeys;
    }

    /** When the state must be rebuilt because a key or fee period starts or ends. */
    public Timestamp nextBoundary() {
        return nextBoundary;
    }

    /** A master-signed denomination (revoked or not) by {@code h_denom_pub}. */
    public Optional<Denomination> denomination(HashCode hDenomPub) {
        return Optional.ofNullable(denominations.get(hDenomPub));
    }

    /**
     * The helper's hash of a denomination's key, as the security module announced it in this
     * state (no per-request key decoding). A key no longer announced gets its hash computed:
     * the helper then refuses with its own error code.
     */
    public HashCode helperHash(Denomination d) {
        HelperKeys.Denom announced = helper.denoms().get(d.hDenomPub());
        if (announced != null) {
            return announced.helperHash();
        }
        return d.key() instanceof DenominationKey.Cs cs ? cs.key().secmodHash()
                : ((DenominationKey.Rsa) d.key()).key().hash();
    }

    /** A master-signed online signing key (revoked or not). */
    public Optional<SigningKey> signingKey(EddsaPublicKey pub) {
        return Optional.ofNullable(signingKeys.get(pub));
    }
}
