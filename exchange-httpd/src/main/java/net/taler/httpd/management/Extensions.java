package net.taler.httpd.management;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.json.JsonFields;
import net.taler.common.management.ExtensionsSet;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.json.JsonHashes;
import net.taler.common.sig.master.ExtensionManifests;
import net.taler.httpd.ExchangeSettings;
import net.taler.db.extensions.ExtensionRepository;
import net.taler.httpd.keys.KeyStateService;

/** {@code POST /management/extensions}: the master-signed extension manifests (Dec 2022: age restriction). */
public final class Extensions {
    private final ExchangeSettings settings;
    private final ExtensionRepository extensions;
    private final KeyStateService keys;

    public Extensions(ExchangeSettings settings, ExtensionRepository extensions, KeyStateService keys) {
        this.settings = settings;
        this.extensions = extensions;
        this.keys = keys;    }

    public Reply post(Request r) {
        ExtensionsSet b = ExtensionsSet.parse(r.jsonBody());
        ObjectNode ext = b.extensions();
        EddsaSignature sig = b.extensionsSig();
        HashCode h;
        try {
            h = JsonHashes.extensionsManifestsHash(ext);
        } catch (RuntimeException e) {
            // the hasher's message names its internals; say what the client can fix
            throw JsonFields.invalid("extensions", "cannot be canonicalized for hashing: no real"
                    + " numbers, integers at most 2^53, no unpaired UTF-16 surrogates, no deep nesting");
        }
        if (!new ExtensionManifests(h).verify(settings.masterPub(), sig)) {
            throw ManagementErrors.forbidden(TalerErrorCode.GENERIC_PARAMETER_MALFORMED).withHttpStatus(403);
        }
        Map<String, String> manifests = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ext.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw JsonFields.invalid("extensions", "manifest of " + e.getKey() + " must be an object");
            }
            manifests.put(e.getKey(), e.getValue().toString());
        }
        extensions.setExtensions(manifests, sig);
        keys.refreshAfterUpload();
        return Reply.noContent();
    }
}
