package net.taler.offline;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;

/**
 * Runs a chain of subcommands left to right (operations.md 3.9). Subcommands talk to each other
 * through two buffers: {@code in}, the downloaded keys that {@code show}/{@code sign} consume, and
 * {@code out}, the array of signed operations printed at the end (or handed to {@code upload}).
 */
final class Chain {
    private record Command(String description, Subcommand action) {
    }

    private final String program;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream stdin;
    private final ObjectMapper mapper;
    private final JsonPrinter printer;
    /** By lower-case name, in the order of the help listing. */
    private final Map<String, Command> commands = new LinkedHashMap<>();

    private ObjectNode input;
    private ArrayNode output;

    Chain(String program, PrintWriter out, PrintWriter err, InputStream stdin, ObjectMapper mapper) {
        this.program = program;
        this.out = out;
        this.err = err;
        this.stdin = stdin;
        this.mapper = mapper;
        this.printer = new JsonPrinter(mapper, out);
    }

    /** Adds a subcommand; the registration order is the order of the help listing. */
    Chain register(String name, String description, Subcommand action) {
        commands.put(name, new Command(description, action));
        return this;
    }

    /** Executes {@code args}; always prints the output buffer at the end, even on failure. */
    int run(List<String> args) throws Exception {
        try {
            int i = 0;
            while (i < args.size()) {
                i = dispatch(args, i);
                if (i < 0) {
                    return ExitCodes.INVALID_ARGUMENT;
                }
            }
            if (args.isEmpty()) {
                listCommands();
            }
            return ExitCodes.OK;
        } finally {
            finish();
        }
    }

    /** Executes the subcommand at {@code args[i]}; returns the index of the next one, -1 if unknown. */
    private int dispatch(List<String> args, int i) throws Exception {
        String name = args.get(i).toLowerCase(Locale.ROOT);
        List<String> rest = args.subList(i + 1, args.size());
        Command c = commands.get(name);
        if (c != null) {
            return i + 1 + c.action().run(rest);
        }
        if (name.equals("help")) {
            listCommands();
            return args.size();
        }
        err.println(program + ": Unexpected command `" + args.get(i) + "'");
        listCommands();
        return -1;
    }

    private void listCommands() {
        err.println("Supported subcommands:");
        commands.forEach((name, c) -> err.println("- " + name + ": " + c.description()));
        err.flush();
    }

    /** Prints the non-empty output array and warns about unconsumed input. */
    private void finish() throws IOException {
        if (input != null) {
            err.println(program + ": warning: input not consumed");
        }
        if (output != null && !output.isEmpty()) {
            printer.print(output);
        }
        out.flush();
        err.flush();
    }

    // ---------------------------------------------------------------- for the subcommands

    String program() {
        return program;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    void printJson(JsonNode node) throws IOException {
        printer.print(node);
    }

    /** One JSON document from standard input (null at end of input). */
    JsonNode readStdin() throws IOException {
        return mapper.readTree(stdin);
    }

    /** Operations that do not read the input must not silently drop a pending download. */
    void requireInputConsumed(String what) {
        if (input != null) {
            throw new ProgramException(ExitCodes.FAILURE, "Downloaded data was not consumed, " + what);
        }
    }

    /** Keeps a downloaded document for a later {@code show}/{@code sign}. */
    void keepInput(ObjectNode document) {
        input = document;
    }

    /** The pending input (null if none); the buffer is emptied. */
    JsonNode takeInput() {
        JsonNode i = input;
        input = null;
        return i;
    }

    /** Appends a signed operation to the output array. */
    void output(String operation, ObjectNode arguments) {
        if (output == null) {
            output = mapper.createArrayNode();
        }
        ObjectNode action = mapper.createObjectNode();
        action.put("operation", operation);
        action.set("arguments", arguments);
        output.add(action);
    }

    /** The output array so far (null if none); the buffer is emptied. */
    ArrayNode takeOutput() {
        ArrayNode o = output;
        output = null;
        return o;
    }
}
