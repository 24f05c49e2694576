package net.taler.common.crypto;

import java.security.SecureRandom;

/** One shared CSPRNG for key and secret generation. */
final class Randomness {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Randomness() {
    }

    static byte[] bytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }
}
