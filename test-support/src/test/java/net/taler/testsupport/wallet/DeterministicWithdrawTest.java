package net.taler.testsupport.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.taler.common.age.AgeMask;
import net.taler.common.age.AgeRestriction;
import net.taler.common.coin.BlindSignature;
import org.junit.jupiter.api.Test;

/**
 * Seeded withdrawals replay byte-identical requests (needed to test withdraw idempotency), and
 * unseeded ones never repeat. RSA planchets need no exchange round trip, so the wallet here
 * points at a closed port and must not touch it.
 */
class DeterministicWithdrawTest {
    private final TestWallet wallet = new TestWallet(new ExchangeClient(new JsonHttp(), "http://127.0.0.1:9/"), null);
    private final Denomination rsa = Fixtures.denomination(Fixtures.rsaKey(Fixtures.RSA, AgeMask.NONE), "1", "0.01");
    private final Denomination aged = Fixtures.denomination(Fixtures.rsaKey(Fixtures.RSA2, AgeMask.DEFAULT), "2",
            "0.01");

    @Test
    void sameSeedSameRequests() {
        Reserve r = Reserve.fromSeed(new byte[] {1, 2, 3});
        assertEquals(r.pub(), Reserve.fromSeed(new byte[] {1, 2, 3}).pub());
        WithdrawOptions o = WithdrawOptions.DEFAULT.withSeed(new byte[] {9, 9});
        List<Denomination> ds = List.of(rsa, rsa, aged);
        List<PreparedCoin> a = wallet.prepareWithdraw(r, ds, o);
        List<PreparedCoin> b = wallet.prepareWithdraw(r, ds, o);
        for (int i = 0; i < ds.size(); i++) {
            assertEquals(a.get(i).request(), b.get(i).request());
            assertEquals(a.get(i).request().toJson(), b.get(i).request().toJson());
            assertEquals(a.get(i).planchet().coinPub(), b.get(i).planchet().coinPub());
        }
        // two coins of one denomination in one withdrawal are different coins
        assertNotEquals(a.get(0).planchet().coinPub(), a.get(1).planchet().coinPub());
        // the same blind signature unblinds to the same coin in the replay
        BlindSignature s = Fixtures.blindSign(rsa.key(), a.get(0).planchet().blinded());
        assertEquals(a.get(0).toCoin(s).coin().signature(), b.get(0).toCoin(s).coin().signature());

        List<PreparedCoin> other = wallet.prepareWithdraw(r, ds, o.withSeed(new byte[] {9, 8}));
        assertNotEquals(a.get(0).request(), other.get(0).request());
    }

    @Test
    void withoutSeedEveryPlanchetIsNew() {
        Reserve r = wallet.createReserve();
        assertNotEquals(r.pub(), wallet.createReserve().pub());
        PreparedCoin a = wallet.prepareWithdraw(r, List.of(rsa), WithdrawOptions.DEFAULT).get(0);
        PreparedCoin b = wallet.prepareWithdraw(r, List.of(rsa), WithdrawOptions.DEFAULT).get(0);
        assertNotEquals(a.planchet().coinPub(), b.planchet().coinPub());
        assertNotEquals(a.request().envelopeHash(), b.request().envelopeHash());
    }

    @Test
    void ageRestrictedDenominationsGetACommitment() {
        Reserve r = Reserve.random();
        WithdrawOptions o = WithdrawOptions.DEFAULT.withSeed(new byte[] {5}).withRestrictAge(16);
        PreparedCoin a = wallet.prepareWithdraw(r, List.of(aged, rsa), o).get(0);
        PreparedCoin plain = wallet.prepareWithdraw(r, List.of(aged, rsa), o).get(1);
        assertFalse(a.planchet().ageCommitmentHash().isZero());
        assertTrue(plain.planchet().ageCommitmentHash().isZero());
        assertEquals(a.planchet().ageCommitmentHash(),
                wallet.prepareWithdraw(r, List.of(aged), o).get(0).planchet().ageCommitmentHash());
        // the committed age decides which private keys the proof keeps, hence what it can attest
        var proof16 = a.planchet().ageCommitmentProof().orElseThrow();
        var proofFree = wallet.prepareWithdraw(r, List.of(aged), o.withRestrictAge(0)).get(0).planchet()
                .ageCommitmentProof().orElseThrow();
        assertTrue(AgeRestriction.attest(proof16, 16).isPresent());
        assertTrue(AgeRestriction.attest(proof16, 18).isEmpty());
        assertTrue(AgeRestriction.attest(proofFree, 18).isPresent());
        WithdrawnCoin coin = a.toCoin(Fixtures.blindSign(aged.key(), a.planchet().blinded()));
        assertTrue(coin.coin().verify());
        assertTrue(coin.coin().ageCommitmentProofIfAny().isPresent());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> WithdrawOptions.DEFAULT.withRestrictAge(33));
        assertThrows(IllegalArgumentException.class, () -> Seeds.planchetSecret(new byte[0], 0));
        byte[] seed = {1};
        WithdrawOptions o = WithdrawOptions.DEFAULT.withSeed(seed);
        seed[0] = 2; // defensive copy
        assertEquals(1, o.seed()[0]);
    }
}
