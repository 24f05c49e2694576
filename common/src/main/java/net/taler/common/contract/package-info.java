/**
 * Contract terms: the wallet-compatible contract hash with forgettable members
 * ({@link net.taler.common.contract.ContractTermsHash}).
 */
package net.taler.common.contract;
