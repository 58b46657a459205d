package io.spear.next.sms.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies mean what they say: "8080" is not a port, 1.5 is not an integer, 5 and true are
 * not strings, a field given twice is an error, null is not 0, and every string is well-formed
 * Unicode (a lone surrogate escape such as "\ud800" is not a character). The bytes themselves must
 * be UTF-8: {@link StrictUtf8Bodies}.
 */
@Singleton
public class JsonStrictness implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("well-formed-strings")
                .addDeserializer(String.class, new WellFormedStrings())
                .addKeyDeserializer(String.class, new WellFormedKeys()));
    }

    /** A string, or a key, holding a surrogate that is not half of a pair. */
    static final class LoneSurrogateException extends InvalidFormatException {
        LoneSurrogateException(JsonParser parser, String value) {
            super(parser, "not well-formed Unicode", value, String.class);
        }
    }

    static String wellFormed(JsonParser parser, String value) throws LoneSurrogateException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new LoneSurrogateException(parser, value);
            }
        }
        return value;
    }

    /** Jackson's own string deserializer (with its coercion rules), plus the Unicode check. */
    private static final class WellFormedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            return value == null ? null : wellFormed(parser, value);
        }
    }

    private static final class WellFormedKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return wellFormed(context.getParser(), key);
        }
    }
}
