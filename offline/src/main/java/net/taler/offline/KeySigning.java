package net.taler.offline;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.age.AgeRestrictionConfig;
import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.management.KeySignatures;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.sig.master.SigningKeyValidity;
import net.taler.common.sig.secmod.CsKeyAnnouncement;
import net.taler.common.sig.secmod.RsaKeyAnnouncement;
import net.taler.common.sig.secmod.SigningKeyAnnouncement;
import net.taler.common.time.RelativeTime;

/**
 * {@code show} and {@code sign}: review and sign the exchange's future keys. Both only trust
 * keys whose security module signatures verify against the TOFU-pinned module keys.
 */
final class KeySigning {
    private final Chain chain;
    private final MasterKey masterKey;
    private final TalerConfig config;

    KeySigning(Chain chain, MasterKey masterKey, TalerConfig config) {
        this.chain = chain;
        this.masterKey = masterKey;
        this.config = config;
    }

    void show() {
        KeysInput keys = verifiedKeys();
        PrintWriter o = chain.out();
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

    void sign() {
        KeysInput keys = verifiedKeys();
        EddsaPrivateKey key = masterKey.existing();
        List<KeySignatures.SignkeySig> signkeySigs = new ArrayList<>();
        for (KeysInput.Signkey s : keys.signkeys()) {
            EddsaSignature sig = new SigningKeyValidity(s.start(), s.expire(), s.end(), s.pub()).sign(key);
            signkeySigs.add(new KeySignatures.SignkeySig(s.pub(), sig));
        }
        List<KeySignatures.DenomSig> denomSigs = new ArrayList<>();
        for (KeysInput.Denom d : keys.denoms()) {
            DenominationKeyValidity v = new DenominationKeyValidity(key.publicKey(), d.start(), d.expireWithdraw(),
                    d.expireDeposit(), d.expireLegal(), d.value(), d.feeWithdraw(), d.feeDeposit(), d.feeRefresh(),
                    d.feeRefund(), d.hDenomPub());
            if (!v.walletCompatible()) {
                throw new ProgramException(ExitCodes.FAILURE, "denomination key of section `" + d.section()
                        + "' has a 'never' timestamp; refusing to sign");
            }
            denomSigs.add(new KeySignatures.DenomSig(d.hDenomPub(), v.sign(key)));
        }
        // the upload body doubles as the operation's arguments
        ObjectNode a = new KeySignatures(denomSigs, signkeySigs).toJson();
        chain.output(OperationNames.UPLOAD_SIGS, a);
    }

    /** Parses the input, checks master key, TOFU and every secmod signature. */
    private KeysInput verifiedKeys() {
        JsonNode args = takeKeysInput();
        KeysInput keys;
        try {
            keys = KeysInput.parse(args, AgeRestrictionConfig.masksBySection(config));
        } catch (RuntimeException e) {
            throw new ProgramException(ExitCodes.FAILURE, "Invalid input: " + e.getMessage());
        }
        EddsaPrivateKey key = masterKey.existing();
        if (!keys.masterPub().equals(key.publicKey())) {
            throw new ProgramException(ExitCodes.FAILURE, "Fatal: exchange uses different master key!");
        }
        Tofu.check(config, keys.rsaSmPub(), keys.csSmPub(), keys.eddsaSmPub());
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

    /** The {@code arguments} of the downloaded keys: the chain's input if any, else read from stdin. */
    private JsonNode takeKeysInput() {
        JsonNode input = chain.takeInput();
        if (input == null) {
            try {
                input = chain.readStdin();
            } catch (IOException e) {
                throw new ProgramException(ExitCodes.FAILURE, "Failed to read JSON input: " + e.getMessage());
            }
        }
        if (input == null || !input.isObject()) {
            throw new ProgramException(ExitCodes.FAILURE, "Failed to read JSON input: expected an object");
        }
        JsonNode op = input.get("operation");
        if (op == null || !OperationNames.INPUT_KEYS.equals(op.asText())) {
            throw new ProgramException(ExitCodes.FAILURE,
                    "Invalid input: expected operation `" + OperationNames.INPUT_KEYS + "'");
        }
        JsonNode args = input.get("arguments");
        if (args == null || !args.isObject()) {
            throw new ProgramException(ExitCodes.FAILURE, "Invalid input: missing arguments");
        }
        return args;
    }
}
