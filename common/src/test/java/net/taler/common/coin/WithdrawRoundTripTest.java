package net.taler.common.coin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.age.AgeMask;
import net.taler.common.age.AgeRestriction;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.crypto.rsa.RsaSignature;
import org.junit.jupiter.api.Test;

/** Full withdrawals with freshly generated denomination keys: planchet, blind sign, unblind, verify. */
class WithdrawRoundTripTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RsaPrivateKey RSA = RsaPrivateKey.generate(1024);
    private static final RsaPrivateKey OTHER_RSA = RsaPrivateKey.generate(1024);
    private static final CsPrivateKey CS = CsPrivateKey.generate();

    private static PlanchetMasterSecret randomPs() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return new PlanchetMasterSecret(b);
    }

    private static BlindSignature signRsa(RsaPrivateKey key, Planchet p) {
        return new BlindSignature.Rsa(RsaBlinding.sign(key, ((BlindedPlanchet.Rsa) p.blinded()).blindedMessage()));
    }

    private static BlindSignature signCs(CsPrivateKey key, Planchet p, boolean forMelt) {
        return new BlindSignature.Cs(Cs.sign(key, ((BlindedPlanchet.Cs) p.blinded()).message(), forMelt));
    }

    @Test
    void rsaWithdraw() {
        DenominationKey.Rsa denom = new DenominationKey.Rsa(RSA.publicKey(), AgeMask.NONE);
        Planchet p = Planchets.forWithdraw(randomPs(), denom, null, null);
        assertTrue(p.ageCommitmentHash().isZero());
        assertTrue(p.csNonce().isEmpty());
        assertEquals(RsaBlinding.coinEnvelopeHash(denom.hash(), p.blinded().envelope()), p.envelopeHash());

        Coin coin = p.toCoin(signRsa(RSA, p));
        assertTrue(coin.verify());
        assertEquals(p.coinPub(), coin.coinPub());
        // a signature by another key does not unblind to a valid coin
        assertThrows(IllegalArgumentException.class, () -> p.unblind(signRsa(OTHER_RSA, p)));
        // a CS answer for an RSA planchet is refused
        assertThrows(IllegalArgumentException.class,
                () -> p.unblind(new BlindSignature.Cs(new CsBlindSignature(0, new byte[32]))));
    }

    @Test
    void rsaWalletWithdrawWithAgeRestriction() {
        AgeMask mask = AgeMask.DEFAULT;
        DenominationKey.Rsa denom = new DenominationKey.Rsa(RSA.publicKey(), mask);
        AgeCommitmentProof acp = AgeRestriction.commit(mask, 16);
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        Planchet p = Planchets.forWalletWithdrawal(denom, seed, 5, acp);
        assertEquals(acp.hash(), p.ageCommitmentHash());
        assertEquals(Planchets.coinPubHash(p.coinPub(), acp.hash()), p.coinPubHash());
        assertNotEquals(Planchets.coinPubHash(p.coinPub(), null), p.coinPubHash());

        Coin coin = p.toCoin(signRsa(RSA, p));
        assertTrue(coin.verify());
        assertEquals(acp, coin.ageCommitmentProof());
        // the signature covers the age commitment: without it the coin is invalid
        Coin stripped = new Coin(denom, coin.coinPriv(), coin.signature(), ShortHash.ZERO, null);
        assertFalse(stripped.verify());

        // the reserve signature over the planchet
        EddsaPrivateKey reserve = EddsaPrivateKey.generate();
        Amount withFee = Amount.parse("KUDOS:2.01");
        var req = p.withdrawRequest(withFee);
        assertTrue(req.verify(reserve.publicKey(), req.sign(reserve)));
        assertEquals(p.envelopeHash(), req.hCoinEnvelope());
    }

    @Test
    void recoupReblindGivesTheSameEnvelope() {
        DenominationKey.Rsa denom = new DenominationKey.Rsa(RSA.publicKey(), AgeMask.DEFAULT);
        AgeCommitmentProof acp = AgeRestriction.commit(AgeMask.DEFAULT, 0);
        Planchet p = Planchets.forWithdraw(randomPs(), denom, null, acp);
        BlindedPlanchet again = Planchets.blind(denom, p.coinPub(), acp.hash(), p.blindingKeySecret(), null, null);
        assertEquals(p.blinded(), again);
        assertEquals(p.envelopeHash(), again.envelopeHash(denom.hash()));
    }

    @Test
    void csWithdraw() {
        DenominationKey.Cs denom = new DenominationKey.Cs(CS.publicKey(), AgeMask.NONE);
        PlanchetMasterSecret ps = randomPs();
        CsNonce nonce = CsNonce.forWithdraw(ps);
        CsRPublicPair r = Cs.deriveRPublic(CS, nonce, false); // the exchange's /csr-withdraw answer
        Planchet p = Planchets.forWithdraw(ps, denom, r, null);
        assertEquals(nonce, p.csNonce().orElseThrow());
        assertEquals(r, p.csValues().orElseThrow());
        BlindedPlanchet.Cs ev = (BlindedPlanchet.Cs) p.blinded();
        assertEquals(ev.message().envelopeHash(denom.hash()), p.envelopeHash());
        assertEquals(DenominationKey.CIPHER_CS, ev.cipher());

        Coin coin = p.toCoin(signCs(CS, p, false));
        assertTrue(coin.verify());
        // signing with the melt label uses other R values: the result does not verify
        assertThrows(IllegalArgumentException.class, () -> p.unblind(signCs(CS, p, true)));
        // an RSA answer for a CS planchet is refused
        assertThrows(IllegalArgumentException.class,
                () -> p.unblind(new BlindSignature.Rsa(RsaSignature.of(java.math.BigInteger.TEN))));
    }

    @Test
    void csWithdrawWithAgeRestriction() {
        AgeMask mask = AgeMask.parse("8:14:18");
        DenominationKey.Cs denom = new DenominationKey.Cs(CS.publicKey(), mask);
        AgeCommitmentProof acp = AgeRestriction.commit(mask, 14);
        PlanchetMasterSecret ps = randomPs();
        CsRPublicPair r = Cs.deriveRPublic(CS, CsNonce.forWithdraw(ps), false);
        Planchet p = Planchets.forWithdraw(ps, denom, r, acp);
        Coin coin = p.toCoin(signCs(CS, p, false));
        assertTrue(coin.verify());
        BlindedPlanchet again = Planchets.blind(denom, p.coinPub(), acp.hash(), p.blindingKeySecret(), r,
                p.csNonce().orElseThrow());
        assertEquals(p.blinded(), again);
    }

    @Test
    void csNeedsExchangeValues() {
        DenominationKey.Cs denom = new DenominationKey.Cs(CS.publicKey(), AgeMask.NONE);
        assertThrows(IllegalArgumentException.class, () -> Planchets.forWithdraw(randomPs(), denom, null, null));
    }

    @Test
    void denominationHashesIncludeMaskAndCipher() {
        HashCode plain = new DenominationKey.Rsa(RSA.publicKey(), AgeMask.NONE).hash();
        assertEquals(RSA.publicKey().denominationHash(0), plain);
        assertNotEquals(plain, new DenominationKey.Rsa(RSA.publicKey(), AgeMask.DEFAULT).hash());
        assertEquals(CS.publicKey().denomPubHash(AgeMask.DEFAULT.bits()),
                new DenominationKey.Cs(CS.publicKey(), AgeMask.DEFAULT).hash());
    }

    @Test
    void walletDerivationsDiffer() {
        byte[] seed = new byte[32];
        CoinSecrets w = CoinSecrets.walletWithdrawal(seed, 0);
        CoinSecrets t = CoinSecrets.walletTip(seed, 0);
        assertNotEquals(w.coinPriv(), t.coinPriv());
        assertNotEquals(w.coinPriv(), CoinSecrets.walletWithdrawal(seed, 1).coinPriv());
        assertThrows(IllegalArgumentException.class, () -> CoinSecrets.walletWithdrawal(new byte[0], 0));
    }

    @Test
    void rsaEnvelopeValidation() {
        assertThrows(IllegalArgumentException.class, () -> new BlindedPlanchet.Rsa(new byte[0]));
        byte[] m = {0, 1, 2};
        BlindedPlanchet.Rsa a = new BlindedPlanchet.Rsa(m);
        m[0] = 9; // defensive copy
        assertEquals(new BlindedPlanchet.Rsa(new byte[] {0, 1, 2}), a);
        // leading zeros are part of the hashed envelope
        HashCode h = HashCode.ZERO;
        assertNotEquals(new BlindedPlanchet.Rsa(new byte[] {1, 2}).envelopeHash(h), a.envelopeHash(h));
    }
}
