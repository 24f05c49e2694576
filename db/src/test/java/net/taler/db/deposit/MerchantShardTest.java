package net.taler.db.deposit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.taler.common.crypto.EddsaPublicKey;
import org.junit.jupiter.api.Test;

/**
 * The merchant shard must equal upstream's {@code TEH_PG_compute_shard}: GNUNET_CRYPTO_kdf with
 * xts = merchant_pub, skm = "VOID" (4 bytes, no NUL), no context, 4 bytes, read big-endian,
 * values above INT32_MAX shifted down by 2^31. Expected values computed independently with
 * Python's hmac (PRK = HMAC-SHA512(merchant_pub, "VOID"), T1 = HMAC-SHA256(PRK, 0x01)).
 */
class MerchantShardTest {
    @Test
    void matchesUpstreamFormula() {
        byte[] seq = new byte[32];
        for (int i = 0; i < 32; i++) {
            seq[i] = (byte) i;
        }
        // T1 starts 96 18 77 84 = 2518185860 > INT32_MAX, so 2518185860 - 2^31
        assertEquals(370_702_212L, DepositRepository.merchantShard(new EddsaPublicKey(seq)));
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xff);
        // T1 starts 23 6c e4 6c = 594338924 (top bit clear, unchanged)
        assertEquals(594_338_924L, DepositRepository.merchantShard(new EddsaPublicKey(ff)));
    }
}
