package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Master key's configuration of a partner exchange for wad transfers.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_PARTNER_DETAILS}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload.
 *
 * @param partnerPub master public key of the partner exchange
 * @param startDate start of the partnership
 * @param endDate end of the partnership
 * @param wadFrequency how often wads are sent
 * @param wadFee fee per wad
 * @param hUrl SHA-512 of the partner's base URL including its NUL
 */
public record PartnerDetails(
        EddsaPublicKey partnerPub,
        Timestamp startDate,
        Timestamp endDate,
        RelativeTime wadFrequency,
        Amount wadFee,
        HashCode hUrl) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_PARTNER_DETAILS}). */
    public static final int PURPOSE = Purposes.MASTER_PARTNER_DETAILS;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 152;

    public PartnerDetails {
        Objects.requireNonNull(partnerPub, "partnerPub");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(wadFrequency, "wadFrequency");
        Objects.requireNonNull(wadFee, "wadFee");
        Objects.requireNonNull(hUrl, "hUrl");
    }

    /** Hashes the partner base URL (with NUL). */
    public static PartnerDetails of(EddsaPublicKey partnerPub, Timestamp startDate, Timestamp endDate,
            RelativeTime wadFrequency, Amount wadFee, String partnerBaseUrl) {
        return new PartnerDetails(partnerPub, startDate, endDate, wadFrequency, wadFee,
                Hashes.hashString(partnerBaseUrl));
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(partnerPub)
                .timestamp(startDate)
                .timestamp(endDate)
                .relativeTime(wadFrequency)
                .amount(wadFee)
                .bytes(hUrl)
                .build();
    }
}
