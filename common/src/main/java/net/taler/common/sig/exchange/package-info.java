/**
 * Structures signed by the exchange's online signing key (built by the httpd, signed by secmod-eddsa), purposes 1033-1049.
 * See {@link net.taler.common.sig} for the purpose table.
 */
package net.taler.common.sig.exchange;
