/**
 * The security-module wire protocol (secmod.md 5, C encoding): framing ({@link
 * net.taler.common.secmod.Frame}, {@link net.taler.common.secmod.FramedChannel}), the messages
 * of the three helpers ({@link net.taler.common.secmod.RsaProtocol}, {@link
 * net.taler.common.secmod.CsProtocol}, {@link net.taler.common.secmod.EddsaProtocol}) and the
 * announced keys with their SM signatures. The helpers' shared core is in {@code .server}, the
 * httpd's client library in {@code .client}. Operator documentation: {@code docs/secmod.md}.
 */
package net.taler.common.secmod;
