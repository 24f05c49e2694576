package net.taler.offline;

import java.io.IOException;
import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prints JSON documents the way the C tool does, so outputs can be piped between both. */
final class JsonPrinter {
    private final ObjectMapper mapper;
    private final PrintWriter out;

    JsonPrinter(ObjectMapper mapper, PrintWriter out) {
        this.mapper = mapper;
        this.out = out;
    }

    /** Prints {@code node} followed by a newline and flushes. */
    void print(JsonNode node) throws IOException {
        out.println(mapper.writer(new JanssonStyle()).writeValueAsString(node));
        out.flush();
    }

    /** Pretty printer like jansson's JSON_INDENT(2): two spaces, {@code "key": value}. */
    static final class JanssonStyle extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        JanssonStyle() {
            DefaultIndenter ind = new DefaultIndenter("  ", "\n");
            indentObjectsWith(ind);
            indentArraysWith(ind);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new JanssonStyle();
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }
    }
}
