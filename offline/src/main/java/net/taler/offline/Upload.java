package net.taler.offline;

import com.fasterxml.jackson.databind.JsonNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.json.JsonFields;
import net.taler.common.management.AuditorDisable;
import net.taler.common.management.AuditorEnable;
import net.taler.common.management.DenominationRevocation;
import net.taler.common.management.DrainRequest;
import net.taler.common.management.ExtensionsSet;
import net.taler.common.management.GlobalFeeSet;
import net.taler.common.management.KeySignatures;
import net.taler.common.management.ManagementRequest;
import net.taler.common.management.SigningKeyRevocation;
import net.taler.common.management.WireDisable;
import net.taler.common.management.WireEnable;
import net.taler.common.management.WireFeeSet;

/**
 * Maps an operation of the output array to its management POST (operations.md 3.3). Where the
 * operation's {@code arguments} use the request's field names the body codec reads them
 * directly; otherwise (the C tool's older names) they are read here and the codec writes the body.
 */
final class Upload {
    private Upload() {
    }

    /** The request for one {@code {"operation", "arguments"}} element; throws on unknown/malformed input. */
    static ManagementRequest request(JsonNode op) {
        if (op == null || !op.isObject() || !op.path("operation").isTextual() || !op.path("arguments").isObject()) {
            throw new IllegalArgumentException("malformed operation (need `operation' and `arguments')");
        }
        String name = op.get("operation").asText();
        JsonNode args = op.get("arguments");
        JsonFields a = new JsonFields(args, null);
        switch (name) {
            case OperationNames.REVOKE_DENOMINATION:
                return DenominationRevocation.parse(a.base32("h_denom_pub", HashCode::fromBase32), args);
            case OperationNames.REVOKE_SIGNKEY:
                return SigningKeyRevocation.parse(a.base32("exchange_pub", EddsaPublicKey::fromBase32), args);
            case OperationNames.ENABLE_AUDITOR:
                return AuditorEnable.parse(args);
            case OperationNames.DISABLE_AUDITOR:
                return AuditorDisable.parse(a.base32("auditor_pub", EddsaPublicKey::fromBase32), args);
            case OperationNames.ENABLE_WIRE:
                return WireEnable.parse(args);
            case OperationNames.DISABLE_WIRE:
                return new WireDisable(a.string("payto_uri"), a.timestamp("validity_end"), sig(a, "master_sig"));
            case OperationNames.SET_WIRE_FEE:
                return new WireFeeSet(a.string("wire_method"), a.timestamp("start_time"), a.timestamp("end_time"),
                        a.amount("wire_fee"), a.amount("closing_fee"), sig(a, "master_sig"));
            case OperationNames.SET_GLOBAL_FEE:
                return new GlobalFeeSet(a.timestamp("start_time"), a.timestamp("end_time"), a.amount("history_fee"),
                        a.amount("account_fee"), a.amount("purse_fee"), a.relativeTime("purse_timeout"),
                        a.relativeTime("history_expiration"),
                        a.integer("purse_account_limit", GlobalFeeSet.MAX_PURSE_ACCOUNT_LIMIT), sig(a, "master_sig"));
            case OperationNames.DRAIN_PROFITS:
                return new DrainRequest(a.string("account_section"), a.string("payto_uri"),
                        a.base32("wtid", WireTransferId::fromBase32), a.timestamp("date"), a.amount("amount"),
                        sig(a, "master_sig"));
            case OperationNames.UPLOAD_SIGS:
                return KeySignatures.parse(args);
            case OperationNames.EXTENSIONS:
                return ExtensionsSet.parse(args);
            default:
                throw new IllegalArgumentException("Upload does not know how to handle `" + name + "'");
        }
    }

    private static EddsaSignature sig(JsonFields a, String field) {
        return a.base32(field, EddsaSignature::fromBase32);
    }
}
