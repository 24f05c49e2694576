package net.taler.common.json;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.encoding.Crockford;

/**
 * JSON form of every {@link FixedBytes} type: a Crockford base32 string of exactly
 * {@code ceil(8·size/5)} characters, decoded with the C exchange's strictness
 * ({@link Crockford#decodeFixed}; exchange-api.md 1.1).
 *
 * <p>A type is handled generically if it is a concrete subclass with a public
 * {@code (byte[])} constructor; its size comes from its {@code public static final int SIZE}
 * constant (all types in {@code net.taler.common.crypto} have one). Without that constant the
 * text is decoded with {@link Crockford#decodeVariable} (canonical length only) and the
 * constructor checks the size, which is equally strict. Types without such a constructor can
 * be registered with {@link TalerJsonModule#addFixedBytes}.
 *
 * <p>Note: types whose protocol JSON is not one base32 string (e.g. the CS signature, which
 * JSON carries as separate {@code cs_signature_r}/{@code cs_signature_s}) must be mapped by
 * their DTO; this codec would write their raw bytes as one string. Secret types
 * ({@code SecretBytes}) are (de)serialized too, because some requests carry them (e.g.
 * {@code transfer_privs} in a refresh reveal); do not put them into responses by accident.
 */
final class FixedBytesJson {
    private FixedBytesJson() {
    }

    /** How to decode one concrete type. */
    static final class Codec<T extends FixedBytes> {
        private final Class<T> type;
        private final int size; // -1: unknown, let the constructor check
        private final Function<byte[], T> factory;

        Codec(Class<T> type, int size, Function<byte[], T> factory) {
            this.type = Objects.requireNonNull(type, "type");
            this.size = size;
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        Class<T> type() {
            return type;
        }

        /** Decodes; throws IllegalArgumentException with a readable reason. */
        T decode(String text) {
            byte[] raw = size >= 0 ? Crockford.decodeFixed(text, size) : Crockford.decodeVariable(text);
            return factory.apply(raw);
        }

        /**
         * The generic codec of a concrete subclass with a public (byte[]) constructor, or null if
         * the class does not qualify.
         */
        static <T extends FixedBytes> Codec<T> reflective(Class<T> type) {
            if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
                return null;
            }
            Constructor<T> ctor;
            try {
                ctor = type.getConstructor(byte[].class);
            } catch (NoSuchMethodException e) {
                return null;
            }
            int size = -1;
            try {
                Field f = type.getField("SIZE");
                int mods = f.getModifiers();
                if (Modifier.isStatic(mods) && f.getType() == int.class) {
                    size = f.getInt(null);
                }
            } catch (NoSuchFieldException | IllegalAccessException e) {
                size = -1;
            }
            return new Codec<>(type, size, raw -> {
                try {
                    return ctor.newInstance((Object) raw);
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalArgumentException(String.valueOf(cause), cause);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot construct " + type.getName(), e);
                }
            });
        }
    }

    static final class Serializer extends StdSerializer<FixedBytes> {
        Serializer() {
            super(FixedBytes.class);
        }

        @Override
        public void serialize(FixedBytes value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toBase32());
        }
    }

    static final class KeySerializer extends StdSerializer<FixedBytes> {
        KeySerializer() {
            super(FixedBytes.class);
        }

        @Override
        public void serialize(FixedBytes value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeFieldName(value.toBase32());
        }
    }

    static final class Deserializer<T extends FixedBytes> extends StdScalarDeserializer<T> {
        private final Codec<T> codec;

        Deserializer(Codec<T> codec) {
            super(codec.type());
            this.codec = codec;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.reportInputMismatch(this, "%s must be a base32 JSON string, got %s",
                        codec.type().getSimpleName(), p.currentToken());
            }
            String text = p.getText();
            try {
                return codec.decode(text);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(shorten(text), codec.type(), e.getMessage());
            }
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    static final class KeyDeserializerImpl<T extends FixedBytes> extends KeyDeserializer {
        private final Codec<T> codec;

        KeyDeserializerImpl(Codec<T> codec) {
            this.codec = codec;
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            try {
                return codec.decode(key);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdKeyException(codec.type(), shorten(key), e.getMessage());
            }
        }
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
