/**
 * Structures signed by the security modules' SM keys over announced keys, purposes 1250-1252 (secmod.md 5.3).
 * See {@link net.taler.common.sig} for the purpose table.
 */
package net.taler.common.sig.secmod;
