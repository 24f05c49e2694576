/**
 * Coins (crypto.md 2.4, 2.5.5–2.5.8, 7): {@link net.taler.common.coin.DenominationKey},
 * the per-coin secrets and their derivations ({@link net.taler.common.coin.CoinSecrets}),
 * {@link net.taler.common.coin.Planchet}s and their factory
 * {@link net.taler.common.coin.Planchets} (withdraw, tip, refresh; RSA and CS), blind and
 * unblinded signatures, spendable {@link net.taler.common.coin.Coin}s, the refresh
 * commitment {@link net.taler.common.coin.RefreshCommitment} with its client side
 * ({@link net.taler.common.coin.RefreshSession}) and exchange-side recheck
 * ({@link net.taler.common.coin.RefreshReveal}), and link recovery
 * ({@link net.taler.common.coin.LinkData}).
 */
package net.taler.common.coin;
