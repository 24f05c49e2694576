package net.taler.db;

import java.math.BigInteger;

import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.DenominationFees;
import net.taler.common.time.Timestamp;

/** Denominations for database tests: well-formed keys (never used to sign) made from random bytes. */
public final class TestKeys {
    /** Length of the stored key of {@link #rsaKey}: 4-byte header, 64-byte modulus, 3-byte exponent. */
    public static final int RSA_KEY_BYTES = 4 + 64 + 3;

    private TestKeys() {
    }

    /** A 512-bit RSA denomination key whose modulus is the given random bytes (top and bottom bit set). */
    public static DenominationKey rsaKey(byte[] random64) {
        BigInteger n = new BigInteger(1, random64).setBit(511).setBit(0);
        return new DenominationKey.Rsa(RsaPublicKey.of(n, BigInteger.valueOf(65537)), AgeMask.NONE);
    }

    /** An unstored denomination (serial 0, not revoked). */
    public static Denomination denomination(DenominationKey key, EddsaSignature masterSig, Timestamp validFrom,
                                            Timestamp expireWithdraw, Timestamp expireDeposit, Timestamp expireLegal,
                                            Amount value, Amount feeWithdraw, Amount feeDeposit, Amount feeRefresh,
                                            Amount feeRefund) {
        return Denomination.of(key, value, new DenominationFees(feeWithdraw, feeDeposit, feeRefresh, feeRefund),
                validFrom, expireWithdraw, expireDeposit, expireLegal, masterSig);
    }
}
