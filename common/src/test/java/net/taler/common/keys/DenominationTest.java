package net.taler.common.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.time.Timestamp;
import org.junit.jupiter.api.Test;

class DenominationTest {
    private static final RsaPrivateKey RSA = RsaPrivateKey.generate(1024);
    private static final CsPrivateKey CS = CsPrivateKey.generate();
    private static final EddsaSignature SIG = new EddsaSignature(new byte[64]);

    private static Amount amt(String s) {
        return Amount.parse(s);
    }

    private static DenominationFees fees(String cur) {
        return new DenominationFees(amt(cur + ":0.01"), amt(cur + ":0.02"), amt(cur + ":0.03"), amt(cur + ":0.04"));
    }

    private static Denomination of(DenominationKey key) {
        return Denomination.of(key, amt("KUDOS:1"), fees("KUDOS"), Timestamp.ofSeconds(1), Timestamp.ofSeconds(2),
                Timestamp.ofSeconds(3), Timestamp.ofSeconds(4), SIG);
    }

    @Test
    void cipherAndHashComeFromTheKey() {
        DenominationKey rsa = new DenominationKey.Rsa(RSA.publicKey(), AgeMask.DEFAULT);
        Denomination d = of(rsa);
        assertEquals(DenominationKey.CIPHER_RSA, d.cipher());
        assertTrue(d.isRsa());
        assertFalse(d.isCs());
        assertEquals(AgeMask.DEFAULT, d.ageMask());
        assertEquals(RSA.publicKey().denominationHash(AgeMask.DEFAULT.bits()), d.hDenomPub());
        assertEquals(0, d.serial());
        assertFalse(d.revoked());

        Denomination cs = of(new DenominationKey.Cs(CS.publicKey(), AgeMask.NONE));
        assertEquals(DenominationKey.CIPHER_CS, cs.cipher());
        assertTrue(cs.isCs());
        assertEquals(CS.publicKey().denomPubHash(0), cs.hDenomPub());
    }

    @Test
    void hashMustMatchTheKey() {
        DenominationKey key = new DenominationKey.Rsa(RSA.publicKey(), AgeMask.NONE);
        // the same key with another age mask has another hash
        HashCode other = new DenominationKey.Rsa(RSA.publicKey(), AgeMask.DEFAULT).hash();
        assertThrows(IllegalArgumentException.class, () -> new Denomination(7, key, other, amt("KUDOS:1"),
                fees("KUDOS"), Timestamp.ofSeconds(1), Timestamp.ofSeconds(2), Timestamp.ofSeconds(3),
                Timestamp.ofSeconds(4), SIG, true));
        Denomination stored = new Denomination(7, key, key.hash(), amt("KUDOS:1"), fees("KUDOS"),
                Timestamp.ofSeconds(1), Timestamp.ofSeconds(2), Timestamp.ofSeconds(3), Timestamp.ofSeconds(4), SIG, true);
        assertEquals(7, stored.serial());
        assertTrue(stored.revoked());
    }

    @Test
    void storedFormRoundTrips() {
        for (DenominationKey k : new DenominationKey[] {new DenominationKey.Rsa(RSA.publicKey(), AgeMask.DEFAULT),
                new DenominationKey.Cs(CS.publicKey(), AgeMask.NONE)}) {
            DenominationKey back = DenominationKey.of(k.cipher(), k.ageMask(), k.keyBytes());
            assertEquals(k, back);
            assertEquals(k.hash(), back.hash());
            assertArrayEquals(k.keyBytes(), back.keyBytes());
        }
        assertThrows(IllegalArgumentException.class, () -> DenominationKey.of(3, AgeMask.NONE, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> DenominationKey.of(1, AgeMask.NONE, new byte[10]));
    }

    @Test
    void amountsShareOneCurrency() {
        DenominationKey key = new DenominationKey.Cs(CS.publicKey(), AgeMask.NONE);
        assertThrows(IllegalArgumentException.class, () -> new DenominationFees(amt("KUDOS:0"), amt("EUR:0"),
                amt("KUDOS:0"), amt("KUDOS:0")));
        assertThrows(IllegalArgumentException.class, () -> Denomination.of(key, amt("EUR:1"), fees("KUDOS"),
                Timestamp.ofSeconds(1), Timestamp.ofSeconds(2), Timestamp.ofSeconds(3), Timestamp.ofSeconds(4), SIG));
        Denomination d = of(key);
        d.requireCurrency("KUDOS");
        d.requireCurrency("kudos");
        assertThrows(IllegalArgumentException.class, () -> d.requireCurrency("EUR"));
    }

    @Test
    void withdrawCostAndSignedValidity() {
        Denomination d = of(new DenominationKey.Cs(CS.publicKey(), AgeMask.NONE));
        assertEquals(amt("KUDOS:1.01"), d.valueWithWithdrawFee());
        EddsaPrivateKey master = EddsaPrivateKey.generate();
        var v = d.validity(master.publicKey());
        assertEquals(d.hDenomPub(), v.hDenomPub());
        assertTrue(v.verify(master.publicKey(), v.sign(master)));
    }
}
