package net.taler.common.json;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.KeyDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Jackson module for the Taler protocol value types (Dec 2022):
 * <ul>
 *   <li>{@link Amount}: {@code "CUR:V[.F]"} (see {@code AmountJson});</li>
 *   <li>{@link Timestamp}: {@code {"t_s": n}} / {@code {"t_s": "never"}}; legacy {@code t_ms}
 *       rejected (see {@code TimeJson});</li>
 *   <li>{@link RelativeTime}: {@code {"d_us": n}} / {@code {"d_us": "forever"}};</li>
 *   <li>every {@link FixedBytes} type, also as map key: strict Crockford base32
 *       (see {@code FixedBytesJson}).</li>
 * </ul>
 * Usually used through {@link TalerJson#mapper()}, which also sets the input limits.
 */
public final class TalerJsonModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    private final transient Map<Class<?>, FixedBytesJson.Codec<?>> explicit = new ConcurrentHashMap<>();

    public TalerJsonModule() {
        super("TalerJsonModule", Version.unknownVersion());
        addSerializer(Amount.class, new AmountJson.Serializer());
        addDeserializer(Amount.class, new AmountJson.Deserializer());
        addSerializer(Timestamp.class, new TimeJson.TimestampSerializer());
        addDeserializer(Timestamp.class, new TimeJson.TimestampDeserializer());
        addSerializer(RelativeTime.class, new TimeJson.RelativeTimeSerializer());
        addDeserializer(RelativeTime.class, new TimeJson.RelativeTimeDeserializer());
        // Serializers registered for a class also match its subclasses.
        addSerializer(FixedBytes.class, new FixedBytesJson.Serializer());
        addKeySerializer(FixedBytes.class, new FixedBytesJson.KeySerializer());
    }

    /**
     * Registers a {@link FixedBytes} type that the generic lookup cannot handle (no public
     * {@code (byte[])} constructor). Must be called before the module is registered; use
     * {@link TalerJson#builder(TalerJsonModule)} (a second module of this type added to a mapper
     * that already has one is ignored by Jackson).
     *
     * @param size    the byte size; the base32 text must be exactly {@code ceil(8·size/5)} long
     * @param factory builds the value from exactly {@code size} bytes
     */
    public <T extends FixedBytes> TalerJsonModule addFixedBytes(Class<T> type, int size,
            Function<byte[], T> factory) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        explicit.put(Objects.requireNonNull(type, "type"), new FixedBytesJson.Codec<>(type, size, factory));
        return this;
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        Map<Class<?>, FixedBytesJson.Codec<?>> known = Map.copyOf(explicit);
        context.addDeserializers(new FixedBytesDeserializers(known));
        context.addKeyDeserializers(new FixedBytesKeyDeserializers(known));
    }

    static FixedBytesJson.Codec<?> codecFor(Map<Class<?>, FixedBytesJson.Codec<?>> known, Class<?> raw) {
        if (!FixedBytes.class.isAssignableFrom(raw)) {
            return null;
        }
        FixedBytesJson.Codec<?> c = known.get(raw);
        return c != null ? c : REFLECTIVE.get(raw).orElse(null);
    }

    /** Generic codecs, looked up once per class. */
    private static final ClassValue<Optional<FixedBytesJson.Codec<?>>> REFLECTIVE = new ClassValue<>() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected Optional<FixedBytesJson.Codec<?>> computeValue(Class<?> type) {
            return Optional.ofNullable(FixedBytesJson.Codec.reflective((Class) type));
        }
    };

    private static final class FixedBytesDeserializers extends Deserializers.Base {
        private final Map<Class<?>, FixedBytesJson.Codec<?>> known;

        FixedBytesDeserializers(Map<Class<?>, FixedBytesJson.Codec<?>> known) {
            this.known = known;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                BeanDescription beanDesc) {
            FixedBytesJson.Codec<?> codec = codecFor(known, type.getRawClass());
            return codec == null ? null : new FixedBytesJson.Deserializer(codec);
        }

        @Override
        public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
            return codecFor(known, valueType) != null;
        }
    }

    private static final class FixedBytesKeyDeserializers implements KeyDeserializers {
        private final Map<Class<?>, FixedBytesJson.Codec<?>> known;

        FixedBytesKeyDeserializers(Map<Class<?>, FixedBytesJson.Codec<?>> known) {
            this.known = known;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public KeyDeserializer findKeyDeserializer(JavaType type, DeserializationConfig config,
                BeanDescription beanDesc) {
            FixedBytesJson.Codec<?> codec = codecFor(known, type.getRawClass());
            return codec == null ? null : new FixedBytesJson.KeyDeserializerImpl(codec);
        }
    }
}
