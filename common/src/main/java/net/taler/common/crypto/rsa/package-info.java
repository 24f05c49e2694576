/**
 * RSA blind signatures of GNU Taler denominations (crypto.md 5): GNUnet key and signature
 * encodings, RSA-FDH with Chaum blinding, the signer's fast CRT path, and the libgcrypt
 * S-expression key files of the RSA security module.
 */
package net.taler.common.crypto.rsa;
