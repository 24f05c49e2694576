/**
 * Structures signed by a merchant key, purposes 1101-1107 (including the two layouts of 1103).
 * See {@link net.taler.common.sig} for the purpose table.
 */
package net.taler.common.sig.merchant;
