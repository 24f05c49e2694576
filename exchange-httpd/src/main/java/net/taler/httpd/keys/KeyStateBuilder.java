package net.taler.httpd.keys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.json.TalerJson;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.GlobalFee;
import net.taler.common.keys.KeyStateSnapshot;
import net.taler.common.keys.SigningKey;
import net.taler.common.keys.WireFee;
import net.taler.common.management.ManagementKeys;
import net.taler.common.time.Timestamp;
import net.taler.db.keys.KeyStateReader;
import net.taler.httpd.ExchangeSettings;
import net.taler.httpd.sign.OnlineSigner;
import net.taler.httpd.sign.SecurityModules;

/**
 * Builds one immutable {@link KeyState} (operations.md 3.3): reads the master-signed rows,
 * joins the keys the security modules announce, and renders the {@code /keys}, {@code /wire}
 * and {@code GET /management/keys} replies. Holds no state of its own, so concurrent builds
 * are harmless; {@link KeyStateService} decides when to build and which result to publish.
 */
public final class KeyStateBuilder {
    private static final Logger LOG = Logger.getLogger(KeyStateBuilder.class.getName());
    private static final ObjectMapper M = TalerJson.mapper();

    private final ExchangeSettings settings;
    private final Map<String, CoinSection> sections;
    private final ObjectNode extensionManifests;
    private final KeyStateReader repo;
    private final SecurityModules modules;
    private final OnlineSigner signer;

    public KeyStateBuilder(ExchangeSettings settings, Map<String, CoinSection> sections, ObjectNode extensionManifests,
            KeyStateReader repo, SecurityModules modules, OnlineSigner signer) {
        this.settings = settings;
        this.sections = sections;
        this.extensionManifests = extensionManifests;
        this.repo = repo;
        this.modules = modules;
        this.signer = signer;
    }

    /** The {@code [coin_*]} sections (a malformed one is a configuration error, exit 6). */
    public static Map<String, CoinSection> coinSections(net.taler.common.config.TalerConfig cfg, String currency) {
        return CoinSection.all(cfg, currency);
    }

    /** What the helpers announce now (fresh, not from a cached state; never blocks). */
    public HelperKeys helperKeys() {
        return HelperKeys.read(modules.rsa(), modules.cs(), modules.eddsa(), sections, settings.signkeyLegalDuration());
    }

    /** A new state for {@code now} (blocking: one database read, one signature of secmod-eddsa). */
    public KeyState build(Timestamp now) throws Exception {
        {
            KeyStateSnapshot snap = repo.readKeyState(now);
            HelperKeys helper = helperKeys();
            KeysDocument.Result keys = KeysDocument.build(settings, snap, extensionManifests, this::sign);
            WireDocument.Result wire = WireDocument.build(settings, snap);
            Timestamp boundary = nextBoundary(snap, now);
            long nowMillis = now.toInstant().toEpochMilli();
            CachedReply keysReply = null;
            if (keys.body() != null) {
                long maxCache = settings.maxKeysCaching().isForever() ? Long.MAX_VALUE / 2
                        : settings.maxKeysCaching().micros() / 1000;
                long untilBoundary = boundary == null ? Long.MAX_VALUE / 2
                        : Math.max(0, boundary.toInstant().toEpochMilli() - nowMillis);
                keysReply = CachedReply.of(M.writeValueAsBytes(keys.body()),
                        nowMillis + Math.min(Math.min(maxCache, untilBoundary), 365L * 24 * 3600_000), nowMillis);
            }
            CachedReply wireReply = wire.json() == null ? null
                    : CachedReply.withEtag(wire.json(), wire.etag(),
                            wire.expires() == null || wire.expires().isNever() ? 0 : wire.expires().toInstant().toEpochMilli(),
                            nowMillis);
            if (keys.unavailable() != null) {
                LOG.fine(() -> "/keys not available: " + keys.unavailable());
            }
            return new KeyState(now, helper, snap, keysReply, keys.unavailable(), wireReply, wire.error(),
                    wire.detail(), managementKeys(helper, snap), boundary);
        }
    }

    private KeysDocument.Signed sign(net.taler.common.sig.exchange.KeySet ks) {
        OnlineSigner.Signed s = signer.sign(ks);
        return new KeysDocument.Signed(s.exchangePub(), s.signature());
    }

    /** The {@code GET /management/keys} body: helper keys without a master signature in the database. */
    private byte[] managementKeys(HelperKeys helper, KeyStateSnapshot snap) throws Exception {
        java.util.Set<net.taler.common.crypto.HashCode> signed = new java.util.HashSet<>();
        for (Denomination d : snap.denominations()) {
            signed.add(d.hDenomPub());
        }
        java.util.Set<net.taler.common.crypto.EddsaPublicKey> signedKeys = new java.util.HashSet<>();
        for (SigningKey k : snap.signingKeys()) {
            signedKeys.add(k.exchangePub());
        }
        List<ManagementKeys.FutureDenom> fd = new ArrayList<>();
        List<HelperKeys.Denom> denoms = new ArrayList<>(helper.denoms().values());
        denoms.sort(Comparator.comparing(HelperKeys.Denom::start).thenComparing(d -> d.hDenomPub().toBase32()));
        for (HelperKeys.Denom d : denoms) {
            if (signed.contains(d.hDenomPub())) {
                continue;
            }
            CoinSection c = d.section();
            fd.add(new ManagementKeys.FutureDenom(c.name(), d.rsa(), d.cs(), c.ageMask().bits(), c.value(),
                    c.feeWithdraw(), c.feeDeposit(), c.feeRefresh(), c.feeRefund(), d.start(), d.expireWithdraw(),
                    d.expireDeposit(), d.expireLegal(), d.smSig()));
        }
        List<ManagementKeys.FutureSignkey> fs = new ArrayList<>();
        List<HelperKeys.Signkey> sks = new ArrayList<>(helper.signkeys().values());
        sks.sort(Comparator.comparing(HelperKeys.Signkey::start).thenComparing(k -> k.pub().toBase32()));
        for (HelperKeys.Signkey k : sks) {
            if (signedKeys.contains(k.pub())) {
                continue;
            }
            fs.add(new ManagementKeys.FutureSignkey(k.pub(), k.start(), k.expire(), k.end(), k.smSig()));
        }
        ManagementKeys body = new ManagementKeys(fd, fs, settings.masterPub(), helper.rsaSmPub(), helper.csSmPub(),
                helper.eddsaSmPub());
        return M.writeValueAsBytes(body.toJson());
    }

    /** The earliest future start or end of a listed key or fee period (null if none). */
    static Timestamp nextBoundary(KeyStateSnapshot snap, Timestamp now) {
        List<Timestamp> t = new ArrayList<>();
        for (Denomination d : snap.denominations()) {
            t.add(d.validFrom());
            t.add(d.expireWithdraw());
            t.add(d.expireDeposit());
        }
        for (SigningKey k : snap.signingKeys()) {
            t.add(k.validFrom());
            t.add(k.expireSign());
        }
        for (WireFee f : snap.wireFees()) {
            t.add(f.startDate());
            t.add(f.endDate());
        }
        for (GlobalFee f : snap.globalFees()) {
            t.add(f.startDate());
            t.add(f.endDate());
        }
        Timestamp best = null;
        for (Timestamp x : t) {
            if (!x.isNever() && x.isAfter(now) && (best == null || x.isBefore(best))) {
                best = x;
            }
        }
        return best;
    }
}
