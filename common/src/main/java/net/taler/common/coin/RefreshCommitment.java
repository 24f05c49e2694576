package net.taler.common.coin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;

/**
 * The inputs of the refresh commitment {@code rc} and its computation (crypto.md 2.5.8, C
 * {@code TALER_refresh_get_commitment}): SHA-512 over the optional refresh master secret,
 * the {@value #KAPPA} transfer public keys, the {@code h_denom_pub} of every fresh coin, the
 * melted coin's public key, the melt amount with fee, and for each cut-and-choose index and
 * each fresh coin {@code u32be(cipher) || envelope}.
 *
 * @param refreshMasterSecret prefixed to the hash when not null (C clients using CS); the
 *     wallet never sends one
 * @param transferPubs the κ transfer public keys in cut-and-choose order
 * @param freshDenomHashes {@code h_denom_pub} of each fresh coin, in coin order
 * @param meltedCoinPub the melted coin's public key
 * @param amountWithFee the melt amount including the melt fee, as in the melt request
 * @param planchets for each cut-and-choose index, the envelopes of the fresh coins in coin
 *     order
 */
public record RefreshCommitment(
        RefreshMasterSecret refreshMasterSecret,
        List<EcdhePublicKey> transferPubs,
        List<HashCode> freshDenomHashes,
        EddsaPublicKey meltedCoinPub,
        Amount amountWithFee,
        List<List<BlindedPlanchet>> planchets) {
    /** The cut-and-choose parameter κ of the protocol ({@code TALER_CNC_KAPPA}). */
    public static final int KAPPA = 3;

    /**
     * @throws IllegalArgumentException unless there are exactly κ transfer keys and κ rows
     *     of envelopes, each with one envelope per fresh coin (at least one)
     */
    public RefreshCommitment {
        Objects.requireNonNull(transferPubs, "transferPubs");
        Objects.requireNonNull(freshDenomHashes, "freshDenomHashes");
        Objects.requireNonNull(meltedCoinPub, "meltedCoinPub");
        Objects.requireNonNull(amountWithFee, "amountWithFee");
        Objects.requireNonNull(planchets, "planchets");
        transferPubs = List.copyOf(transferPubs);
        freshDenomHashes = List.copyOf(freshDenomHashes);
        if (transferPubs.size() != KAPPA) {
            throw new IllegalArgumentException("need " + KAPPA + " transfer public keys, got " + transferPubs.size());
        }
        if (planchets.size() != KAPPA) {
            throw new IllegalArgumentException("need " + KAPPA + " rows of planchets, got " + planchets.size());
        }
        if (freshDenomHashes.isEmpty()) {
            throw new IllegalArgumentException("no fresh coins");
        }
        List<List<BlindedPlanchet>> rows = new ArrayList<>(KAPPA);
        for (List<BlindedPlanchet> row : planchets) {
            List<BlindedPlanchet> copy = List.copyOf(row);
            if (copy.size() != freshDenomHashes.size()) {
                throw new IllegalArgumentException("each cut-and-choose row needs " + freshDenomHashes.size()
                        + " planchets, got " + copy.size());
            }
            rows.add(copy);
        }
        planchets = List.copyOf(rows);
    }

    /** The number of fresh coins. */
    public int freshCoinCount() {
        return freshDenomHashes.size();
    }

    /** {@code rc} (64 bytes). */
    public HashCode hash() {
        Hashes.HashContext ctx = Hashes.sha512Context();
        if (refreshMasterSecret != null) {
            ctx.update(refreshMasterSecret.bytes());
        }
        for (EcdhePublicKey t : transferPubs) {
            ctx.update(t);
        }
        for (HashCode h : freshDenomHashes) {
            ctx.update(h);
        }
        ctx.update(meltedCoinPub);
        ctx.update(amountWithFee.toNbo());
        for (List<BlindedPlanchet> row : planchets) {
            for (BlindedPlanchet p : row) {
                p.hashInto(ctx);
            }
        }
        return ctx.finish();
    }
}
