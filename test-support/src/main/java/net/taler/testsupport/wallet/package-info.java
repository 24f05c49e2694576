/**
 * A Java test wallet: the client side of withdrawal (and later deposit, refresh, refund,
 * recoup, P2P) against a real exchange and a (fake)bank wire gateway, for integration tests
 * and as the load generator of the benchmark tool.
 *
 * <p>Layers, lowest first:
 * <ul>
 *   <li>{@link net.taler.testsupport.wallet.JsonHttp}: one shared {@code java.net.http.HttpClient}
 *       plus JSON, returning {@link net.taler.testsupport.wallet.ApiResponse} (status + body) for
 *       every call, so negative tests can see exactly what the server said;</li>
 *   <li>{@link net.taler.testsupport.wallet.ExchangeClient} and
 *       {@link net.taler.testsupport.wallet.BankClient}: one method per endpoint, each in a "raw"
 *       form (any request body, any reply) and a typed form (validated reply or exception);</li>
 *   <li>{@link net.taler.testsupport.wallet.TestWallet}: the wallet flows (reserve, funding,
 *       waiting, denomination selection, withdrawal with unblinding and verification).</li>
 * </ul>
 *
 * <p>Concurrency: nothing here keeps static mutable state. Clients and the wallet are safe to
 * share between threads (the HTTP client is thread safe, the cached {@code /keys} is a volatile
 * immutable snapshot); per-operation objects (planchets, requests, coins) are immutable values.
 */
package net.taler.testsupport.wallet;
