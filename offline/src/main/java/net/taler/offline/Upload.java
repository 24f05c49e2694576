package net.taler.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Maps an operation of the output array to its management POST (operations.md 3.3). */
final class Upload {
    record Request(String operation, String path, ObjectNode body) {
    }

    private Upload() {
    }

    /** The request for one {@code {"operation", "arguments"}} element; throws on unknown/malformed input. */
    static Request request(JsonNode op) {
        if (op == null || !op.isObject() || !op.path("operation").isTextual() || !op.path("arguments").isObject()) {
            throw new IllegalArgumentException("malformed operation (need `operation' and `arguments')");
        }
        String name = op.get("operation").asText();
        JsonNode a = op.get("arguments");
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        switch (name) {
            case OperationNames.REVOKE_DENOMINATION:
                copy(a, b, "master_sig");
                return new Request(name, "management/denominations/" + seg(a, "h_denom_pub") + "/revoke", b);
            case OperationNames.REVOKE_SIGNKEY:
                copy(a, b, "master_sig");
                return new Request(name, "management/signkeys/" + seg(a, "exchange_pub") + "/revoke", b);
            case OperationNames.ENABLE_AUDITOR:
                copy(a, b, "auditor_pub", "auditor_url", "auditor_name", "validity_start", "master_sig");
                return new Request(name, "management/auditors", b);
            case OperationNames.DISABLE_AUDITOR:
                copy(a, b, "master_sig", "validity_end");
                return new Request(name, "management/auditors/" + seg(a, "auditor_pub") + "/disable", b);
            case OperationNames.ENABLE_WIRE:
                copy(a, b, "payto_uri", "master_sig_add", "master_sig_wire", "validity_start");
                return new Request(name, "management/wire", b);
            case OperationNames.DISABLE_WIRE:
                copy(a, b, "payto_uri", "validity_end");
                b.set("master_sig_del", req(a, "master_sig"));
                return new Request(name, "management/wire/disable", b);
            case OperationNames.SET_WIRE_FEE:
                copy(a, b, "wire_method");
                b.set("fee_start", req(a, "start_time"));
                b.set("fee_end", req(a, "end_time"));
                copy(a, b, "wire_fee", "closing_fee", "master_sig");
                return new Request(name, "management/wire-fee", b);
            case OperationNames.SET_GLOBAL_FEE:
                b.set("fee_start", req(a, "start_time"));
                b.set("fee_end", req(a, "end_time"));
                copy(a, b, "history_fee", "account_fee", "purse_fee", "purse_timeout", "history_expiration",
                        "purse_account_limit", "master_sig");
                return new Request(name, "management/global-fee", b);
            case OperationNames.DRAIN_PROFITS:
                b.set("debit_account_section", req(a, "account_section"));
                b.set("credit_payto_uri", req(a, "payto_uri"));
                copy(a, b, "wtid", "master_sig", "date", "amount");
                return new Request(name, "management/drain", b);
            case OperationNames.UPLOAD_SIGS:
                copy(a, b, "denom_sigs", "signkey_sigs");
                return new Request(name, "management/keys", b);
            case OperationNames.EXTENSIONS:
                copy(a, b, "extensions", "extensions_sig");
                return new Request(name, "management/extensions", b);
            default:
                throw new IllegalArgumentException("Upload does not know how to handle `" + name + "'");
        }
    }

    private static JsonNode req(JsonNode a, String field) {
        JsonNode v = a.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field `" + field + "'");
        }
        return v;
    }

    private static void copy(JsonNode a, ObjectNode b, String... fields) {
        for (String f : fields) {
            b.set(f, req(a, f));
        }
    }

    /** A base32 path segment (only [0-9A-Z] is accepted, so nothing needs escaping). */
    private static String seg(JsonNode a, String field) {
        String s = req(a, field).asText();
        if (!s.matches("[0-9A-Za-z]+")) {
            throw new IllegalArgumentException("field `" + field + "' is not base32");
        }
        return s;
    }
}
