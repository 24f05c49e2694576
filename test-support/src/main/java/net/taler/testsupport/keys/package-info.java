/**
 * Checks of the exchange's signed key material as a test sees it: {@link
 * net.taler.testsupport.keys.KeysVerifier} verifies {@code /keys} and {@code /wire} signature by
 * signature, independently of the exchange's own code.
 */
package net.taler.testsupport.keys;
