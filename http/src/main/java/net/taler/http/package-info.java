/**
 * The HTTP server core shared by {@code taler-exchange-httpd}, {@code taler-auditor-httpd} and
 * the fakebank: Netty transport selection ({@link net.taler.http.ListenSettings}: TCP,
 * UNIX socket, a socket inherited from systemd), request parsing with size limits, routing
 * with the Taler error replies of exchange-api.md 1.4, CORS headers and the hand-off of
 * blocking work from the event loop to a bounded worker pool ({@link net.taler.http.HttpServer}).
 */
package net.taler.http;
