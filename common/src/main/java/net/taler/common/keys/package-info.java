/**
 * The exchange's master-signed key material and fee schedule as typed, immutable values:
 * {@link net.taler.common.keys.Denomination} (with {@link net.taler.common.keys.DenominationFees}),
 * {@link net.taler.common.keys.SigningKey}, {@link net.taler.common.keys.WireFee},
 * {@link net.taler.common.keys.GlobalFee}, {@link net.taler.common.keys.WireAccount},
 * {@link net.taler.common.keys.Auditor}, {@link net.taler.common.keys.AuditorDenominationSignature}
 * and the consistent {@link net.taler.common.keys.KeyStateSnapshot} the httpd builds
 * {@code /keys} and {@code /wire} from.
 *
 * <p>The database layer maps its rows into these types (keys are decoded once, when a row
 * is read), so the HTTP layer never sees encoded keys or cipher numbers.
 */
package net.taler.common.keys;
