package net.taler.offline;

import static net.taler.offline.ArgParsers.amount;
import static net.taler.offline.ArgParsers.arg;
import static net.taler.offline.ArgParsers.base32;
import static net.taler.offline.ArgParsers.relativeTime;
import static net.taler.offline.ArgParsers.requireValidPayto;
import static net.taler.offline.ArgParsers.unsigned;
import static net.taler.offline.ArgParsers.usage;
import static net.taler.offline.ArgParsers.year;
import static net.taler.offline.ArgParsers.yearStart;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.sig.master.AddAuditor;
import net.taler.common.sig.master.AddWire;
import net.taler.common.sig.master.DelAuditor;
import net.taler.common.sig.master.DelWire;
import net.taler.common.sig.master.DenominationKeyRevoked;
import net.taler.common.sig.master.DrainProfit;
import net.taler.common.sig.master.GlobalFees;
import net.taler.common.sig.master.SigningKeyRevoked;
import net.taler.common.sig.master.WireDetails;
import net.taler.common.sig.master.WireFees;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * The subcommands that sign one management operation from their arguments (revocations,
 * auditors, wire accounts, fees, drain). Each appends to the chain's output and returns how many
 * arguments it consumed; none of them may run while downloaded keys are still unconsumed.
 */
final class MasterOperations {
    private final Chain chain;
    private final MasterKey masterKey;
    private final Clock clock;

    MasterOperations(Chain chain, MasterKey masterKey, Clock clock) {
        this.chain = chain;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    int revokeDenomination(List<String> rest) {
        chain.requireInputConsumed("refusing revocation");
        HashCode h = base32(arg(rest, 0), HashCode::fromBase32);
        if (h == null) {
            throw usage("You must specify a denomination key with this subcommand");
        }
        EddsaSignature sig = new DenominationKeyRevoked(h).sign(masterKey.existing());
        ObjectNode a = object();
        a.put("h_denom_pub", h.toBase32());
        a.put("master_sig", sig.toBase32());
        chain.output(OperationNames.REVOKE_DENOMINATION, a);
        return 1;
    }

    int revokeSignkey(List<String> rest) {
        chain.requireInputConsumed("refusing revocation");
        EddsaPublicKey pub = base32(arg(rest, 0), EddsaPublicKey::fromBase32);
        if (pub == null) {
            throw usage("You must specify an exchange signing key with this subcommand");
        }
        EddsaSignature sig = new SigningKeyRevoked(pub).sign(masterKey.existing());
        ObjectNode a = object();
        a.put("exchange_pub", pub.toBase32());
        a.put("master_sig", sig.toBase32());
        chain.output(OperationNames.REVOKE_SIGNKEY, a);
        return 1;
    }

    int enableAuditor(List<String> rest) {
        chain.requireInputConsumed("not adding auditor");
        EddsaPublicKey pub = base32(arg(rest, 0), EddsaPublicKey::fromBase32);
        if (pub == null) {
            throw usage("You must specify an auditor public key as first argument for this subcommand");
        }
        String url = arg(rest, 1);
        String name = arg(rest, 2);
        if (url == null || !url.startsWith("http") || name == null) {
            throw usage("You must specify an auditor URI and auditor name as 2nd and 3rd arguments to this"
                    + " subcommand");
        }
        EddsaPrivateKey key = masterKey.existing();
        Timestamp now = now();
        EddsaSignature sig = AddAuditor.of(now, pub, url).sign(key);
        ObjectNode a = object();
        a.put("auditor_url", url);
        a.put("auditor_name", name);
        a.set("validity_start", json(now));
        a.put("auditor_pub", pub.toBase32());
        a.put("master_sig", sig.toBase32());
        chain.output(OperationNames.ENABLE_AUDITOR, a);
        return 3;
    }

    int disableAuditor(List<String> rest) {
        chain.requireInputConsumed("not disabling auditor");
        EddsaPublicKey pub = base32(arg(rest, 0), EddsaPublicKey::fromBase32);
        if (pub == null) {
            throw usage("You must specify an auditor public key as first argument for this subcommand");
        }
        EddsaPrivateKey key = masterKey.existing();
        Timestamp now = now();
        EddsaSignature sig = new DelAuditor(now, pub).sign(key);
        ObjectNode a = object();
        a.put("auditor_pub", pub.toBase32());
        a.set("validity_end", json(now));
        a.put("master_sig", sig.toBase32());
        chain.output(OperationNames.DISABLE_AUDITOR, a);
        return 1;
    }

    int enableAccount(List<String> rest) {
        chain.requireInputConsumed("not adding wire account");
        String payto = arg(rest, 0);
        if (payto == null) {
            throw usage("You must specify a payto://-URI with this subcommand");
        }
        EddsaPrivateKey key = masterKey.existing();
        requireValidPayto(payto);
        Timestamp now = now();
        EddsaSignature add = AddWire.forPayto(now, payto).sign(key);
        EddsaSignature wire = WireDetails.forPayto(payto).sign(key);
        ObjectNode a = object();
        a.put("payto_uri", payto);
        a.set("validity_start", json(now));
        a.put("master_sig_add", add.toBase32());
        a.put("master_sig_wire", wire.toBase32());
        chain.output(OperationNames.ENABLE_WIRE, a);
        return 1;
    }

    int disableAccount(List<String> rest) {
        chain.requireInputConsumed("not deleting wire account");
        String payto = arg(rest, 0);
        if (payto == null) {
            throw usage("You must specify a payto://-URI with this subcommand");
        }
        EddsaPrivateKey key = masterKey.existing();
        Timestamp now = now();
        EddsaSignature sig = DelWire.forPayto(now, payto).sign(key);
        ObjectNode a = object();
        a.put("payto_uri", payto);
        a.set("validity_end", json(now));
        a.put("master_sig", sig.toBase32());
        chain.output(OperationNames.DISABLE_WIRE, a);
        return 1;
    }

    int wireFee(List<String> rest) {
        chain.requireInputConsumed("not processing wire fees");
        Integer year = year(arg(rest, 0), clock);
        String method = arg(rest, 1);
        Amount wireFee = amount(arg(rest, 2));
        Amount closingFee = amount(arg(rest, 3));
        if (year == null || method == null || wireFee == null || closingFee == null) {
            throw usage("You must use YEAR, METHOD, WIRE-FEE, and CLOSING-FEE as arguments for this subcommand");
        }
        EddsaPrivateKey key = masterKey.existing();
        Timestamp start = yearStart(year);
        Timestamp end = yearStart(year + 1);
        EddsaSignature sig = WireFees.forMethod(method, start, end, wireFee, closingFee).sign(key);
        ObjectNode a = object();
        a.put("wire_method", method);
        a.set("start_time", json(start));
        a.set("end_time", json(end));
        a.set("wire_fee", json(wireFee));
        a.set("closing_fee", json(closingFee));
        a.put("master_sig", sig.toBase32());
        chain.output(OperationNames.SET_WIRE_FEE, a);
        return 4;
    }

    int globalFee(List<String> rest) {
        chain.requireInputConsumed("not processing global fees");
        Integer year = year(arg(rest, 0), clock);
        Amount historyFee = amount(arg(rest, 1));
        Amount accountFee = amount(arg(rest, 2));
        Amount purseFee = amount(arg(rest, 3));
        RelativeTime purseTimeout = relativeTime(arg(rest, 4));
        RelativeTime historyExpiration = relativeTime(arg(rest, 5));
        Long limit = unsigned(arg(rest, 6));
        if (year == null || historyFee == null || accountFee == null || purseFee == null || purseTimeout == null
                || historyExpiration == null || limit == null) {
            throw usage("You must use YEAR, HISTORY-FEE, ACCOUNT-FEE, PURSE-FEE, PURSE-TIMEOUT, HISTORY-EXPIRATION"
                    + " and PURSE-ACCOUNT-LIMIT as arguments for this subcommand");
        }
        EddsaPrivateKey key = masterKey.existing();
        Timestamp start = yearStart(year);
        Timestamp end = yearStart(year + 1);
        GlobalFees gf = new GlobalFees(start, end, purseTimeout, historyExpiration, historyFee, accountFee, purseFee,
                (int) (long) limit);
        if (!gf.walletCompatible()) {
            throw usage("global fee times must not be 'forever' (the wallet cannot verify such a signature)");
        }
        EddsaSignature sig = gf.sign(key);
        ObjectNode a = object();
        a.set("start_time", json(start));
        a.set("end_time", json(end));
        a.set("history_fee", json(historyFee));
        a.set("account_fee", json(accountFee));
        a.set("purse_fee", json(purseFee));
        a.set("purse_timeout", json(purseTimeout));
        a.set("history_expiration", json(historyExpiration));
        a.put("purse_account_limit", limit);
        a.put("master_sig", sig.toBase32());
        chain.output(OperationNames.SET_GLOBAL_FEE, a);
        return 7;
    }

    int drain(List<String> rest) {
        chain.requireInputConsumed("refusing drain");
        Amount amount = amount(arg(rest, 0));
        String section = arg(rest, 1);
        String payto = arg(rest, 2);
        if (amount == null || section == null || payto == null) {
            throw usage("Drain requires an amount, section name and target payto://-URI as arguments");
        }
        requireValidPayto(payto);
        EddsaPrivateKey key = masterKey.existing();
        WireTransferId wtid = randomWtid();
        Timestamp date = now();
        EddsaSignature sig = DrainProfit.of(wtid, date, amount, section, payto).sign(key);
        ObjectNode a = object();
        a.put("wtid", wtid.toBase32());
        a.put("account_section", section);
        a.put("payto_uri", payto);
        a.set("amount", json(amount));
        a.set("date", json(date));
        a.put("master_sig", sig.toBase32());
        chain.output(OperationNames.DRAIN_PROFITS, a);
        return 3;
    }

    private static WireTransferId randomWtid() {
        byte[] b = new byte[WireTransferId.SIZE];
        new SecureRandom().nextBytes(b);
        return new WireTransferId(b);
    }

    /** Signed times are whole seconds, as in the C implementation. */
    private Timestamp now() {
        return Timestamp.now(clock).roundedToSeconds();
    }

    private ObjectNode object() {
        return chain.mapper().createObjectNode();
    }

    private JsonNode json(Object value) {
        return chain.mapper().valueToTree(value);
    }
}
