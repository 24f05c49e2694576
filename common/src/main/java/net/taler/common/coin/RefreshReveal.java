package net.taler.common.coin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import net.taler.common.age.AgeCommitment;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EcdhePrivateKey;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.TransferSecret;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;

/**
 * Exchange side of {@code /refreshes/$RCH/reveal} (crypto.md 7.3 "Exchange reveal check",
 * C {@code check_commitment}): from the melt record and the reveal request, recompute every
 * fresh planchet of the revealed cut-and-choose indices and with them {@code rc}.
 *
 * @param meltedCoinPub the melted coin (from the melt record)
 * @param meltAmountWithFee the melt amount with fee (from the melt record)
 * @param norevealIndex the index the exchange chose
 * @param norevealTransferPub the request's {@code transfer_pub}
 * @param revealedTransferPrivs the request's {@code transfer_privs}: κ−1 keys, the indices
 *     other than {@code norevealIndex} in order
 * @param freshDenominations the fresh coins' denominations ({@code new_denoms_h} resolved)
 * @param norevealPlanchets the request's {@code coin_evs}
 * @param oldAgeCommitment the request's {@code old_age_commitment} (already checked against
 *     the melted coin's {@code h_age_commitment}), or null
 * @param csValues for each fresh CS coin the R values the exchange derives with label "rm"
 *     for the nonce of its {@code coin_evs} entry; null entries or a null list for RSA
 * @param refreshMasterSecret the request's {@code rms}, or null when it sent none
 */
public record RefreshReveal(
        EddsaPublicKey meltedCoinPub,
        Amount meltAmountWithFee,
        int norevealIndex,
        EcdhePublicKey norevealTransferPub,
        List<EcdhePrivateKey> revealedTransferPrivs,
        List<DenominationKey> freshDenominations,
        List<BlindedPlanchet> norevealPlanchets,
        AgeCommitment oldAgeCommitment,
        List<CsRPublicPair> csValues,
        RefreshMasterSecret refreshMasterSecret) {
    /**
     * @throws IllegalArgumentException for wrong counts, an index out of range, or an
     *     envelope whose cipher differs from its denomination's
     */
    public RefreshReveal {
        Objects.requireNonNull(meltedCoinPub, "meltedCoinPub");
        Objects.requireNonNull(meltAmountWithFee, "meltAmountWithFee");
        Objects.requireNonNull(norevealTransferPub, "norevealTransferPub");
        revealedTransferPrivs = List.copyOf(Objects.requireNonNull(revealedTransferPrivs, "revealedTransferPrivs"));
        freshDenominations = List.copyOf(Objects.requireNonNull(freshDenominations, "freshDenominations"));
        norevealPlanchets = List.copyOf(Objects.requireNonNull(norevealPlanchets, "norevealPlanchets"));
        if (norevealIndex < 0 || norevealIndex >= RefreshCommitment.KAPPA) {
            throw new IllegalArgumentException("noreveal index out of range: " + norevealIndex);
        }
        if (revealedTransferPrivs.size() != RefreshCommitment.KAPPA - 1) {
            throw new IllegalArgumentException("need " + (RefreshCommitment.KAPPA - 1) + " transfer private keys");
        }
        if (freshDenominations.isEmpty() || freshDenominations.size() != norevealPlanchets.size()) {
            throw new IllegalArgumentException("one envelope per fresh denomination needed");
        }
        if (csValues != null) {
            if (csValues.size() != freshDenominations.size()) {
                throw new IllegalArgumentException("csValues needs one entry per fresh coin");
            }
            csValues = java.util.Collections.unmodifiableList(new ArrayList<>(csValues));
        }
        for (int j = 0; j < freshDenominations.size(); j++) {
            DenominationKey d = freshDenominations.get(j);
            if (d.cipher() != norevealPlanchets.get(j).cipher()) {
                throw new IllegalArgumentException("cipher mismatch for fresh coin " + j);
            }
            if (d instanceof DenominationKey.Cs && (csValues == null || csValues.get(j) == null)) {
                throw new IllegalArgumentException("CS fresh coin " + j + " needs its R values");
            }
        }
    }

    /**
     * The fresh planchets of a revealed index, recomputed from its transfer private key
     * (coin keys, blinding secrets, derived age commitment hash, envelopes; CS coins reuse
     * the nonces of {@code norevealPlanchets}).
     *
     * @throws IllegalArgumentException if no transfer secret results (invalid melted coin
     *     key) or the old age commitment has an invalid key
     */
    public List<Planchet> recomputePlanchets(EcdhePrivateKey transferPriv) {
        Objects.requireNonNull(transferPriv, "transferPriv");
        TransferSecret ts = TransferSecret.derive(transferPriv, meltedCoinPub)
                .orElseThrow(() -> new IllegalArgumentException("no transfer secret for the melted coin"));
        ShortHash ach = Planchets.derivedAgeHash(oldAgeCommitment, ts);
        List<Planchet> out = new ArrayList<>(freshDenominations.size());
        for (int j = 0; j < freshDenominations.size(); j++) {
            DenominationKey d = freshDenominations.get(j);
            CsRPublicPair r = null;
            CsNonce nonce = null;
            if (norevealPlanchets.get(j) instanceof BlindedPlanchet.Cs cs) {
                r = csValues.get(j);
                nonce = cs.message().nonce();
            }
            out.add(Planchets.createWithAgeHash(d, Planchets.refreshSecrets(ts, j, d, r), ach, r, nonce));
        }
        return List.copyOf(out);
    }

    /** The commitment with the revealed indices recomputed and the client's envelopes at {@code norevealIndex}. */
    public RefreshCommitment expectedCommitment() {
        List<EcdhePublicKey> tpubs = new ArrayList<>(RefreshCommitment.KAPPA);
        List<List<BlindedPlanchet>> rows = new ArrayList<>(RefreshCommitment.KAPPA);
        int off = 0;
        for (int i = 0; i < RefreshCommitment.KAPPA; i++) {
            if (i == norevealIndex) {
                tpubs.add(norevealTransferPub);
                rows.add(norevealPlanchets);
                off = 1;
            } else {
                EcdhePrivateKey tp = revealedTransferPrivs.get(i - off);
                tpubs.add(tp.publicKey());
                rows.add(recomputePlanchets(tp).stream().map(Planchet::blinded).toList());
            }
        }
        return new RefreshCommitment(refreshMasterSecret, tpubs,
                freshDenominations.stream().map(DenominationKey::hash).toList(), meltedCoinPub, meltAmountWithFee, rows);
    }

    /** {@code rc_expected}. */
    public HashCode expectedRc() {
        return expectedCommitment().hash();
    }

    /** True if the recomputed commitment equals the melt's {@code rc}; never throws. */
    public boolean matches(HashCode rc) {
        try {
            return rc != null && expectedRc().equals(rc);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
