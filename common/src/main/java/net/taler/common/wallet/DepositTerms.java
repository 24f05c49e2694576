package net.taler.common.wallet;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.WireSalt;
import net.taler.common.json.JsonFields;
import net.taler.common.json.JsonHashes;
import net.taler.common.json.TalerJson;
import net.taler.common.time.Timestamp;

/**
 * The merchant's side of a deposit, shared by all coins of a {@code /batch-deposit} and part of
 * the body of {@code POST /coins/$COIN_PUB/deposit} (exchange-api.md 4.1, 4.2). Parsing checks
 * only the JSON shapes; the payto rules and the deadline checks are the endpoint's, in the order
 * of the C exchange.
 *
 * @param merchantPaytoUri     the account to pay, as received (its salted hash is signed)
 * @param refundDeadline       {@link Timestamp#EPOCH} when absent (the wallet's deposit groups send zero)
 * @param policy               the deposit policy object, or null (the Dec 2022 wallet sends none)
 */
public record DepositTerms(String merchantPaytoUri, WireSalt wireSalt, EddsaPublicKey merchantPub,
        HashCode hContractTerms, Timestamp timestamp, Timestamp refundDeadline, Timestamp wireTransferDeadline,
        JsonNode policy) {

    public DepositTerms {
        Objects.requireNonNull(merchantPaytoUri, "merchantPaytoUri");
        Objects.requireNonNull(wireSalt, "wireSalt");
        Objects.requireNonNull(merchantPub, "merchantPub");
        Objects.requireNonNull(hContractTerms, "hContractTerms");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(refundDeadline, "refundDeadline");
        Objects.requireNonNull(wireTransferDeadline, "wireTransferDeadline");
        if (policy != null && policy.isNull()) {
            policy = null;
        }
    }

    /** Reads the merchant fields of a deposit body; a bad field is 400 {@code GENERIC_JSON_INVALID} naming it. */
    static DepositTerms parse(JsonFields f) {
        JsonNode rd = f.node().get("refund_deadline");
        Timestamp refundDeadline = rd == null || rd.isNull() ? Timestamp.EPOCH : f.timestamp("refund_deadline");
        JsonNode policy = f.node().get("policy");
        if (policy != null && !policy.isNull() && !policy.isObject()) {
            throw JsonFields.invalid("policy", "object expected");
        }
        return new DepositTerms(
                f.string("merchant_payto_uri"),
                f.base32("wire_salt", WireSalt::fromBase32),
                f.base32("merchant_pub", EddsaPublicKey::fromBase32),
                f.base32("h_contract_terms", HashCode::fromBase32),
                f.timestamp("timestamp"),
                refundDeadline,
                f.timestamp("wire_transfer_deadline"),
                policy);
    }

    /** {@code h_wire}: the salted hash of the merchant's payto URI (crypto.md). */
    public HashCode hWire() {
        return Hashes.hWire(merchantPaytoUri, wireSalt);
    }

    /** {@code h_policy}, all zero without a policy. */
    public HashCode hPolicy() {
        return policy == null ? HashCode.ZERO : JsonHashes.policyHash(policy);
    }

    /** Writes the merchant fields into {@code o} as a client sends them. */
    void writeTo(ObjectNode o) {
        o.put("merchant_payto_uri", merchantPaytoUri);
        o.put("wire_salt", wireSalt.toBase32());
        o.put("merchant_pub", merchantPub.toBase32());
        o.put("h_contract_terms", hContractTerms.toBase32());
        o.set("timestamp", TalerJson.mapper().valueToTree(timestamp));
        o.set("refund_deadline", TalerJson.mapper().valueToTree(refundDeadline));
        o.set("wire_transfer_deadline", TalerJson.mapper().valueToTree(wireTransferDeadline));
        if (policy != null) {
            o.set("policy", policy.deepCopy());
        }
    }
}
