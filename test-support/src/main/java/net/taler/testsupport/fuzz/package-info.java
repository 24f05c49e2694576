/**
 * A small seeded HTTP fuzzer for our servers (issue 14): given valid {@link
 * net.taler.testsupport.fuzz.Example example requests} per route, {@link
 * net.taler.testsupport.fuzz.Mutator} derives structural JSON, path, header and raw byte-level
 * mutations, {@link net.taler.testsupport.fuzz.FuzzCampaign} sends them over real sockets and
 * checks the invariants of {@link net.taler.testsupport.fuzz.Invariants}: no 5xx, every error is
 * Taler error JSON with a registered code and no internals, the server keeps answering. Every
 * request derives from (seed, index) alone, so a failure is reproduced with
 * {@code -Dtaler.fuzz.seed=S -Dtaler.fuzz.only=I}.
 */
package net.taler.testsupport.fuzz;
