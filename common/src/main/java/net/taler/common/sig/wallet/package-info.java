/**
 * Structures signed by wallet keys (reserve, coin, purse, merge, Edx25519 age keys, sync account), purposes 1200-1219 and 1450.
 * See {@link net.taler.common.sig} for the purpose table.
 */
package net.taler.common.sig.wallet;
