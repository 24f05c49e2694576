package net.taler.httpd.keys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.Hashes;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.json.TalerJson;
import net.taler.common.keys.KeyStateSnapshot;
import net.taler.common.keys.WireAccount;
import net.taler.common.keys.WireFee;
import net.taler.common.payto.Payto;
import net.taler.common.time.Timestamp;
import net.taler.httpd.ExchangeSettings;

/** Builds the {@code GET /wire} body of exchange-api.md 2.3, or the configuration error to send instead. */
final class WireDocument {
    private static final ObjectMapper M = TalerJson.mapper();

    /** Either a body (with ETag and expiry) or an error code with detail. */
    record Result(byte[] json, String etag, Timestamp expires, TalerErrorCode error, String detail) {
    }

    private WireDocument() {
    }

    static Result build(ExchangeSettings settings, KeyStateSnapshot snap) throws Exception {
        List<WireAccount> accounts = snap.activeWireAccounts();
        if (accounts.isEmpty()) {
            return error(TalerErrorCode.EXCHANGE_WIRE_NO_ACCOUNTS_CONFIGURED, "no wire account enabled");
        }
        Map<String, ArrayNode> fees = new TreeMap<>();
        Map<String, Timestamp> lastEnd = new LinkedHashMap<>();
        Hashes.HashContext etag = Hashes.sha512Context();
        for (WireFee f : snap.wireFees()) {
            ObjectNode n = fees.computeIfAbsent(f.wireMethod(), k -> M.createArrayNode()).addObject();
            n.put("wire_fee", f.wireFee().toString());
            n.put("closing_fee", f.closingFee().toString());
            n.set("start_date", M.valueToTree(f.startDate()));
            n.set("end_date", M.valueToTree(f.endDate()));
            n.put("sig", f.masterSig().toBase32());
            etag.update(f.masterSig());
            lastEnd.merge(f.wireMethod(), f.endDate(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        ObjectNode o = M.createObjectNode();
        ArrayNode acc = o.putArray("accounts");
        ObjectNode feeObj = M.createObjectNode();
        Timestamp expires = null;
        for (WireAccount a : accounts) {
            String method;
            try {
                method = Payto.method(a.paytoUri());
            } catch (RuntimeException e) {
                return error(TalerErrorCode.EXCHANGE_WIRE_INVALID_PAYTO_CONFIGURED, a.paytoUri());
            }
            ArrayNode forMethod = fees.get(method);
            if (forMethod == null) {
                return error(TalerErrorCode.EXCHANGE_WIRE_FEES_NOT_CONFIGURED, "no wire fees for method " + method);
            }
            feeObj.set(method, forMethod);
            Timestamp end = lastEnd.get(method);
            if (expires == null || end.isBefore(expires)) {
                expires = end;
            }
            ObjectNode n = acc.addObject();
            n.put("payto_uri", a.paytoUri());
            n.put("master_sig", a.masterSig().toBase32());
        }
        o.set("fees", feeObj);
        o.put("master_public_key", settings.masterPub().toBase32());
        return new Result(M.writeValueAsBytes(o), etag.finish().toBase32(), expires, null, null);
    }

    private static Result error(TalerErrorCode code, String detail) {
        return new Result(null, null, null, code, detail);
    }
}
