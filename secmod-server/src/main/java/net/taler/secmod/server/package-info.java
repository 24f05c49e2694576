/**
 * The core shared by {@code taler-exchange-secmod-rsa}, {@code -cs} and {@code -eddsa}: key
 * files ({@link net.taler.secmod.server.KeyFiles}, {@link
 * net.taler.secmod.server.SmKey}), the key lifecycle and generation counter ({@link
 * net.taler.secmod.server.KeyRing}), the UNIX socket server ({@link
 * net.taler.secmod.server.SecmodServer}), batch execution, and the program base ({@link
 * net.taler.secmod.server.SecmodProgram}, {@link
 * net.taler.secmod.server.SecmodCore}). A helper contributes a {@link
 * net.taler.secmod.server.KeyCipher} and a {@link
 * net.taler.secmod.server.RequestHandler}. Only the secmod modules use this package.
 */
package net.taler.secmod.server;
