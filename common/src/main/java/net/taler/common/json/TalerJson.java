package net.taler.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The preconfigured Jackson setup for the Taler protocol (Dec 2022 conventions, operations.md
 * "JSON conventions", exchange-api.md 1.1).
 *
 * <p>What {@link #mapper()} gives you:
 * <ul>
 *   <li>{@link TalerJsonModule}: amounts as {@code "CUR:V.F"}, timestamps as {@code {"t_s": n}} /
 *       {@code {"t_s": "never"}}, relative times as {@code {"d_us": n}} /
 *       {@code {"d_us": "forever"}}, every {@code FixedBytes} type as strict Crockford base32;</li>
 *   <li>input limits ({@link #MAX_NESTING_DEPTH} etc.) enforced by the streaming parser, so a
 *       hostile body fails early with a {@code StreamConstraintsException};</li>
 *   <li>duplicate object keys are rejected (jansson would silently keep the last one; we prefer
 *       not to guess which value a signature was meant to cover);</li>
 *   <li>no scalar coercion: a number is not accepted where a string is expected and vice versa,
 *       floats are not accepted for integer fields (C {@code json_is_integer} semantics);</li>
 *   <li>unknown properties are ignored (as the C exchange and the wallet do), trailing tokens
 *       after the document are an error;</li>
 *   <li>{@code null} properties of POJOs/records are omitted on output (the protocol omits
 *       optional fields instead of sending {@code null}); JSON trees are written unchanged.</li>
 * </ul>
 *
 * <p>On input an explicit JSON {@code null} and an absent field both bind to Java {@code null}
 * (C treats {@code null} like "absent" for optional fields). Required fields must be checked by
 * the DTO (e.g. {@code @JsonProperty(required = true)} on record components, which Jackson
 * enforces for creator properties). Every error is a {@code JsonProcessingException}; the
 * httpd maps those to {@code TALER_EC_GENERIC_PARAMETER_MALFORMED}.
 */
public final class TalerJson {
    /** Deepest accepted nesting of arrays/objects (reading and writing). */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest accepted string value in characters (an encrypted contract is the largest). */
    public static final int MAX_STRING_LENGTH = 4 * 1024 * 1024;
    /** Longest accepted object key. */
    public static final int MAX_NAME_LENGTH = 1024;
    /** Longest accepted number literal (an int64 needs at most 20 characters). */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Largest accepted document in bytes; the C exchange caps request bodies at 16 MiB too. */
    public static final long MAX_DOCUMENT_LENGTH = 16L * 1024 * 1024;

    private static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
            .build();

    private static final StreamWriteConstraints WRITE_CONSTRAINTS = StreamWriteConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .build();

    private TalerJson() {
    }

    /** A JSON factory with the input limits and strict duplicate detection. */
    public static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(READ_CONSTRAINTS)
                .streamWriteConstraints(WRITE_CONSTRAINTS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * A mapper builder with everything of {@link #mapper()} already set, for callers that want
     * to add modules or features.
     */
    public static JsonMapper.Builder builder() {
        return builder(new TalerJsonModule());
    }

    /**
     * Like {@link #builder()} but with the given (e.g. extended via
     * {@link TalerJsonModule#addFixedBytes}) module. Jackson ignores a second
     * {@code TalerJsonModule} added to a builder that already has one, so pass it here.
     */
    public static JsonMapper.Builder builder(TalerJsonModule module) {
        return JsonMapper.builder(factory())
                .addModule(module)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .defaultPropertyInclusion(JsonInclude.Value.construct(
                        JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS));
    }

    /**
     * A new, fully configured mapper. Mappers are thread safe once configured; create one per
     * component and keep it (creation is comparatively expensive), and do not reconfigure it
     * after first use.
     */
    public static ObjectMapper mapper() {
        return builder().build();
    }
}
