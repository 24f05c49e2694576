package net.taler.common.sig.secmod;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * CS security module's signature over an announced denomination key (AVAIL message;
 * republished as {@code denom_secmod_sig} in {@code /management/keys}). The key hash is
 * {@code SHA512(cs_pub)}, not the Taler {@code h_denom_pub} (secmod.md 5.3).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_SM_CS_DENOMINATION_KEY}), {@value #SIZE} bytes.
 * Signed by: CS secmod's SM key.
 * Verified by: httpd, offline tool.
 *
 * @param hCs SHA-512 of the 32-byte CS public key
 * @param hSectionName SHA-512 of the denomination's config section name including its NUL
 * @param anchorTime start of the key's validity
 * @param durationWithdraw length of the withdraw period
 */
public record CsKeyAnnouncement(
        HashCode hCs,
        HashCode hSectionName,
        Timestamp anchorTime,
        RelativeTime durationWithdraw) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_SM_CS_DENOMINATION_KEY}). */
    public static final int PURPOSE = Purposes.SM_CS_DENOMINATION_KEY;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 152;

    public CsKeyAnnouncement {
        Objects.requireNonNull(hCs, "hCs");
        Objects.requireNonNull(hSectionName, "hSectionName");
        Objects.requireNonNull(anchorTime, "anchorTime");
        Objects.requireNonNull(durationWithdraw, "durationWithdraw");
    }

    /** Hashes the 32-byte CS public key and the section name (with NUL). */
    public static CsKeyAnnouncement of(byte[] csPublicKey, String sectionName, Timestamp anchorTime,
            RelativeTime durationWithdraw) {
        if (csPublicKey.length != 32) {
            throw new IllegalArgumentException("CS public key must be 32 bytes, got " + csPublicKey.length);
        }
        return new CsKeyAnnouncement(Hashes.sha512(csPublicKey), Hashes.hashString(sectionName), anchorTime,
                durationWithdraw);
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hCs)
                .bytes(hSectionName)
                .timestamp(anchorTime)
                .relativeTime(durationWithdraw)
                .build();
    }
}
