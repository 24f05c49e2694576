package net.taler.common.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.Edx25519PublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.TransferSecret;
import org.junit.jupiter.api.Test;

/** Age masks, commitments, refresh derivation and attestation round trips (crypto.md 8). */
class AgeRestrictionTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static TransferSecret randomTransferSecret() {
        byte[] b = new byte[TransferSecret.SIZE];
        RANDOM.nextBytes(b);
        return new TransferSecret(b);
    }

    @Test
    void defaultMask() {
        assertEquals(0x00255501, AgeMask.DEFAULT.bits());
        assertEquals(2446593, AgeMask.DEFAULT.bits());
        assertEquals("8:10:12:14:16:18:21", AgeMask.DEFAULT.toGroupString());
        assertEquals(8, AgeMask.DEFAULT.groupCount());
        assertEquals(7, AgeMask.DEFAULT.keyCount());
        assertEquals(AgeMask.of(278785), AgeMask.parse("8:14:18"));
        // crypto.md 8.2: 0-7 -> 0, 8-9 -> 1, 10-11 -> 2, 12-13 -> 3, ..., >= 21 -> 7
        int[] expected = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 6, 7, 7};
        for (int age = 0; age < expected.length; age++) {
            assertEquals(expected[age], AgeMask.DEFAULT.groupIndex(age), "age " + age);
        }
        assertEquals(7, AgeMask.DEFAULT.groupIndex(AgeRestriction.AGE_UNRESTRICTED));
        assertEquals(7, AgeMask.DEFAULT.groupIndex(200));
    }

    @Test
    void maskValidation() {
        assertThrows(IllegalArgumentException.class, () -> new AgeMask(0x100)); // bit 0 missing
        assertThrows(IllegalArgumentException.class, () -> AgeMask.parse("8:8"));
        assertThrows(IllegalArgumentException.class, () -> AgeMask.parse("0:8"));
        assertThrows(IllegalArgumentException.class, () -> AgeMask.parse("8:32"));
        assertThrows(IllegalArgumentException.class, () -> AgeMask.parse("eight"));
        assertThrows(IllegalArgumentException.class, () -> AgeMask.of(-1));
        assertThrows(IllegalArgumentException.class, () -> AgeMask.DEFAULT.groupIndex(-1));
        assertThrows(IllegalStateException.class, AgeMask.NONE::keyCount);
        assertFalse(AgeMask.NONE.isRestricted());
        assertEquals(0, AgeMask.NONE.groupIndex(40));
        AgeMask top = AgeMask.ofGroupStarts(31);
        assertEquals(List.of(31), top.groupStarts());
        assertEquals(0, top.groupIndex(30));
        assertEquals(1, top.groupIndex(31));
        assertEquals(1, top.groupIndex(255));
    }

    @Test
    void commitmentShapeAndHash() {
        AgeCommitmentProof acp = AgeRestriction.commit(AgeMask.DEFAULT, 14);
        assertEquals(7, acp.commitment().publicKeys().size());
        assertEquals(4, acp.privateKeys().size());
        assertTrue(acp.isConsistent());
        // h_age_commitment = SHA512_32(pub_1 || ... || pub_k)
        byte[] concat = new byte[7 * 32];
        for (int i = 0; i < 7; i++) {
            System.arraycopy(acp.commitment().publicKeys().get(i).bytes(), 0, concat, 32 * i, 32);
        }
        assertEquals(net.taler.common.crypto.Hashes.sha512Truncated(concat), acp.hash());
        assertEquals(ShortHash.ZERO, AgeRestriction.hashOrZero(null));
        assertEquals(acp.hash(), AgeRestriction.hashOrZero(acp.commitment()));
        // round trip through the JSON (base32) form
        assertEquals(acp, AgeCommitmentProof.fromBase32(AgeMask.DEFAULT, acp.commitment().publicKeysBase32(),
                acp.privateKeysBase32()));

        List<Edx25519PublicKey> six = acp.commitment().publicKeys().subList(0, 6);
        assertThrows(IllegalArgumentException.class, () -> new AgeCommitment(AgeMask.DEFAULT, six));
        assertThrows(IllegalArgumentException.class, () -> new AgeCommitment(AgeMask.NONE, List.of()));
        List<net.taler.common.crypto.Edx25519PrivateKey> tooMany = new ArrayList<>(
                AgeRestriction.commit(AgeMask.DEFAULT, 40).privateKeys());
        tooMany.add(tooMany.get(0));
        assertThrows(IllegalArgumentException.class, () -> new AgeCommitmentProof(acp.commitment(), tooMany));
        assertThrows(IllegalArgumentException.class, () -> AgeRestriction.commit(AgeMask.NONE, 10));
        assertThrows(IllegalArgumentException.class,
                () -> AgeRestriction.commitFromKeySeeds(AgeMask.DEFAULT, 10, List.of(new byte[32])));
    }

    @Test
    void deriveThenHashMatchesForWalletAndExchange() {
        AgeMask mask = AgeMask.parse("8:14:18");
        AgeCommitmentProof acp = AgeRestriction.commit(mask, 16);
        TransferSecret ts = randomTransferSecret();
        AgeCommitmentProof walletSide = AgeRestriction.derive(acp, ts);
        AgeCommitment exchangeSide = AgeRestriction.derive(acp.commitment(), ts).orElseThrow();
        assertEquals(exchangeSide, walletSide.commitment());
        assertEquals(exchangeSide.hash(), walletSide.hash());
        assertNotEquals(acp.hash(), walletSide.hash());
        assertTrue(walletSide.isConsistent());
        assertEquals(acp.attestableGroup(), walletSide.attestableGroup());
        assertTrue(acp.commitment().isDerivation(exchangeSide, ts.bytes()));
        assertFalse(acp.commitment().isDerivation(exchangeSide, randomTransferSecret().bytes()));

        // derived twice (refresh of a refreshed coin) still consistent and attests
        AgeCommitmentProof twice = walletSide.derive(randomTransferSecret());
        assertTrue(twice.isConsistent());
        assertTrue(twice.commitment().verifyAttestation(14, twice.attest(14).orElseThrow()));

        // an invalid point in the public commitment gives no derivation
        List<Edx25519PublicKey> bad = new ArrayList<>(acp.commitment().publicKeys());
        bad.set(1, new Edx25519PublicKey(new byte[32]));
        assertTrue(new AgeCommitment(mask, bad).derive(ts).isEmpty());
    }

    @Test
    void attestationVerifiesUpToTheCommittedAgeAndNotBeyond() {
        AgeMask mask = AgeMask.DEFAULT;
        int committed = 16; // group 5
        AgeCommitmentProof acp = AgeRestriction.commit(mask, committed);
        AgeCommitment pub = acp.commitment();
        for (int min = 0; min <= 32; min++) {
            int group = mask.groupIndex(min);
            if (group <= mask.groupIndex(committed)) {
                EddsaSignature sig = AgeRestriction.attest(acp, min).orElseThrow();
                assertTrue(acp.canAttest(min));
                assertTrue(AgeRestriction.verifyAttestation(pub, min, sig), "min " + min);
                if (group == 0) {
                    assertArrayEquals(new byte[64], sig.bytes());
                } else {
                    // bound to the age and to the commitment
                    int other = min == 8 ? 9 : min - 1;
                    assertFalse(AgeRestriction.verifyAttestation(pub, other, sig), "min " + min + " as " + other);
                    assertFalse(AgeRestriction.verifyAttestation(
                            AgeRestriction.commit(mask, committed).commitment(), min, sig));
                    assertFalse(AgeRestriction.verifyAttestation(pub, min, new EddsaSignature(new byte[64])));
                }
            } else {
                assertFalse(acp.canAttest(min));
                assertTrue(AgeRestriction.attest(acp, min).isEmpty(), "min " + min);
                assertFalse(AgeRestriction.verifyAttestation(pub, min, new EddsaSignature(new byte[64])));
                // the highest key the owner holds does not help
                EddsaSignature forged = new net.taler.common.sig.wallet.AgeAttestation(mask.bits(), min)
                        .sign(acp.privateKeys().get(acp.attestableGroup() - 1));
                assertFalse(AgeRestriction.verifyAttestation(pub, min, forged));
            }
        }
        assertFalse(AgeRestriction.verifyAttestation(pub, -1, new EddsaSignature(new byte[64])));
        assertFalse(AgeRestriction.verifyAttestation(pub, 256, new EddsaSignature(new byte[64])));
        assertFalse(AgeRestriction.verifyAttestation(null, 0, new EddsaSignature(new byte[64])));
        assertFalse(pub.verifyAttestation(18, null));
        assertThrows(IllegalArgumentException.class, () -> acp.attest(-1));
    }

    @Test
    void seededVariantsAreDeterministic() {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        assertEquals(AgeRestriction.commitSeeded(AgeMask.DEFAULT, 21, seed),
                AgeRestriction.commitSeeded(AgeMask.DEFAULT, 21, seed));
        assertEquals(AgeRestriction.commitFromKeySeeds(AgeMask.DEFAULT, 21,
                AgeRestriction.seededKeySeeds(AgeMask.DEFAULT, seed)),
                AgeRestriction.commitSeeded(AgeMask.DEFAULT, 21, seed));
        byte[] h = new byte[64];
        RANDOM.nextBytes(h);
        AgeCommitmentProof c = AgeRestriction.commitSeededC(AgeMask.DEFAULT, 12, new HashCode(h));
        assertEquals(c, AgeRestriction.commitSeededC(AgeMask.DEFAULT, 12, new HashCode(h)));
        assertEquals(3, c.attestableGroup());
        assertTrue(c.isConsistent());
        // committing to a lower age keeps a prefix of the same keys
        AgeCommitmentProof low = AgeRestriction.commitSeeded(AgeMask.DEFAULT, 9, seed);
        AgeCommitmentProof high = AgeRestriction.commitSeeded(AgeMask.DEFAULT, 21, seed);
        assertEquals(high.commitment(), low.commitment());
        assertEquals(high.privateKeys().subList(0, 1), low.privateKeys());
    }
}
