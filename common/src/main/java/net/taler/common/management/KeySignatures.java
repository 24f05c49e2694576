package net.taler.common.management;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.JsonFields;

/**
 * {@code POST /management/keys}: the master signatures over future keys (the offline tool's
 * {@code sign}). The same object is the {@code arguments} of its {@code exchange-upload-sigs-0}
 * output.
 */
public record KeySignatures(List<DenomSig> denomSigs, List<SignkeySig> signkeySigs) implements ManagementRequest {
    /** Upper bound of signatures per list and upload. */
    public static final int MAX_SIGS = 10_000;

    /** A master signature of {@code DenominationKeyValidity}. */
    public record DenomSig(HashCode hDenomPub, EddsaSignature masterSig) {
    }

    /** A master signature of {@code SigningKeyValidity}. */
    public record SignkeySig(EddsaPublicKey exchangePub, EddsaSignature masterSig) {
    }

    public KeySignatures {
        denomSigs = List.copyOf(denomSigs);
        signkeySigs = List.copyOf(signkeySigs);
    }

    /** More than {@link #MAX_SIGS} entries in a list is a 413 {@code GENERIC_UPLOAD_EXCEEDS_LIMIT}. */
    public static KeySignatures parse(JsonNode body) {
        JsonFields b = new JsonFields(body, null);
        JsonNode denoms = b.array("denom_sigs");
        JsonNode signkeys = b.array("signkey_sigs");
        if (denoms.size() > MAX_SIGS || signkeys.size() > MAX_SIGS) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_UPLOAD_EXCEEDS_LIMIT, "too many signatures");
        }
        List<DenomSig> ds = new ArrayList<>(denoms.size());
        for (JsonNode n : denoms) {
            JsonFields f = new JsonFields(n, null);
            ds.add(new DenomSig(f.base32("h_denom_pub", HashCode::fromBase32),
                    f.base32("master_sig", EddsaSignature::fromBase32)));
        }
        List<SignkeySig> ss = new ArrayList<>(signkeys.size());
        for (JsonNode n : signkeys) {
            JsonFields f = new JsonFields(n, null);
            ss.add(new SignkeySig(f.base32("exchange_pub", EddsaPublicKey::fromBase32),
                    f.base32("master_sig", EddsaSignature::fromBase32)));
        }
        return new KeySignatures(ds, ss);
    }

    @Override
    public String path() {
        return "management/keys";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        ArrayNode ds = o.putArray("denom_sigs");
        for (DenomSig d : denomSigs) {
            ds.addObject().put("h_denom_pub", d.hDenomPub().toBase32()).put("master_sig", d.masterSig().toBase32());
        }
        ArrayNode ss = o.putArray("signkey_sigs");
        for (SignkeySig s : signkeySigs) {
            ss.addObject().put("exchange_pub", s.exchangePub().toBase32()).put("master_sig", s.masterSig().toBase32());
        }
        return o;
    }
}
