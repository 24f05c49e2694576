/**
 * Structures signed by the auditor key, purpose 1064.
 * See {@link net.taler.common.sig} for the purpose table.
 */
package net.taler.common.sig.auditor;
