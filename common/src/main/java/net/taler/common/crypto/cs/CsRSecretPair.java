package net.taler.common.crypto.cs;

import java.util.Objects;

/** The signer's two secret scalars (r0, r1) for one nonce; only ever one of them is used. */
public record CsRSecretPair(CsRSecret r0, CsRSecret r1) {
    public CsRSecretPair {
        Objects.requireNonNull(r0, "r0");
        Objects.requireNonNull(r1, "r1");
    }

    /** r0 or r1. */
    public CsRSecret get(int index) {
        return switch (index) {
            case 0 -> r0;
            case 1 -> r1;
            default -> throw new IllegalArgumentException("index must be 0 or 1");
        };
    }
}
