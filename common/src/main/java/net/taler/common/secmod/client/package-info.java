/**
 * Clients of the three security modules for the httpd: the announced keys (SM signatures
 * checked, pushes applied), signing, R derivation and revocation, with "helper unavailable"
 * ({@link net.taler.common.secmod.client.SecmodUnavailableException}) kept apart from a refusal
 * ({@link net.taler.common.secmod.client.SecmodResult}).
 */
package net.taler.common.secmod.client;
