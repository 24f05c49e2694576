/**
 * Age restriction (crypto.md 8): {@link net.taler.common.age.AgeMask} (groups),
 * {@link net.taler.common.age.AgeCommitment} (the Edx25519 public keys and their
 * {@code h_age_commitment}), {@link net.taler.common.age.AgeCommitmentProof} (with the
 * owner's private keys) and the {@link net.taler.common.age.AgeRestriction} operations:
 * commit, derive (refresh), attest and verify an attestation.
 */
package net.taler.common.age;
