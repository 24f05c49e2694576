package net.taler.common.keys;

import java.util.List;
import java.util.Map;

import net.taler.common.crypto.EddsaSignature;

/**
 * The master-signed part of the exchange's key state, read from the database in one
 * snapshot; the httpd joins it with the security modules' keys.
 *
 * @param denominations      denominations with {@code expire_legal > now}, newest {@code valid_from} first
 * @param signingKeys        signing keys with {@code expire_legal > now} (with revocation flag), by valid_from
 * @param activeAuditors     active auditors, in the order they were first enabled
 * @param auditorDenomSigs   signatures of active auditors over the listed denominations
 * @param globalFees         all global fees, by start date
 * @param activeWireAccounts active wire accounts, by payto URI
 * @param wireFees           all wire fees, by method then start date
 * @param extensions         extension name to manifest JSON, by name
 * @param extensionsSig      master signature over the extensions, or null if none was uploaded
 */
public record KeyStateSnapshot(List<Denomination> denominations, List<SigningKey> signingKeys,
                               List<Auditor> activeAuditors, List<AuditorDenominationSignature> auditorDenomSigs,
                               List<GlobalFee> globalFees, List<WireAccount> activeWireAccounts,
                               List<WireFee> wireFees, Map<String, String> extensions, EddsaSignature extensionsSig) {
    public KeyStateSnapshot {
        denominations = List.copyOf(denominations);
        signingKeys = List.copyOf(signingKeys);
        activeAuditors = List.copyOf(activeAuditors);
        auditorDenomSigs = List.copyOf(auditorDenomSigs);
        globalFees = List.copyOf(globalFees);
        activeWireAccounts = List.copyOf(activeWireAccounts);
        wireFees = List.copyOf(wireFees);
        extensions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(extensions));
    }
}
