package net.taler.common.sig;

import static net.taler.common.testing.VectorFile.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.Edx25519;
import net.taler.common.crypto.Edx25519PrivateKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.exchange.DenominationExpired;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.sig.master.GlobalFees;
import net.taler.common.sig.master.WireFees;
import net.taler.common.sig.merchant.MerchantContract;
import net.taler.common.sig.merchant.PaymentOk;
import net.taler.common.sig.wallet.AgeAttestation;
import net.taler.common.sig.wallet.CoinLink;
import net.taler.common.sig.wallet.CoinRecoup;
import net.taler.common.sig.wallet.CoinRecoupRefresh;
import net.taler.common.testing.VectorFile;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import org.junit.jupiter.api.Test;

/** Negative tests on real vectors and the protocol quirks documented on the records. */
class SignatureQuirksTest {
    private static JsonNode sigCase(String id) {
        return VectorFile.cases("signatures.json").stream()
                .filter(c -> c.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static DenominationKeyValidity denomination(JsonNode in, Timestamp expireLegal) {
        JsonNode fees = in.path("fees");
        return new DenominationKeyValidity(new EddsaPublicKey(hex(in.path("signer_pub_hex"))),
                Timestamp.ofSeconds(in.path("stamp_start_s").asLong()),
                Timestamp.ofSeconds(in.path("stamp_expire_withdraw_s").asLong()),
                Timestamp.ofSeconds(in.path("stamp_expire_deposit_s").asLong()), expireLegal,
                Amount.parse(in.path("value").asText()), Amount.parse(fees.path("feeWithdraw").asText()),
                Amount.parse(fees.path("feeDeposit").asText()), Amount.parse(fees.path("feeRefresh").asText()),
                Amount.parse(fees.path("feeRefund").asText()), new HashCode(hex(in.path("h_denom_pub_hex"))));
    }

    @Test
    void vectorSignatureFailsOnTamperedFieldOrWrongKey() {
        JsonNode c = sigCase("master-denomination-key-validity");
        JsonNode in = c.path("input");
        EddsaSignature sig = new EddsaSignature(hex(c.path("output").path("sig_hex")));
        EddsaPublicKey master = new EddsaPublicKey(hex(in.path("signer_pub_hex")));
        Timestamp legal = Timestamp.ofSeconds(in.path("stamp_expire_legal_s").asLong());

        assertTrue(denomination(in, legal).verify(master, sig));
        assertFalse(denomination(in, Timestamp.ofSeconds(legal.seconds() + 1)).verify(master, sig), "tampered");
        EddsaPublicKey exchange = new EddsaPublicKey(hex(sigCase("exchange-key-set").path("input")
                .path("signer_pub_hex")));
        assertFalse(denomination(in, legal).verify(exchange, sig), "wrong key");
    }

    @Test
    void sameLayoutDifferentPurposeDoesNotVerify() {
        EddsaPrivateKey coin = new EddsaPrivateKey(hex(sigCase("wallet-coin-recoup").path("input")
                .path("signer_priv_hex")));
        HashCode h = hash("denom");
        BlindingKeySecret bks = new BlindingKeySecret(new byte[32]);
        EddsaSignature recoupSig = new CoinRecoup(h, bks).sign(coin);
        assertTrue(new CoinRecoup(h, bks).verify(coin.publicKey(), recoupSig));
        assertFalse(new CoinRecoupRefresh(h, bks).verify(coin.publicKey(), recoupSig));
        assertArrayEquals(new CoinRecoup(h, bks).toPurposeBlock().payload(),
                new CoinRecoupRefresh(h, bks).toPurposeBlock().payload());

        EddsaSignature contractSig = new MerchantContract(h).sign(coin);
        assertFalse(new PaymentOk(h).verify(coin.publicKey(), contractSig));
    }

    @Test
    void linkSignatureCarriesZeroAgeCommitmentHash() {
        CoinLink link = new CoinLink(hash("d"), new EcdhePublicKey(filled(32, 3)), hash("e"));
        byte[] bytes = link.toPurposeBlock().toBytes();
        assertArrayEquals(ShortHash.ZERO.bytes(), Arrays.copyOfRange(bytes, 8 + 64 + 32, 8 + 64 + 32 + 32));
    }

    @Test
    void denominationExpiredOperationIsCharArray8() {
        Timestamp t = Timestamp.ofSeconds(1);
        HashCode h = hash("d");
        byte[] recoupRefresh = new DenominationExpired(t, DenominationExpired.OP_RECOUP_REFRESH, h)
                .toPurposeBlock().toBytes();
        assertArrayEquals("RECOUP-R".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(recoupRefresh, 16, 24));
        assertArrayEquals(recoupRefresh, new DenominationExpired(t, "RECOUP-R", h).toPurposeBlock().toBytes());
        byte[] recoup = new DenominationExpired(t, DenominationExpired.OP_RECOUP, h).toPurposeBlock().toBytes();
        assertArrayEquals(new byte[] {'R', 'E', 'C', 'O', 'U', 'P', 0, 0}, Arrays.copyOfRange(recoup, 16, 24));
        assertEquals(DenominationExpired.SIZE, recoup.length);
        assertThrows(IllegalArgumentException.class, () -> new DenominationExpired(t, "DÉPÔT", h));
        assertThrows(IllegalArgumentException.class, () -> new DenominationExpired(t, "A\0B", h));
    }

    @Test
    void walletVerifiedStructuresFlagNever() {
        Amount a = Amount.parse("KUDOS:1");
        Timestamp t = Timestamp.ofSeconds(1);
        HashCode h = hash("x");
        EddsaPublicKey k = new EddsaPublicKey(filled(32, 1));
        assertTrue(new DenominationKeyValidity(k, t, t, t, t, a, a, a, a, a, h).walletCompatible());
        assertFalse(new DenominationKeyValidity(k, t, t, t, Timestamp.NEVER, a, a, a, a, a, h).walletCompatible());
        assertTrue(new WireFees(h, t, t, a, a).walletCompatible());
        assertFalse(new WireFees(h, t, Timestamp.NEVER, a, a).walletCompatible());
        RelativeTime d = RelativeTime.ofSeconds(60);
        assertTrue(new GlobalFees(t, t, d, d, a, a, a, 1).walletCompatible());
        assertFalse(new GlobalFees(t, t, RelativeTime.FOREVER, d, a, a, a, 1).walletCompatible());
        assertFalse(new GlobalFees(t, Timestamp.NEVER, d, d, a, a, a, 1).walletCompatible());
    }

    @Test
    void ageAttestationNegative() {
        Edx25519PrivateKey key = Edx25519.privateKeyFromSeed(filled(32, 9));
        Edx25519PrivateKey other = Edx25519.privateKeyFromSeed(filled(32, 10));
        AgeAttestation att = new AgeAttestation(0x00255501, 18);
        EddsaSignature sig = att.sign(key);
        assertTrue(att.verify(key.publicKey(), sig));
        assertFalse(new AgeAttestation(0x00255501, 21).verify(key.publicKey(), sig), "other age");
        assertFalse(new AgeAttestation(0x00044101, 18).verify(key.publicKey(), sig), "other mask");
        assertFalse(att.verify(other.publicKey(), sig), "other key");
        assertFalse(att.verify(null, sig));
        assertFalse(att.verify(key.publicKey(), null));
    }

    private static byte[] filled(int size, int v) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) v);
        return b;
    }

    /** Arbitrary distinct hashes for tests. */
    private static HashCode hash(String label) {
        return Hashes.hashString(label);
    }
}
