package net.taler.common.keys;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;

/**
 * An auditor's signature over one denomination (table {@code auditor_denom_sigs};
 * {@code denomination_keys} of an auditor in {@code /keys}).
 *
 * @param auditorPub the signing auditor
 * @param hDenomPub  the denomination's {@code h_denom_pub}
 * @param auditorSig signature over the denomination's validity and the auditor's URL
 */
public record AuditorDenominationSignature(EddsaPublicKey auditorPub, HashCode hDenomPub, EddsaSignature auditorSig) {
}
