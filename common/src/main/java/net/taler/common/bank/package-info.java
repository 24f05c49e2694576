/**
 * Client side of the Taler Wire Gateway API (wire-gateway.md 1–2): the exchange's only way to
 * talk to its bank. {@link net.taler.common.bank.WireGatewayClient} pages through
 * {@code history/incoming} and {@code history/outgoing}, executes {@code transfer} and (for
 * tests) {@code admin/add-incoming}; replies are validated strictly and bounded in size.
 * {@link net.taler.common.bank.ExchangeAccounts} finds the {@code exchange-account-*} sections
 * and {@link net.taler.common.bank.WireGatewayCredentials} their
 * {@code exchange-accountcredentials-*} counterparts. Every failure is a checked
 * {@link net.taler.common.bank.WireGatewayException} that keeps "the bank said no" apart from
 * "the bank could not be reached" and "the bank answered nonsense".
 */
package net.taler.common.bank;
