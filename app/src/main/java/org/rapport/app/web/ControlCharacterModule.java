package org.rapport.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Every string and every object key of a JSON request body checked against {@link ControlCharacters}
 * as it is read: a refused character fails the read with a {@link Refused} that
 * {@link ApiExceptionHandler} answers 400, naming the field by its JSON path. Only the request
 * bodies' mapper has it ({@link TextInputConfig}); what Rapport reads back from its own store is
 * not checked again.
 */
class ControlCharacterModule extends SimpleModule {

    ControlCharacterModule() {
        super("rapport-control-characters");
        addDeserializer(String.class, new Strings());
        addKeyDeserializer(String.class, new Keys());
    }

    /** A refused character in a string ({@code key} false) or an object key; its path names the field. */
    static final class Refused extends JsonMappingException {
        private final boolean key;
        private final String character;

        Refused(JsonParser parser, String text, int index, boolean key) {
            super(parser, "a control character " + ControlCharacters.name(text, index) + " in a string");
            this.key = key;
            this.character = ControlCharacters.name(text, index);
        }

        boolean key() {
            return key;
        }

        String character() {
            return character;
        }
    }

    private static final class Strings extends StdScalarDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            int at = ControlCharacters.find(s);
            if (at >= 0) {
                throw new Refused(p, s, at, false);
            }
            return s;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    private static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            int at = ControlCharacters.find(key);
            if (at >= 0) {
                throw new Refused(ctxt.getParser(), key, at, true);
            }
            return key;
        }
    }
}
