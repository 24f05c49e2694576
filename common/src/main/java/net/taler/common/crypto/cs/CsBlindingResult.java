package net.taler.common.crypto.cs;

import java.util.Objects;

/**
 * Output of client-side blinding: the planchet to send and the blinded points
 * (R'0, R'1), one of which becomes the R of the final signature.
 */
public record CsBlindingResult(CsBlindedMessage message, CsRPublicPair blindedR) {
    public CsBlindingResult {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(blindedR, "blindedR");
    }
}
