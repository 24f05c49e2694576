/**
 * Structures signed by the exchange's offline master key (offline tool), purposes 1018-1031.
 * See {@link net.taler.common.sig} for the purpose table.
 */
package net.taler.common.sig.master;
