package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.json.JsonFields;

/**
 * {@code POST /management/extensions}: the manifests of the enabled extensions, master-signed
 * over their canonical hash ({@code JsonHashes.extensionsManifestsHash}).
 *
 * @param extensions manifests by extension name (a private copy; {@link #extensions()} copies too)
 * @param extensionsSig master signature of {@code ExtensionManifests}
 */
public record ExtensionsSet(ObjectNode extensions, EddsaSignature extensionsSig) implements ManagementRequest {
    public ExtensionsSet {
        extensions = extensions.deepCopy();
    }

    public static ExtensionsSet parse(JsonNode body) {
        JsonFields b = new JsonFields(body, null);
        JsonNode ext = b.object("extensions").node();
        EddsaSignature sig = b.base32("extensions_sig", EddsaSignature::fromBase32);
        return new ExtensionsSet((ObjectNode) ext, sig);
    }

    @Override
    public ObjectNode extensions() {
        return extensions.deepCopy();
    }

    @Override
    public String path() {
        return "management/extensions";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.set("extensions", extensions.deepCopy());
        o.put("extensions_sig", extensionsSig.toBase32());
        return o;
    }
}
