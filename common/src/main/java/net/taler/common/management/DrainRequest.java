package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.json.JsonFields;
import net.taler.common.time.Timestamp;

/**
 * {@code POST /management/drain}: move profits from an exchange account to the operator's.
 *
 * @param debitAccountSection the {@code exchange-account-*} section to pay from
 * @param masterSig master signature of {@code DrainProfit}
 */
public record DrainRequest(String debitAccountSection, String creditPaytoUri, WireTransferId wtid, Timestamp date,
        Amount amount, EddsaSignature masterSig) implements ManagementRequest {
    /**
     * Also rejects a malformed payto URI (400 {@code GENERIC_PAYTO_URI_MALFORMED}).
     *
     * @param currency the only currency the amount may have (null: any)
     */
    public static DrainRequest parse(JsonNode body, String currency) {
        JsonFields b = new JsonFields(body, currency);
        String section = b.string("debit_account_section");
        String payto = Json.payto("credit_payto_uri", b.string("credit_payto_uri"));
        WireTransferId wtid = b.base32("wtid", WireTransferId::fromBase32);
        Timestamp date = b.timestamp("date");
        Amount amount = b.amount("amount");
        EddsaSignature sig = b.base32("master_sig", EddsaSignature::fromBase32);
        return new DrainRequest(section, payto, wtid, date, amount, sig);
    }

    @Override
    public String path() {
        return "management/drain";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("debit_account_section", debitAccountSection);
        o.put("credit_payto_uri", creditPaytoUri);
        o.put("wtid", wtid.toBase32());
        o.put("master_sig", masterSig.toBase32());
        o.set("date", Json.tree(date));
        o.set("amount", Json.tree(amount));
        return o;
    }
}
