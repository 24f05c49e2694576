/**
 * The bodies of the exchange's management API (operations.md 3.3): one immutable record per
 * body with {@code toJson()} and a static {@code parse}, used by the offline tool to build
 * requests and by the httpd to read them (and the other way round for
 * {@code GET /management/keys}). A malformed field fails {@code parse} with the 400 of
 * {@link net.taler.common.json.JsonFields} naming the field; signatures are not checked here.
 */
package net.taler.common.management;
