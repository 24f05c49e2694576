package net.taler.common.keys;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.time.Timestamp;

/**
 * An auditor the master key enabled (table {@code auditors}; {@code auditors} of {@code /keys}).
 *
 * @param auditorPub the auditor's public key
 * @param url        its base URL
 * @param name       its human-readable name
 * @param active     whether it is currently enabled
 * @param lastChange the validity timestamp of the last enable/disable (later uploads win)
 */
public record Auditor(EddsaPublicKey auditorPub, String url, String name, boolean active, Timestamp lastChange) {
}
