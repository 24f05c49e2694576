package net.taler.common.coin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EcdhePrivateKey;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.TransferSecret;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.sig.wallet.CoinLink;
import net.taler.common.sig.wallet.CoinMelt;

/**
 * Client side of a refresh (crypto.md 7.3): the κ = 3 transfer keys and secrets, the fresh
 * planchets of every cut-and-choose index, the commitment {@code rc}, the melt request and,
 * once the exchange chose the not-revealed index, the reveal data and link signatures.
 * Immutable.
 */
public final class RefreshSession {
    private static final byte[] WALLET_TRANSFER_INFO = CoinSecrets.ascii("taler-transfer-pub-derivation");

    private final EddsaPrivateKey oldCoinPriv;
    private final HashCode oldDenomPubHash;
    private final AgeCommitmentProof oldAgeCommitmentProof;
    private final Amount meltAmountWithFee;
    private final Amount meltFee;
    private final List<EcdhePrivateKey> transferPrivs;
    private final List<EcdhePublicKey> transferPubs;
    private final List<TransferSecret> transferSecrets;
    private final List<List<Planchet>> planchets;
    private final RefreshCommitment commitment;
    private final HashCode rc;

    private RefreshSession(EddsaPrivateKey oldCoinPriv, HashCode oldDenomPubHash, AgeCommitmentProof oldAcp,
            Amount meltAmountWithFee, Amount meltFee, List<EcdhePrivateKey> transferPrivs,
            List<EcdhePublicKey> transferPubs, List<TransferSecret> transferSecrets, List<List<Planchet>> planchets,
            RefreshCommitment commitment) {
        this.oldCoinPriv = oldCoinPriv;
        this.oldDenomPubHash = oldDenomPubHash;
        this.oldAgeCommitmentProof = oldAcp;
        this.meltAmountWithFee = meltAmountWithFee;
        this.meltFee = meltFee;
        this.transferPrivs = transferPrivs;
        this.transferPubs = transferPubs;
        this.transferSecrets = transferSecrets;
        this.planchets = planchets;
        this.commitment = commitment;
        this.rc = commitment.hash();
    }

    /**
     * The wallet's transfer private key {@code i} ({@code setupRefreshTransferPub},
     * client-side choice): {@code KDF(32; u32be(i); session_seed; "taler-transfer-pub-derivation")}.
     */
    public static EcdhePrivateKey walletTransferPrivateKey(byte[] sessionSeed, int index) {
        Objects.requireNonNull(sessionSeed, "sessionSeed");
        return new EcdhePrivateKey(Kdf.kdf(EcdhePrivateKey.SIZE, CoinSecrets.u32be(index), sessionSeed,
                WALLET_TRANSFER_INFO));
    }

    /**
     * The melt amount as wallet and C client compute it: the sum over the fresh coins of
     * value plus withdraw fee, plus the melt fee.
     */
    public static Amount meltAmountWithFee(List<Amount> freshValues, List<Amount> freshWithdrawFees, Amount meltFee) {
        Objects.requireNonNull(freshValues, "freshValues");
        Objects.requireNonNull(freshWithdrawFees, "freshWithdrawFees");
        if (freshValues.size() != freshWithdrawFees.size()) {
            throw new IllegalArgumentException("one withdraw fee per fresh coin needed");
        }
        Amount total = Amount.zero(meltFee.currency());
        for (int i = 0; i < freshValues.size(); i++) {
            total = total.add(freshValues.get(i)).add(freshWithdrawFees.get(i));
        }
        return total.add(meltFee);
    }

    /**
     * The Dec 2022 wallet's session ({@code deriveRefreshSession}): transfer keys from the
     * session seed, no refresh master secret, RSA fresh denominations only.
     *
     * @param oldAgeCommitmentProof the melted coin's age commitment, null if none
     */
    public static RefreshSession forWallet(EddsaPrivateKey oldCoinPriv, HashCode oldDenomPubHash,
            AgeCommitmentProof oldAgeCommitmentProof, byte[] sessionSeed, List<DenominationKey> freshDenominations,
            Amount meltAmountWithFee, Amount meltFee) {
        List<EcdhePrivateKey> tps = new ArrayList<>(RefreshCommitment.KAPPA);
        for (int i = 0; i < RefreshCommitment.KAPPA; i++) {
            tps.add(walletTransferPrivateKey(sessionSeed, i));
        }
        return create(oldCoinPriv, oldDenomPubHash, oldAgeCommitmentProof, tps, freshDenominations,
                meltAmountWithFee, meltFee, null, null);
    }

    /**
     * The C client's session ({@code TALER_EXCHANGE_get_melt_data_}): transfer keys and CS
     * nonces from the refresh master secret, which prefixes {@code rc} iff a fresh
     * denomination uses CS.
     *
     * @param csValues per fresh coin the {@code /csr-melt} (R0, R1) for nonce
     *     {@code rms.csNonce(j)}, null entries (or a null list) for RSA coins
     */
    public static RefreshSession forCClient(EddsaPrivateKey oldCoinPriv, HashCode oldDenomPubHash,
            AgeCommitmentProof oldAgeCommitmentProof, RefreshMasterSecret rms, List<DenominationKey> freshDenominations,
            List<CsRPublicPair> csValues, Amount meltAmountWithFee, Amount meltFee) {
        Objects.requireNonNull(rms, "rms");
        List<EcdhePrivateKey> tps = new ArrayList<>(RefreshCommitment.KAPPA);
        for (int i = 0; i < RefreshCommitment.KAPPA; i++) {
            tps.add(rms.transferPrivateKey(oldCoinPriv, i));
        }
        return create(oldCoinPriv, oldDenomPubHash, oldAgeCommitmentProof, tps, freshDenominations,
                meltAmountWithFee, meltFee, rms, csValues);
    }

    /**
     * A session with explicit transfer keys. CS fresh coins need {@code rms} (their nonce is
     * {@code rms.csNonce(j)}) and their {@code csValues}; {@code rms} enters {@code rc} iff a
     * fresh coin uses CS.
     *
     * @throws IllegalArgumentException for wrong list sizes, missing CS inputs or a melted
     *     coin key that gives no transfer secret
     */
    public static RefreshSession create(EddsaPrivateKey oldCoinPriv, HashCode oldDenomPubHash,
            AgeCommitmentProof oldAgeCommitmentProof, List<EcdhePrivateKey> transferPrivs,
            List<DenominationKey> freshDenominations, Amount meltAmountWithFee, Amount meltFee,
            RefreshMasterSecret rms, List<CsRPublicPair> csValues) {
        Objects.requireNonNull(oldCoinPriv, "oldCoinPriv");
        Objects.requireNonNull(oldDenomPubHash, "oldDenomPubHash");
        Objects.requireNonNull(meltAmountWithFee, "meltAmountWithFee");
        Objects.requireNonNull(meltFee, "meltFee");
        List<EcdhePrivateKey> tps = List.copyOf(Objects.requireNonNull(transferPrivs, "transferPrivs"));
        List<DenominationKey> denoms = List.copyOf(Objects.requireNonNull(freshDenominations, "freshDenominations"));
        if (tps.size() != RefreshCommitment.KAPPA) {
            throw new IllegalArgumentException("need " + RefreshCommitment.KAPPA + " transfer private keys");
        }
        if (denoms.isEmpty()) {
            throw new IllegalArgumentException("no fresh coins");
        }
        if (csValues != null && csValues.size() != denoms.size()) {
            throw new IllegalArgumentException("csValues needs one entry per fresh coin");
        }
        boolean usesCs = denoms.stream().anyMatch(d -> d instanceof DenominationKey.Cs);
        if (usesCs && rms == null) {
            throw new IllegalArgumentException("CS fresh coins need a refresh master secret");
        }
        List<HashCode> denomHashes = denoms.stream().map(DenominationKey::hash).toList();
        List<EcdhePublicKey> tpubs = new ArrayList<>();
        List<TransferSecret> secrets = new ArrayList<>();
        List<List<Planchet>> rows = new ArrayList<>();
        List<List<BlindedPlanchet>> envelopes = new ArrayList<>();
        for (EcdhePrivateKey tp : tps) {
            tpubs.add(tp.publicKey());
            TransferSecret ts = TransferSecret.derive(tp, oldCoinPriv.publicKey())
                    .orElseThrow(() -> new IllegalArgumentException("no transfer secret for this coin key"));
            secrets.add(ts);
            // the derived age commitment depends only on the transfer secret: once per index
            AgeCommitmentProof freshAcp = oldAgeCommitmentProof == null ? null : oldAgeCommitmentProof.derive(ts);
            List<Planchet> row = new ArrayList<>(denoms.size());
            for (int j = 0; j < denoms.size(); j++) {
                DenominationKey d = denoms.get(j);
                CsRPublicPair r = null;
                CsNonce nonce = null;
                if (d instanceof DenominationKey.Cs) {
                    r = csValues == null ? null : csValues.get(j);
                    nonce = rms.csNonce(j);
                }
                row.add(Planchets.create(d, Planchets.refreshSecrets(ts, j, d, r), freshAcp, r, nonce));
            }
            rows.add(List.copyOf(row));
            envelopes.add(row.stream().map(Planchet::blinded).toList());
        }
        RefreshCommitment commitment = new RefreshCommitment(usesCs ? rms : null, tpubs, denomHashes,
                oldCoinPriv.publicKey(), meltAmountWithFee, envelopes);
        return new RefreshSession(oldCoinPriv, oldDenomPubHash, oldAgeCommitmentProof, meltAmountWithFee, meltFee,
                tps, List.copyOf(tpubs), List.copyOf(secrets), List.copyOf(rows), commitment);
    }

    /** {@code rc}. */
    public HashCode rc() {
        return rc;
    }

    /** All inputs of {@code rc}. */
    public RefreshCommitment commitment() {
        return commitment;
    }

    public Amount meltAmountWithFee() {
        return meltAmountWithFee;
    }

    public List<EcdhePrivateKey> transferPrivs() {
        return transferPrivs;
    }

    public List<EcdhePublicKey> transferPubs() {
        return transferPubs;
    }

    public List<TransferSecret> transferSecrets() {
        return transferSecrets;
    }

    /** The fresh planchets of cut-and-choose index {@code gamma}, in coin order. */
    public List<Planchet> planchets(int gamma) {
        return planchets.get(checkGamma(gamma));
    }

    /** The melted coin's age commitment proof, if any. */
    public Optional<AgeCommitmentProof> oldAgeCommitmentProof() {
        return Optional.ofNullable(oldAgeCommitmentProof);
    }

    /** The melt signature block (purpose 1202). */
    public CoinMelt meltRequest() {
        ShortHash oldAch = oldAgeCommitmentProof == null ? ShortHash.ZERO : oldAgeCommitmentProof.hash();
        return new CoinMelt(rc, oldDenomPubHash, oldAch, meltAmountWithFee, meltFee);
    }

    /** {@code confirm_sig} of the melt request, by the melted coin. */
    public EddsaSignature meltSignature() {
        return meltRequest().sign(oldCoinPriv);
    }

    /** The {@code transfer_privs} of the reveal request: all but {@code noreveal}, in order. */
    public List<EcdhePrivateKey> revealedTransferPrivs(int noreveal) {
        checkGamma(noreveal);
        List<EcdhePrivateKey> out = new ArrayList<>(RefreshCommitment.KAPPA - 1);
        for (int i = 0; i < RefreshCommitment.KAPPA; i++) {
            if (i != noreveal) {
                out.add(transferPrivs.get(i));
            }
        }
        return List.copyOf(out);
    }

    /** The {@code link_sigs} of the reveal request (purpose 1204 per fresh coin of {@code noreveal}). */
    public List<EddsaSignature> linkSignatures(int noreveal) {
        EcdhePublicKey tp = transferPubs.get(checkGamma(noreveal));
        List<EddsaSignature> out = new ArrayList<>();
        for (Planchet p : planchets.get(noreveal)) {
            CoinLink link = p.linkRequest(tp);
            out.add(link.sign(oldCoinPriv));
        }
        return List.copyOf(out);
    }

    private static int checkGamma(int gamma) {
        if (gamma < 0 || gamma >= RefreshCommitment.KAPPA) {
            throw new IllegalArgumentException("cut-and-choose index must be in 0.." + (RefreshCommitment.KAPPA - 1));
        }
        return gamma;
    }
}
