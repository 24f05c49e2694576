package net.taler.common.coin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.age.AgeMask;
import net.taler.common.age.AgeRestriction;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import org.junit.jupiter.api.Test;

/**
 * Refresh with κ = 3: the client's commitment is recomputed by the exchange from the
 * revealed secrets for every possible noreveal index; tampering is detected; link recovers
 * the coins.
 */
class RefreshRoundTripTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RsaPrivateKey RSA = RsaPrivateKey.generate(1024);
    private static final CsPrivateKey CS = CsPrivateKey.generate();
    private static final Amount MELT = Amount.parse("KUDOS:5");
    private static final Amount MELT_FEE = Amount.parse("KUDOS:0.01");

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static List<BlindedPlanchet> envelopes(RefreshSession s, int gamma) {
        return s.planchets(gamma).stream().map(Planchet::blinded).toList();
    }

    private static RefreshReveal reveal(RefreshSession s, EddsaPrivateKey old, List<DenominationKey> fresh, int noreveal,
            AgeCommitmentProof oldAcp, List<CsRPublicPair> cs, RefreshMasterSecret rms) {
        return new RefreshReveal(old.publicKey(), s.meltAmountWithFee(), noreveal, s.transferPubs().get(noreveal),
                s.revealedTransferPrivs(noreveal), fresh, envelopes(s, noreveal),
                oldAcp == null ? null : oldAcp.commitment(), cs, rms);
    }

    @Test
    void walletRefreshWithAgeCommitment() {
        AgeMask mask = AgeMask.DEFAULT;
        EddsaPrivateKey old = EddsaPrivateKey.generate();
        AgeCommitmentProof oldAcp = AgeRestriction.commit(mask, 12);
        DenominationKey.Rsa restricted = new DenominationKey.Rsa(RSA.publicKey(), mask);
        DenominationKey.Rsa plain = new DenominationKey.Rsa(RSA.publicKey(), AgeMask.NONE);
        List<DenominationKey> fresh = List.of(restricted, plain, restricted);
        RefreshSession s = RefreshSession.forWallet(old, restricted.hash(), oldAcp, random(64), fresh, MELT, MELT_FEE);

        assertEquals(oldAcp.hash(), s.meltRequest().hAgeCommitment());
        assertTrue(s.meltRequest().verify(old.publicKey(), s.meltSignature()));
        for (int noreveal = 0; noreveal < RefreshCommitment.KAPPA; noreveal++) {
            RefreshReveal r = reveal(s, old, fresh, noreveal, oldAcp, null, null);
            assertTrue(r.matches(s.rc()), "noreveal " + noreveal);
            assertEquals(s.commitment(), r.expectedCommitment());
            // every fresh coin's age commitment is derived from the old one with the transfer secret
            for (Planchet p : s.planchets(noreveal)) {
                AgeCommitmentProof derived = p.ageCommitmentProof().orElseThrow();
                assertEquals(oldAcp.commitment().derive(s.transferSecrets().get(noreveal)).orElseThrow(),
                        derived.commitment());
                assertEquals(oldAcp.attestableGroup(), derived.attestableGroup());
                assertTrue(derived.commitment().verifyAttestation(12, derived.attest(12).orElseThrow()));
                assertTrue(derived.attest(14).isEmpty());
            }
        }

        int noreveal = 1;
        // tampering: the old age commitment missing, a swapped key order, a different amount or envelope
        assertFalse(reveal(s, old, fresh, noreveal, null, null, null).matches(s.rc()));
        List<net.taler.common.crypto.EcdhePrivateKey> swapped = new ArrayList<>(s.revealedTransferPrivs(noreveal));
        java.util.Collections.reverse(swapped);
        assertFalse(new RefreshReveal(old.publicKey(), MELT, noreveal, s.transferPubs().get(noreveal), swapped, fresh,
                envelopes(s, noreveal), oldAcp.commitment(), null, null).matches(s.rc()));
        assertFalse(new RefreshReveal(old.publicKey(), Amount.parse("KUDOS:5.01"), noreveal,
                s.transferPubs().get(noreveal), s.revealedTransferPrivs(noreveal), fresh, envelopes(s, noreveal),
                oldAcp.commitment(), null, null).matches(s.rc()));
        List<BlindedPlanchet> evs = new ArrayList<>(envelopes(s, noreveal));
        evs.set(0, envelopes(s, 0).get(0));
        assertFalse(new RefreshReveal(old.publicKey(), MELT, noreveal, s.transferPubs().get(noreveal),
                s.revealedTransferPrivs(noreveal), fresh, evs, oldAcp.commitment(), null, null).matches(s.rc()));

        // reveal, sign, link
        List<EddsaSignature> linkSigs = s.linkSignatures(noreveal);
        List<LinkData.LinkedCoin> linked = new ArrayList<>();
        for (int j = 0; j < fresh.size(); j++) {
            Planchet p = s.planchets(noreveal).get(j);
            BlindSignature bs = new BlindSignature.Rsa(
                    RsaBlinding.sign(RSA, ((BlindedPlanchet.Rsa) p.blinded()).blindedMessage()));
            assertTrue(p.toCoin(bs).verify());
            linked.add(new LinkData.LinkedCoin(p.denomination(), bs, j, linkSigs.get(j), null, null));
        }
        List<Coin> coins = new LinkData(s.transferPubs().get(noreveal), linked).recover(old, oldAcp);
        for (int j = 0; j < fresh.size(); j++) {
            assertEquals(s.planchets(noreveal).get(j).coinPub(), coins.get(j).coinPub());
            assertEquals(s.planchets(noreveal).get(j).ageCommitmentProof().orElseThrow(),
                    coins.get(j).ageCommitmentProof());
            assertTrue(coins.get(j).verify());
        }
        // link data from another transfer key does not match the link signatures
        assertThrows(IllegalArgumentException.class,
                () -> new LinkData(s.transferPubs().get(0), linked).recover(old, oldAcp));
    }

    @Test
    void cClientRefreshWithCs() {
        EddsaPrivateKey old = EddsaPrivateKey.generate();
        RefreshMasterSecret rms = new RefreshMasterSecret(random(32));
        DenominationKey.Cs cs = new DenominationKey.Cs(CS.publicKey(), AgeMask.NONE);
        DenominationKey.Rsa rsa = new DenominationKey.Rsa(RSA.publicKey(), AgeMask.NONE);
        List<DenominationKey> fresh = List.of(cs, rsa, cs);
        // what /csr-melt answers for the nonces of the CS coins
        List<CsRPublicPair> rValues = new ArrayList<>();
        for (int j = 0; j < fresh.size(); j++) {
            rValues.add(fresh.get(j) instanceof DenominationKey.Cs ? Cs.deriveRPublic(CS, rms.csNonce(j), true) : null);
        }
        Amount melt = RefreshSession.meltAmountWithFee(
                List.of(Amount.parse("KUDOS:1"), Amount.parse("KUDOS:2"), Amount.parse("KUDOS:1")),
                List.of(Amount.parse("KUDOS:0.01"), Amount.parse("KUDOS:0.02"), Amount.parse("KUDOS:0.01")), MELT_FEE);
        assertEquals(Amount.parse("KUDOS:4.05"), melt);
        HashCode oldDenom = rsa.hash();
        RefreshSession s = RefreshSession.forCClient(old, oldDenom, null, rms, fresh, rValues, melt, MELT_FEE);
        assertEquals(rms, s.commitment().refreshMasterSecret());
        // the same nonce for a coin in every cut-and-choose index, with different coin keys
        assertEquals(s.planchets(0).get(2).csNonce(), s.planchets(2).get(2).csNonce());
        assertNotEquals(s.planchets(0).get(2).coinPub(), s.planchets(2).get(2).coinPub());
        assertEquals(rms.transferPrivateKey(old, 1), s.transferPrivs().get(1));

        for (int noreveal = 0; noreveal < RefreshCommitment.KAPPA; noreveal++) {
            // the exchange derives the R values itself, from the nonces in coin_evs
            List<CsRPublicPair> exchangeR = new ArrayList<>();
            for (BlindedPlanchet ev : envelopes(s, noreveal)) {
                exchangeR.add(ev instanceof BlindedPlanchet.Cs c ? Cs.deriveRPublic(CS, c.message().nonce(), true) : null);
            }
            assertTrue(reveal(s, old, fresh, noreveal, null, exchangeR, rms).matches(s.rc()), "noreveal " + noreveal);
            // without rms in the reveal the commitment differs
            assertFalse(reveal(s, old, fresh, noreveal, null, exchangeR, null).matches(s.rc()));
        }

        int noreveal = 2;
        List<EddsaSignature> linkSigs = s.linkSignatures(noreveal);
        List<LinkData.LinkedCoin> linked = new ArrayList<>();
        for (int j = 0; j < fresh.size(); j++) {
            Planchet p = s.planchets(noreveal).get(j);
            BlindSignature bs = p.blinded() instanceof BlindedPlanchet.Cs c
                    ? new BlindSignature.Cs(Cs.sign(CS, c.message(), true))
                    : new BlindSignature.Rsa(RsaBlinding.sign(RSA, ((BlindedPlanchet.Rsa) p.blinded()).blindedMessage()));
            linked.add(new LinkData.LinkedCoin(p.denomination(), bs, j, linkSigs.get(j), p.csValues().orElse(null),
                    p.csNonce().orElse(null)));
        }
        List<Coin> coins = new LinkData(s.transferPubs().get(noreveal), linked).recover(old, null);
        assertEquals(3, coins.size());
        for (Coin c : coins) {
            assertTrue(c.verify());
            assertTrue(c.ageCommitmentHash().isZero());
        }
    }

    @Test
    void rsaOnlyCClientSessionHasNoRmsInCommitment() {
        EddsaPrivateKey old = EddsaPrivateKey.generate();
        RefreshMasterSecret rms = new RefreshMasterSecret(random(32));
        List<DenominationKey> fresh = List.of(new DenominationKey.Rsa(RSA.publicKey(), AgeMask.NONE));
        RefreshSession s = RefreshSession.forCClient(old, fresh.get(0).hash(), null, rms, fresh, null, MELT, MELT_FEE);
        assertEquals(null, s.commitment().refreshMasterSecret());
        assertTrue(reveal(s, old, fresh, 0, null, null, null).matches(s.rc()));
    }

    @Test
    void commitmentValidation() {
        EddsaPrivateKey old = EddsaPrivateKey.generate();
        List<DenominationKey> fresh = List.of(new DenominationKey.Rsa(RSA.publicKey(), AgeMask.NONE));
        RefreshSession s = RefreshSession.forWallet(old, fresh.get(0).hash(), null, random(32), fresh, MELT, MELT_FEE);
        RefreshCommitment c = s.commitment();
        assertThrows(IllegalArgumentException.class, () -> new RefreshCommitment(null, c.transferPubs().subList(0, 2),
                c.freshDenomHashes(), c.meltedCoinPub(), c.amountWithFee(), c.planchets()));
        assertThrows(IllegalArgumentException.class, () -> new RefreshCommitment(null, c.transferPubs(),
                c.freshDenomHashes(), c.meltedCoinPub(), c.amountWithFee(), c.planchets().subList(0, 2)));
        assertThrows(IllegalArgumentException.class, () -> new RefreshCommitment(null, c.transferPubs(),
                List.of(HashCode.ZERO, HashCode.ZERO), c.meltedCoinPub(), c.amountWithFee(), c.planchets()));
        assertEquals(s.rc(), new RefreshCommitment(null, c.transferPubs(), c.freshDenomHashes(), c.meltedCoinPub(),
                c.amountWithFee(), c.planchets()).hash());
        assertNotEquals(s.rc(), new RefreshCommitment(new RefreshMasterSecret(new byte[32]), c.transferPubs(),
                c.freshDenomHashes(), c.meltedCoinPub(), c.amountWithFee(), c.planchets()).hash());
        // reveal request shape
        assertThrows(IllegalArgumentException.class, () -> new RefreshReveal(old.publicKey(), MELT, 3,
                s.transferPubs().get(0), s.revealedTransferPrivs(0), fresh, envelopes(s, 0), null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new RefreshReveal(old.publicKey(), MELT, 0,
                s.transferPubs().get(0), s.transferPrivs(), fresh, envelopes(s, 0), null, null, null));
        assertThrows(IllegalArgumentException.class, () -> s.revealedTransferPrivs(-1));
        // a CS denomination with an RSA envelope is a cipher mismatch
        List<DenominationKey> csFresh = List.of(new DenominationKey.Cs(CS.publicKey(), AgeMask.NONE));
        assertThrows(IllegalArgumentException.class, () -> new RefreshReveal(old.publicKey(), MELT, 0,
                s.transferPubs().get(0), s.revealedTransferPrivs(0), csFresh, envelopes(s, 0), null, null, null));
        // CS without rms on the client side
        assertThrows(IllegalArgumentException.class, () -> RefreshSession.create(old, HashCode.ZERO, null,
                s.transferPrivs(), csFresh, MELT, MELT_FEE, null, null));
        // nonces come from the refresh master secret, the same for all cut-and-choose indices
        RefreshMasterSecret rms = new RefreshMasterSecret(new byte[32]);
        assertEquals(CsNonce.forRefresh(new byte[32], 4), rms.csNonce(4));
    }
}
