package net.taler.common.crypto.cs;

import java.util.Objects;

/**
 * Two public R points: the exchange's (R0, R1) ("exchange withdraw values",
 * JSON {@code r_pub_0}/{@code r_pub_1}) or the client's blinded (R'0, R'1).
 */
public record CsRPublicPair(CsRPublic r0, CsRPublic r1) {
    public CsRPublicPair {
        Objects.requireNonNull(r0, "r0");
        Objects.requireNonNull(r1, "r1");
    }

    /** R0 or R1. */
    public CsRPublic get(int index) {
        return switch (index) {
            case 0 -> r0;
            case 1 -> r1;
            default -> throw new IllegalArgumentException("index must be 0 or 1");
        };
    }
}
