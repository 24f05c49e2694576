/**
 * Outcomes shared by the repositories behind the httpd's {@code /management/*} uploads. The
 * repositories themselves are per feature: {@link net.taler.db.keys.KeyUploadRepository},
 * {@link net.taler.db.keys.RevocationRepository}, {@link net.taler.db.auditor.AuditorRepository},
 * {@link net.taler.db.wire.WireAccountRepository}, {@link net.taler.db.fees.FeeRepository},
 * {@link net.taler.db.drain.DrainRepository}, {@link net.taler.db.extensions.ExtensionRepository};
 * {@link net.taler.db.keys.KeyStateReader} reads the resulting key state back.
 *
 * <p>Each write is one SERIALIZABLE transaction (retried on serialization failures, so two httpd
 * processes uploading the same thing at once still get a correct outcome) and, if it changed a
 * row, queues the matching NOTIFY in that transaction. A repeated upload that changes nothing
 * sends nothing.
 */
package net.taler.db.management;
