package net.taler.offline;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.cli.Programs;
import net.taler.common.cli.TalerProgram;
import net.taler.common.config.TalerConfig;
import net.taler.common.config.ValueParsers;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.json.TalerJson;
import net.taler.common.payto.Payto;
import net.taler.common.sig.master.AddAuditor;
import net.taler.common.sig.master.AddWire;
import net.taler.common.sig.master.DelAuditor;
import net.taler.common.sig.master.DelWire;
import net.taler.common.sig.master.DenominationKeyRevoked;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.sig.master.DrainProfit;
import net.taler.common.sig.master.GlobalFees;
import net.taler.common.sig.master.SigningKeyRevoked;
import net.taler.common.sig.master.SigningKeyValidity;
import net.taler.common.sig.master.WireDetails;
import net.taler.common.sig.master.WireFees;
import net.taler.common.sig.secmod.CsKeyAnnouncement;
import net.taler.common.sig.secmod.RsaKeyAnnouncement;
import net.taler.common.sig.secmod.SigningKeyAnnouncement;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code taler-exchange-offline}: signs the exchange's keys and settings with the offline
 * master key. The arguments are a chain of subcommands executed left to right
 * (operations.md 3.9); signing subcommands append operations to an output array printed at
 * the end, {@code download} fills an input buffer that {@code show}/{@code sign} consume.
 */
@Command(name = "taler-exchange-offline",
        description = {"Operations for offline signing for a Taler exchange.",
            "Arguments are a sequence of subcommands, e.g. 'download sign upload'; use 'help' for the list."})
public final class OfflineMain extends TalerProgram {
    static final String OP_INPUT_KEYS = "exchange-input-keys-0";
    static final String OP_SETUP = "exchange-setup-0";
    static final String OP_UPLOAD_SIGS = "exchange-upload-sigs-0";
    static final String OP_REVOKE_DENOMINATION = "exchange-revoke-denomination-0";
    static final String OP_REVOKE_SIGNKEY = "exchange-revoke-signkey-0";
    static final String OP_ENABLE_AUDITOR = "exchange-enable-auditor-0";
    static final String OP_DISABLE_AUDITOR = "exchange-disable-auditor-0";
    static final String OP_ENABLE_WIRE = "exchange-enable-wire-0";
    static final String OP_DISABLE_WIRE = "exchange-disable-wire-0";
    static final String OP_SET_WIRE_FEE = "exchange-set-wire-fee-0";
    static final String OP_SET_GLOBAL_FEE = "exchange-set-global-fee-0";
    static final String OP_DRAIN_PROFITS = "exchange-drain-profits-0";
    static final String OP_EXTENSIONS = "exchange-extensions-0";

    private static final String[][] COMMANDS = {
        {"setup", "initialize offline key signing material and display public offline key"},
        {"download", "obtain future public keys from exchange (to be performed online!)"},
        {"show", "display future public keys from exchange for human review"},
        {"sign", "sign all future public keys from the input"},
        {"revoke-denomination", "revoke denomination key (hash of public key must be given as argument)"},
        {"revoke-signkey", "revoke exchange online signing key (public key must be given as argument)"},
        {"enable-auditor", "enable auditor for the exchange (auditor-public key, auditor-URI and auditor-name"
            + " must be given as arguments)"},
        {"disable-auditor", "disable auditor at the exchange (auditor-public key must be given as argument)"},
        {"enable-account", "enable wire account of the exchange (payto-URI must be given as argument)"},
        {"disable-account", "disable wire account of the exchange (payto-URI must be given as argument)"},
        {"wire-fee", "sign wire fees for the given year (year, wire method, wire fee, and closing fee must be"
            + " given as arguments)"},
        {"global-fee", "sign global fees for the given year (year, history fee, account fee, purse fee, purse"
            + " timeout, history expiration and the maximum number of free purses per account must be given"
            + " as arguments)"},
        {"drain", "drain profits from exchange escrow account to regular exchange operator account (amount,"
            + " debit account configuration section and credit account payto://-URI must be given as arguments)"},
        {"upload", "upload operation result to exchange (to be performed online!)"},
        {"extensions", "subcommands for extension handling ('show' or 'sign')"},
    };

    @Parameters(arity = "0..*", paramLabel = "SUBCOMMAND", description = "subcommands with their arguments")
    private List<String> args = new ArrayList<>();

    private final ObjectMapper mapper = TalerJson.mapper();
    private InputStream stdin = System.in;
    private HttpClient http;

    private ObjectNode in;
    private ArrayNode out;
    private EddsaPrivateKey masterPriv;
    private String currency;
    private String exchangeUrl;

    public static void main(String[] args) {
        Programs.main(new OfflineMain(), args);
    }

    /** Replaces standard input (tests). */
    public OfflineMain withStdin(InputStream input) {
        this.stdin = input;
        return this;
    }

    @Override
    protected int run() throws Exception {
        TalerConfig cfg = config();
        Optional<String> cur = cfg.getString("taler", "CURRENCY");
        if (cur.isEmpty() || cur.get().isBlank()) {
            err().println(spec.name() + ": configuration option [taler] CURRENCY missing");
            return ExitCodes.NOT_CONFIGURED;
        }
        currency = cur.get().trim();
        try {
            int i = 0;
            while (i < args.size()) {
                i = dispatch(i);
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

    /** Prints the non-empty output array and warns about unconsumed input. */
    private void finish() throws IOException {
        if (in != null) {
            err().println(spec.name() + ": warning: input not consumed");
        }
        if (out != null && !out.isEmpty()) {
            printJson(out);
        }
        out().flush();
        err().flush();
    }

    private void printJson(JsonNode node) throws IOException {
        out().println(mapper.writer(new JsonPrettyPrinter()).writeValueAsString(node));
        out().flush();
    }

    /** Executes the subcommand at {@code args[i]}; returns the index of the next one, -1 if unknown. */
    private int dispatch(int i) throws Exception {
        String name = args.get(i).toLowerCase(Locale.ROOT);
        List<String> rest = args.subList(i + 1, args.size());
        switch (name) {
            case "setup":
                return i + 1 + setup(rest);
            case "download":
                download(rest.isEmpty());
                return i + 1;
            case "show":
                show();
                return i + 1;
            case "sign":
                sign();
                return i + 1;
            case "revoke-denomination":
                return i + 1 + revokeDenomination(rest);
            case "revoke-signkey":
                return i + 1 + revokeSignkey(rest);
            case "enable-auditor":
                return i + 1 + enableAuditor(rest);
            case "disable-auditor":
                return i + 1 + disableAuditor(rest);
            case "enable-account":
                return i + 1 + enableAccount(rest);
            case "disable-account":
                return i + 1 + disableAccount(rest);
            case "wire-fee":
                return i + 1 + wireFee(rest);
            case "global-fee":
                return i + 1 + globalFee(rest);
            case "drain":
                return i + 1 + drain(rest);
            case "upload":
                upload();
                return i + 1;
            case "extensions":
                return i + 1 + extensions(rest);
            case "help":
                listCommands();
                return args.size();
            default:
                err().println(spec.name() + ": Unexpected command `" + args.get(i) + "'");
                listCommands();
                return -1;
        }
    }

    private void listCommands() {
        err().println("Supported subcommands:");
        for (String[] c : COMMANDS) {
            err().println("- " + c[0] + ": " + c[1]);
        }
        err().flush();
    }

    // ---------------------------------------------------------------- helpers

    private static ProgramException usage(String msg) {
        return new ProgramException(ExitCodes.INVALID_ARGUMENT, msg);
    }

    private void requireInputConsumed(String what) {
        if (in != null) {
            throw new ProgramException(ExitCodes.FAILURE, "Downloaded data was not consumed, " + what);
        }
    }

    private void output(String op, ObjectNode arguments) {
        if (out == null) {
            out = mapper.createArrayNode();
        }
        ObjectNode action = mapper.createObjectNode();
        action.put("operation", op);
        action.set("arguments", arguments);
        out.add(action);
    }

    private Timestamp now() {
        return Timestamp.now(clock()).roundedToSeconds();
    }

    private JsonNode json(Object value) {
        return mapper.valueToTree(value);
    }

    private static String arg(List<String> rest, int idx) {
        return idx < rest.size() ? rest.get(idx) : null;
    }

    /** The master private key; created (with parent directories, mode 0400) only if {@code create}. */
    private EddsaPrivateKey masterKey(boolean create) {
        if (masterPriv != null) {
            return masterPriv;
        }
        Path file = config().requireFilename("exchange-offline", "MASTER_PRIV_FILE");
        try {
            if (Files.exists(file)) {
                byte[] raw = Files.readAllBytes(file);
                if (raw.length != EddsaPrivateKey.SIZE) {
                    throw new ProgramException(ExitCodes.FAILURE,
                            "Failed to load master key from file `" + file + "': wrong size " + raw.length);
                }
                masterPriv = new EddsaPrivateKey(raw);
                return masterPriv;
            }
        } catch (IOException e) {
            throw new ProgramException(create ? ExitCodes.NO_PERMISSION : ExitCodes.FAILURE,
                    "Failed to load master key from file `" + file + "': " + e.getMessage(), e);
        }
        if (!create) {
            throw new ProgramException(ExitCodes.FAILURE,
                    "Master private key file `" + file + "' does not exist; run 'setup' first");
        }
        EddsaPrivateKey key = EddsaPrivateKey.generate();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = Files.createTempFile(parent, ".master", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, key.bytes());
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--------"));
                try {
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException e) {
                    // a concurrent setup won the race: use its key
                    masterPriv = new EddsaPrivateKey(Files.readAllBytes(file));
                    return masterPriv;
                } catch (UnsupportedOperationException | IOException e) {
                    Files.move(tmp, file);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new ProgramException(ExitCodes.NO_PERMISSION,
                    "Failed to initialize master key from file `" + file + "': could not create file");
        }
        masterPriv = key;
        return masterPriv;
    }

    private static <T> T parseBase32(String text, java.util.function.Function<String, T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Amount parseAmount(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Amount.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void validatePayto(String uri) {
        Optional<String> problem;
        try {
            problem = Payto.validate(uri);
        } catch (RuntimeException e) {
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        if (problem.isPresent()) {
            throw usage("payto URI is malformed: " + problem.get());
        }
    }

    // ---------------------------------------------------------------- subcommands

    private int setup(List<String> rest) {
        EddsaPrivateKey key = masterKey(true);
        if (!rest.isEmpty()) {
            ObjectNode a = mapper.createObjectNode();
            a.put("exchange_offline_pub", key.publicKey().toBase32());
            output(OP_SETUP, a);
            // a '-' argument only forces the JSON output
            return "-".equals(rest.get(0)) ? 1 : 0;
        }
        out().println(key.publicKey().toBase32());
        out().flush();
        return 0;
    }

    private int revokeDenomination(List<String> rest) {
        requireInputConsumed("refusing revocation");
        HashCode h = parseBase32(arg(rest, 0), HashCode::fromBase32);
        if (h == null) {
            throw usage("You must specify a denomination key with this subcommand");
        }
        EddsaSignature sig = new DenominationKeyRevoked(h).sign(masterKey(false));
        ObjectNode a = mapper.createObjectNode();
        a.put("h_denom_pub", h.toBase32());
        a.put("master_sig", sig.toBase32());
        output(OP_REVOKE_DENOMINATION, a);
        return 1;
    }

    private int revokeSignkey(List<String> rest) {
        requireInputConsumed("refusing revocation");
        EddsaPublicKey pub = parseBase32(arg(rest, 0), EddsaPublicKey::fromBase32);
        if (pub == null) {
            throw usage("You must specify an exchange signing key with this subcommand");
        }
        EddsaSignature sig = new SigningKeyRevoked(pub).sign(masterKey(false));
        ObjectNode a = mapper.createObjectNode();
        a.put("exchange_pub", pub.toBase32());
        a.put("master_sig", sig.toBase32());
        output(OP_REVOKE_SIGNKEY, a);
        return 1;
    }

    private int enableAuditor(List<String> rest) {
        requireInputConsumed("not adding auditor");
        EddsaPublicKey pub = parseBase32(arg(rest, 0), EddsaPublicKey::fromBase32);
        if (pub == null) {
            throw usage("You must specify an auditor public key as first argument for this subcommand");
        }
        String url = arg(rest, 1);
        String name = arg(rest, 2);
        if (url == null || !url.startsWith("http") || name == null) {
            throw usage("You must specify an auditor URI and auditor name as 2nd and 3rd arguments to this"
                    + " subcommand");
        }
        EddsaPrivateKey key = masterKey(false);
        Timestamp now = now();
        EddsaSignature sig = AddAuditor.of(now, pub, url).sign(key);
        ObjectNode a = mapper.createObjectNode();
        a.put("auditor_url", url);
        a.put("auditor_name", name);
        a.set("validity_start", json(now));
        a.put("auditor_pub", pub.toBase32());
        a.put("master_sig", sig.toBase32());
        output(OP_ENABLE_AUDITOR, a);
        return 3;
    }

    private int disableAuditor(List<String> rest) {
        requireInputConsumed("not disabling auditor");
        EddsaPublicKey pub = parseBase32(arg(rest, 0), EddsaPublicKey::fromBase32);
        if (pub == null) {
            throw usage("You must specify an auditor public key as first argument for this subcommand");
        }
        EddsaPrivateKey key = masterKey(false);
        Timestamp now = now();
        EddsaSignature sig = new DelAuditor(now, pub).sign(key);
        ObjectNode a = mapper.createObjectNode();
        a.put("auditor_pub", pub.toBase32());
        a.set("validity_end", json(now));
        a.put("master_sig", sig.toBase32());
        output(OP_DISABLE_AUDITOR, a);
        return 1;
    }

    private int enableAccount(List<String> rest) {
        requireInputConsumed("not adding wire account");
        String payto = arg(rest, 0);
        if (payto == null) {
            throw usage("You must specify a payto://-URI with this subcommand");
        }
        EddsaPrivateKey key = masterKey(false);
        validatePayto(payto);
        Timestamp now = now();
        EddsaSignature add = AddWire.forPayto(now, payto).sign(key);
        EddsaSignature wire = WireDetails.forPayto(payto).sign(key);
        ObjectNode a = mapper.createObjectNode();
        a.put("payto_uri", payto);
        a.set("validity_start", json(now));
        a.put("master_sig_add", add.toBase32());
        a.put("master_sig_wire", wire.toBase32());
        output(OP_ENABLE_WIRE, a);
        return 1;
    }

    private int disableAccount(List<String> rest) {
        requireInputConsumed("not deleting wire account");
        String payto = arg(rest, 0);
        if (payto == null) {
            throw usage("You must specify a payto://-URI with this subcommand");
        }
        EddsaPrivateKey key = masterKey(false);
        Timestamp now = now();
        EddsaSignature sig = DelWire.forPayto(now, payto).sign(key);
        ObjectNode a = mapper.createObjectNode();
        a.put("payto_uri", payto);
        a.set("validity_end", json(now));
        a.put("master_sig", sig.toBase32());
        output(OP_DISABLE_WIRE, a);
        return 1;
    }

    /** Decimal year or {@code now} (current UTC year of the process clock); null if invalid. */
    private Integer parseYear(String text) {
        if (text == null) {
            return null;
        }
        if (text.equalsIgnoreCase("now")) {
            return LocalDate.ofInstant(clock().instant(), ZoneOffset.UTC).getYear();
        }
        try {
            int y = Integer.parseInt(text);
            return y >= 1970 && y < 9999 ? y : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Timestamp yearStart(int year) {
        return Timestamp.ofSeconds(LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    }

    private int wireFee(List<String> rest) {
        requireInputConsumed("not processing wire fees");
        Integer year = parseYear(arg(rest, 0));
        String method = arg(rest, 1);
        Amount wireFee = parseAmount(arg(rest, 2));
        Amount closingFee = parseAmount(arg(rest, 3));
        if (year == null || method == null || wireFee == null || closingFee == null) {
            throw usage("You must use YEAR, METHOD, WIRE-FEE, and CLOSING-FEE as arguments for this subcommand");
        }
        EddsaPrivateKey key = masterKey(false);
        Timestamp start = yearStart(year);
        Timestamp end = yearStart(year + 1);
        EddsaSignature sig = WireFees.forMethod(method, start, end, wireFee, closingFee).sign(key);
        ObjectNode a = mapper.createObjectNode();
        a.put("wire_method", method);
        a.set("start_time", json(start));
        a.set("end_time", json(end));
        a.set("wire_fee", json(wireFee));
        a.set("closing_fee", json(closingFee));
        a.put("master_sig", sig.toBase32());
        output(OP_SET_WIRE_FEE, a);
        return 4;
    }

    private int globalFee(List<String> rest) {
        requireInputConsumed("not processing global fees");
        Integer year = parseYear(arg(rest, 0));
        Amount historyFee = parseAmount(arg(rest, 1));
        Amount accountFee = parseAmount(arg(rest, 2));
        Amount purseFee = parseAmount(arg(rest, 3));
        RelativeTime purseTimeout = parseRelative(arg(rest, 4));
        RelativeTime historyExpiration = parseRelative(arg(rest, 5));
        Long limit = parseUnsigned(arg(rest, 6));
        if (year == null || historyFee == null || accountFee == null || purseFee == null || purseTimeout == null
                || historyExpiration == null || limit == null) {
            throw usage("You must use YEAR, HISTORY-FEE, ACCOUNT-FEE, PURSE-FEE, PURSE-TIMEOUT, HISTORY-EXPIRATION"
                    + " and PURSE-ACCOUNT-LIMIT as arguments for this subcommand");
        }
        EddsaPrivateKey key = masterKey(false);
        Timestamp start = yearStart(year);
        Timestamp end = yearStart(year + 1);
        GlobalFees gf = new GlobalFees(start, end, purseTimeout, historyExpiration, historyFee, accountFee, purseFee,
                (int) (long) limit);
        if (!gf.walletCompatible()) {
            throw usage("global fee times must not be 'forever' (the wallet cannot verify such a signature)");
        }
        EddsaSignature sig = gf.sign(key);
        ObjectNode a = mapper.createObjectNode();
        a.set("start_time", json(start));
        a.set("end_time", json(end));
        a.set("history_fee", json(historyFee));
        a.set("account_fee", json(accountFee));
        a.set("purse_fee", json(purseFee));
        a.set("purse_timeout", json(purseTimeout));
        a.set("history_expiration", json(historyExpiration));
        a.put("purse_account_limit", limit);
        a.put("master_sig", sig.toBase32());
        output(OP_SET_GLOBAL_FEE, a);
        return 7;
    }

    private static RelativeTime parseRelative(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ValueParsers.relativeTime(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Long parseUnsigned(String text) {
        if (text == null || !text.matches("[0-9]{1,10}")) {
            return null;
        }
        long v = Long.parseLong(text);
        return v <= 0xFFFFFFFFL ? v : null;
    }

    private int drain(List<String> rest) {
        requireInputConsumed("refusing drain");
        Amount amount = parseAmount(arg(rest, 0));
        String section = arg(rest, 1);
        String payto = arg(rest, 2);
        if (amount == null || section == null || payto == null) {
            throw usage("Drain requires an amount, section name and target payto://-URI as arguments");
        }
        validatePayto(payto);
        EddsaPrivateKey key = masterKey(false);
        WireTransferId wtid = randomWtid();
        Timestamp date = now();
        EddsaSignature sig = DrainProfit.of(wtid, date, amount, section, payto).sign(key);
        ObjectNode a = mapper.createObjectNode();
        a.put("wtid", wtid.toBase32());
        a.put("account_section", section);
        a.put("payto_uri", payto);
        a.set("amount", json(amount));
        a.set("date", json(date));
        a.put("master_sig", sig.toBase32());
        output(OP_DRAIN_PROFITS, a);
        return 3;
    }

    private static WireTransferId randomWtid() {
        byte[] b = new byte[WireTransferId.SIZE];
        new java.security.SecureRandom().nextBytes(b);
        return new WireTransferId(b);
    }

    // ---------------------------------------------------------------- show / sign

    /** The input object: {@code in} if present (consumed), otherwise one JSON object read from stdin. */
    private JsonNode takeKeysInput() {
        JsonNode input = in;
        in = null;
        if (input == null) {
            try {
                input = mapper.readTree(stdin);
            } catch (IOException e) {
                throw new ProgramException(ExitCodes.FAILURE, "Failed to read JSON input: " + e.getMessage());
            }
        }
        if (input == null || !input.isObject()) {
            throw new ProgramException(ExitCodes.FAILURE, "Failed to read JSON input: expected an object");
        }
        JsonNode op = input.get("operation");
        if (op == null || !OP_INPUT_KEYS.equals(op.asText())) {
            throw new ProgramException(ExitCodes.FAILURE,
                    "Invalid input: expected operation `" + OP_INPUT_KEYS + "'");
        }
        JsonNode args = input.get("arguments");
        if (args == null || !args.isObject()) {
            throw new ProgramException(ExitCodes.FAILURE, "Invalid input: missing arguments");
        }
        return args;
    }

    private void show() {
        KeysInput keys = verifiedKeys();
        PrintWriter o = out();
        for (KeysInput.Signkey s : keys.signkeys()) {
            o.printf("EXCHANGE-KEY %s starting at %s (used for: %s, legal end: %s)%n", s.pub().toBase32(),
                    s.start().toInstant(), s.start().until(s.expire()).toDuration(), s.end().toInstant());
        }
        for (KeysInput.Denom d : keys.denoms()) {
            o.printf("DENOMINATION-KEY(%s) %s of value %s starting at %s (used for: %s, deposit until: %s"
                    + " legal end: %s) with fees %s/%s/%s/%s%n", d.section(), d.hDenomPub().toBase32(),
                    d.value(), d.start().toInstant(), d.start().until(d.expireWithdraw()).toDuration(),
                    d.expireDeposit().toInstant(), d.expireLegal().toInstant(), d.feeWithdraw(),
                    d.feeDeposit(), d.feeRefresh(), d.feeRefund());
        }
        o.flush();
    }

    private void sign() {
        KeysInput keys = verifiedKeys();
        EddsaPrivateKey key = masterKey(false);
        ArrayNode signkeySigs = mapper.createArrayNode();
        for (KeysInput.Signkey s : keys.signkeys()) {
            EddsaSignature sig = new SigningKeyValidity(s.start(), s.expire(), s.end(), s.pub()).sign(key);
            ObjectNode e = signkeySigs.addObject();
            e.put("exchange_pub", s.pub().toBase32());
            e.put("master_sig", sig.toBase32());
        }
        ArrayNode denomSigs = mapper.createArrayNode();
        for (KeysInput.Denom d : keys.denoms()) {
            DenominationKeyValidity v = new DenominationKeyValidity(key.publicKey(), d.start(), d.expireWithdraw(),
                    d.expireDeposit(), d.expireLegal(), d.value(), d.feeWithdraw(), d.feeDeposit(), d.feeRefresh(),
                    d.feeRefund(), d.hDenomPub());
            if (!v.walletCompatible()) {
                throw new ProgramException(ExitCodes.FAILURE, "denomination key of section `" + d.section()
                        + "' has a 'never' timestamp; refusing to sign");
            }
            ObjectNode e = denomSigs.addObject();
            e.put("h_denom_pub", d.hDenomPub().toBase32());
            e.put("master_sig", v.sign(key).toBase32());
        }
        ObjectNode a = mapper.createObjectNode();
        a.set("denom_sigs", denomSigs);
        a.set("signkey_sigs", signkeySigs);
        output(OP_UPLOAD_SIGS, a);
    }

    /** Parses the input, checks master key, TOFU and every secmod signature. */
    private KeysInput verifiedKeys() {
        JsonNode args = takeKeysInput();
        KeysInput keys;
        try {
            keys = KeysInput.parse(args, ageMasks());
        } catch (RuntimeException e) {
            throw new ProgramException(ExitCodes.FAILURE, "Invalid input: " + e.getMessage());
        }
        EddsaPrivateKey key = masterKey(false);
        if (!keys.masterPub().equals(key.publicKey())) {
            throw new ProgramException(ExitCodes.FAILURE, "Fatal: exchange uses different master key!");
        }
        Tofu.check(config(), keys.rsaSmPub(), keys.csSmPub(), keys.eddsaSmPub());
        for (KeysInput.Signkey s : keys.signkeys()) {
            SigningKeyAnnouncement ann = new SigningKeyAnnouncement(s.pub(), s.start(), s.start().until(s.expire()));
            if (!ann.verify(keys.eddsaSmPub(), s.secmodSig())) {
                throw new ProgramException(ExitCodes.FAILURE,
                        "Invalid security module signature on signing key " + s.pub().toBase32());
            }
        }
        for (KeysInput.Denom d : keys.denoms()) {
            RelativeTime duration = d.start().until(d.expireWithdraw());
            boolean ok;
            if (d.rsa() != null) {
                ok = RsaKeyAnnouncement.of(d.rsa().encode(), d.section(), d.start(), duration)
                        .verify(keys.rsaSmPub(), d.secmodSig());
            } else {
                ok = CsKeyAnnouncement.of(d.cs().bytes(), d.section(), d.start(), duration)
                        .verify(keys.csSmPub(), d.secmodSig());
            }
            if (!ok) {
                throw new ProgramException(ExitCodes.FAILURE,
                        "Invalid security module signature on denomination key of section `" + d.section() + "'");
            }
        }
        return keys;
    }

    /** Age mask per coin section: only if the age-restriction extension is enabled. */
    private java.util.function.Function<String, AgeMask> ageMasks() {
        TalerConfig cfg = config();
        String ext = "exchange-extension-age_restriction";
        if (!cfg.getYesNoOrFalse(ext, "ENABLED")) {
            return section -> AgeMask.NONE;
        }
        AgeMask mask = ageGroups(cfg, ext);
        return section -> cfg.getYesNoOrFalse(section, "AGE_RESTRICTED") ? mask : AgeMask.NONE;
    }

    // ---------------------------------------------------------------- extensions

    private int extensions(List<String> rest) {
        if (rest.isEmpty()) {
            throw usage("You must provide a subcommand: `show` or `sign`.");
        }
        String sub = rest.get(0).toLowerCase(Locale.ROOT);
        ObjectNode manifests = extensionManifests();
        switch (sub) {
            case "show": {
                ObjectNode o = mapper.createObjectNode();
                o.set("extensions", manifests);
                try {
                    printJson(o);
                } catch (IOException e) {
                    throw new ProgramException(ExitCodes.FAILURE, e.getMessage(), e);
                }
                return 1;
            }
            case "sign": {
                if (manifests.isEmpty()) {
                    return 1; // nothing enabled, nothing to sign
                }
                HashCode h = net.taler.common.json.JsonHashes.extensionsManifestsHash(manifests);
                EddsaSignature sig = new net.taler.common.sig.master.ExtensionManifests(h).sign(masterKey(false));
                ObjectNode a = mapper.createObjectNode();
                a.set("extensions", manifests);
                a.put("extensions_sig", sig.toBase32());
                output(OP_EXTENSIONS, a);
                return 1;
            }
            default:
                err().println(spec.name() + ": Unexpected command `" + rest.get(0) + "'");
                err().println("Supported subcommands:");
                err().println("- show: show the extensions in the Taler-config and their configured parameters");
                err().println("- sign: sign the configuration of the extensions and publish it with the exchange");
                throw usage("unknown extensions subcommand");
        }
    }

    /** Manifests of the enabled extensions (Dec 2022: only {@code age_restriction}). */
    private ObjectNode extensionManifests() {
        ObjectNode m = mapper.createObjectNode();
        TalerConfig cfg = config();
        String ext = "exchange-extension-age_restriction";
        if (cfg.getYesNoOrFalse(ext, "ENABLED")) {
            AgeMask mask = ageGroups(cfg, ext);
            ObjectNode ar = m.putObject("age_restriction");
            ar.put("critical", false);
            ar.put("version", "1");
            ar.putObject("config").put("age_groups", mask.toGroupString());
        }
        return m;
    }

    private static AgeMask ageGroups(TalerConfig cfg, String ext) {
        try {
            return cfg.getString(ext, "AGE_GROUPS").map(String::trim).filter(s -> !s.isEmpty())
                    .map(AgeMask::parse).orElse(AgeMask.DEFAULT);
        } catch (RuntimeException e) {
            throw new ProgramException(ExitCodes.NOT_CONFIGURED,
                    "[" + ext + "] AGE_GROUPS is invalid: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- download / upload

    private String exchangeUrl() {
        if (exchangeUrl == null) {
            String url = config().requireString("exchange", "BASE_URL");
            exchangeUrl = url.endsWith("/") ? url : url + "/";
        }
        return exchangeUrl;
    }

    private HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        }
        return http;
    }

    private void download(boolean last) throws IOException {
        String url = exchangeUrl() + "management/keys";
        HttpResponse<String> resp;
        try {
            resp = http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new ProgramException(ExitCodes.FAILURE, "Failed to download keys from " + url + ": "
                    + (e.getMessage() != null ? e.getMessage()
                            : "cannot connect (" + e.getClass().getSimpleName() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProgramException(ExitCodes.FAILURE, "Interrupted while downloading keys from " + url);
        }
        if (resp.statusCode() != 200) {
            throw new ProgramException(ExitCodes.FAILURE,
                    "Failed to download keys from " + url + ": HTTP status " + resp.statusCode());
        }
        JsonNode body;
        try {
            body = mapper.readTree(resp.body());
        } catch (IOException e) {
            throw new ProgramException(ExitCodes.FAILURE, "Malformed /management/keys reply: " + e.getMessage());
        }
        ObjectNode input = mapper.createObjectNode();
        input.put("operation", OP_INPUT_KEYS);
        input.set("arguments", body);
        if (last) {
            printJson(input);
        } else {
            in = input;
        }
    }

    private void upload() throws IOException {
        requireInputConsumed("refusing upload");
        JsonNode ops = out;
        out = null;
        if (ops == null) {
            try {
                ops = mapper.readTree(stdin);
            } catch (IOException e) {
                throw new ProgramException(ExitCodes.FAILURE, "Failed to read JSON input: " + e.getMessage());
            }
        }
        if (ops == null || !ops.isArray()) {
            throw new ProgramException(ExitCodes.FAILURE, "Error: expected JSON array for `upload` command");
        }
        String base = exchangeUrl();
        List<CompletableFuture<String>> pending = new ArrayList<>();
        int idx = 0;
        boolean failed = false;
        for (JsonNode op : ops) {
            Upload.Request req;
            try {
                req = Upload.request(op);
            } catch (RuntimeException e) {
                err().println(spec.name() + ": operation #" + idx + ": " + e.getMessage());
                failed = true;
                idx++;
                continue;
            }
            final int n = idx++;
            HttpRequest hr = HttpRequest.newBuilder(URI.create(base + req.path()))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(req.body())))
                    .build();
            pending.add(http().sendAsync(hr, HttpResponse.BodyHandlers.ofString()).handle((resp, ex) -> {
                if (ex != null) {
                    return "upload #" + n + " (" + req.operation() + ") failed: " + ex.getMessage();
                }
                if (resp.statusCode() != 204) {
                    return "upload #" + n + " (" + req.operation() + ") failed with HTTP status "
                            + resp.statusCode() + ": " + resp.body();
                }
                return null;
            }));
        }
        for (CompletableFuture<String> f : pending) {
            String problem = f.join();
            if (problem != null) {
                err().println(spec.name() + ": " + problem);
                failed = true;
            }
        }
        err().flush();
        if (failed) {
            throw new ProgramException(ExitCodes.FAILURE, "upload failed");
        }
    }

    /** Pretty printer like jansson's JSON_INDENT(2): two spaces, {@code "key": value}. */
    static final class JsonPrettyPrinter extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        JsonPrettyPrinter() {
            DefaultIndenter ind = new DefaultIndenter("  ", "\n");
            indentObjectsWith(ind);
            indentArraysWith(ind);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new JsonPrettyPrinter();
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }
    }

    static List<String> commandNames() {
        return Arrays.stream(COMMANDS).map(c -> c[0]).toList();
    }
}
