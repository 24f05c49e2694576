/**
 * The bodies wallets and merchants send to the exchange (exchange-api.md 3, 4): one immutable record per body
 * with {@code toJson()} and a static {@code parse}, used by the httpd to read requests. A
 * malformed field fails {@code parse} with the 400 of {@link net.taler.common.json.JsonFields}
 * naming the field; signatures are not checked here. The Java test wallet (test-support)
 * encodes its requests independently, so that each side checks the other.
 */
package net.taler.common.wallet;
