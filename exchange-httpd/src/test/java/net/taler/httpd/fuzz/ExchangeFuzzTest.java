package net.taler.httpd.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import net.taler.common.amount.Amount;
import net.taler.common.encoding.Crockford;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.time.Timestamp;
import net.taler.http.Router;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.testsupport.fuzz.Example;
import net.taler.testsupport.fuzz.FuzzCampaign;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.Reserve;
import net.taler.testsupport.wallet.SignedPlanchet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14: seeded mutations of valid requests to every route the exchange's router registers
 * (structural JSON, path, header and raw byte mutations over real sockets) never get a 5xx, a
 * non-JSON or unregistered error, internals in an error, or a hang, and the exchange keeps
 * answering. A route without examples here fails the test, so the check grows with the API.
 * {@code -Dtaler.fuzz.requests=N -Dtaler.fuzz.seed=S} for longer local runs.
 */
class ExchangeFuzzTest {
    /** Its own exchange: the campaign withdraws and would disturb the shared one's other tests. */
    @RegisterExtension
    static final ExchangeKit KIT = ExchangeKit.create();

    static final int DEFAULT_REQUESTS = 3000;
    private static final SecureRandom RND = new SecureRandom();
    private static final int RESERVE_PUB_MALFORMED = TalerErrorCode.GENERIC_RESERVE_PUB_MALFORMED.code();

    private static String b32(int size) {
        byte[] b = new byte[size];
        RND.nextBytes(b);
        return Crockford.encode(b);
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static String ts(Timestamp t) {
        return "{\"t_s\":" + t.seconds() + "}";
    }

    static List<Example> examples() {
        List<Example> ex = new ArrayList<>();
        for (String p : List.of("/", "/robots.txt", "/agpl", "/seed", "/config", "/keys", "/wire", "/terms",
                "/privacy")) {
            ex.add(Example.get("GET " + p, p));
        }
        Reserve r = KIT.fundNew(Amount.parse("TESTKUDOS:1000")).reserve();
        String rp = r.pub().toBase32();
        ex.add(Example.get("GET /reserves/{}", "/reserves/" + rp).withBadArgCodes(RESERVE_PUB_MALFORMED));
        ex.add(Example.get("GET /reserves/{}", "/reserves/" + rp + "?timeout_ms=5")
                .withBadArgCodes(RESERVE_PUB_MALFORMED));
        PreparedCoin one = KIT.prepare(r, KIT.rsa01());
        ex.add(Example.postJson("POST /reserves/{}/withdraw", "/reserves/" + rp + "/withdraw",
                one.request().toJson().toString()).withBadArgCodes(RESERVE_PUB_MALFORMED));
        PreparedCoin a = KIT.prepare(r, KIT.rsa01());
        PreparedCoin b = KIT.prepare(r, KIT.cs1());
        ex.add(Example.postJson("POST /reserves/{}/batch-withdraw", "/reserves/" + rp + "/batch-withdraw",
                SignedPlanchet.batchJson(List.of(a.request(), b.request())).toString())
                .withBadArgCodes(RESERVE_PUB_MALFORMED));
        ex.add(Example.postJson("POST /csr-withdraw", "/csr-withdraw",
                "{\"nonce\":" + q(b32(32)) + ",\"denom_pub_hash\":" + q(KIT.cs1().hash().toBase32()) + "}"));

        Timestamp now = Timestamp.now(KIT.clock()).roundedToSeconds();
        String denom = KIT.rsa1().hash().toBase32();
        String signkey = b32(32);
        String auditor = b32(32);
        String payto = ExchangeKit.PAYTO;
        ex.add(Example.get("GET /management/keys", "/management/keys"));
        ex.add(Example.postJson("POST /management/keys", "/management/keys", "{\"denom_sigs\":[{\"h_denom_pub\":"
                + q(denom) + ",\"master_sig\":" + q(b32(64)) + "}],\"signkey_sigs\":[{\"exchange_pub\":" + q(signkey)
                + ",\"master_sig\":" + q(b32(64)) + "}]}"));
        ex.add(Example.postJson("POST /management/denominations/{}/revoke",
                "/management/denominations/" + denom + "/revoke", "{\"master_sig\":" + q(b32(64)) + "}"));
        ex.add(Example.postJson("POST /management/signkeys/{}/revoke", "/management/signkeys/" + signkey + "/revoke",
                "{\"master_sig\":" + q(b32(64)) + "}"));
        ex.add(Example.postJson("POST /management/auditors", "/management/auditors", "{\"auditor_pub\":" + q(auditor)
                + ",\"auditor_url\":\"https://auditor.example/\",\"auditor_name\":\"Auditor\",\"validity_start\":"
                + ts(now) + ",\"master_sig\":" + q(b32(64)) + "}"));
        ex.add(Example.postJson("POST /management/auditors/{}/disable", "/management/auditors/" + auditor + "/disable",
                "{\"master_sig\":" + q(b32(64)) + ",\"validity_end\":" + ts(now) + "}"));
        ex.add(Example.postJson("POST /management/wire", "/management/wire", "{\"payto_uri\":" + q(payto)
                + ",\"master_sig_add\":" + q(b32(64)) + ",\"master_sig_wire\":" + q(b32(64)) + ",\"validity_start\":"
                + ts(now) + "}"));
        ex.add(Example.postJson("POST /management/wire/disable", "/management/wire/disable", "{\"payto_uri\":"
                + q(payto) + ",\"master_sig_del\":" + q(b32(64)) + ",\"validity_end\":" + ts(now) + "}"));
        ex.add(Example.postJson("POST /management/wire-fee", "/management/wire-fee",
                "{\"wire_method\":\"x-taler-bank\",\"fee_start\":" + ts(now) + ",\"fee_end\":"
                        + ts(now.plus(net.taler.common.time.RelativeTime.ofSeconds(86400))) + ",\"wire_fee\":"
                        + "\"TESTKUDOS:0.01\",\"closing_fee\":\"TESTKUDOS:0.01\",\"master_sig\":" + q(b32(64)) + "}"));
        ex.add(Example.postJson("POST /management/global-fee", "/management/global-fee", "{\"fee_start\":" + ts(now)
                + ",\"fee_end\":" + ts(now.plus(net.taler.common.time.RelativeTime.ofSeconds(86400)))
                + ",\"history_fee\":\"TESTKUDOS:0\",\"account_fee\":\"TESTKUDOS:0\",\"purse_fee\":\"TESTKUDOS:0\","
                + "\"purse_timeout\":{\"d_us\":3600000000},\"history_expiration\":{\"d_us\":31536000000000},"
                + "\"purse_account_limit\":5,\"master_sig\":" + q(b32(64)) + "}"));
        ex.add(Example.postJson("POST /management/drain", "/management/drain", "{\"debit_account_section\":"
                + q(ExchangeKit.ACCOUNT_SECTION) + ",\"credit_payto_uri\":"
                + "\"payto://x-taler-bank/localhost/profit?receiver-name=Profit\",\"wtid\":" + q(b32(32))
                + ",\"date\":" + ts(now) + ",\"amount\":\"TESTKUDOS:1\",\"master_sig\":" + q(b32(64)) + "}"));
        ex.add(Example.postJson("POST /management/extensions", "/management/extensions",
                "{\"extensions\":{\"age_restriction\":{\"critical\":false,\"version\":\"1\",\"config\":"
                        + "{\"age_groups\":\"8:10:12:14:16:18\"}}},\"extensions_sig\":" + q(b32(64)) + "}"));
        ex.add(Example.postJson("POST /auditors/{}/{}", "/auditors/" + auditor + "/" + denom,
                "{\"auditor_sig\":" + q(b32(64)) + "}"));
        return ex;
    }

    static String routeKey(Router.Route r) {
        StringBuilder sb = new StringBuilder(r.method().name()).append(" /").append(r.first());
        for (String p : r.pattern()) {
            sb.append('/').append(p == null ? "{}" : p);
        }
        return sb.toString();
    }

    @Test
    void mutatedRequestsToEveryRouteGetTalerErrorsAndTheExchangeLives() {
        List<Example> examples = examples();
        Set<String> registered = KIT.server().router().routes().stream().map(ExchangeFuzzTest::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = examples.stream().map(Example::route).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "routes without fuzz examples (add some here): " + missing);
        Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(registered);
        assertTrue(unknown.isEmpty(), "examples for routes the router does not have: " + unknown);

        InetSocketAddress addr = (InetSocketAddress) KIT.server().localAddress();
        FuzzCampaign campaign = new FuzzCampaign(new InetSocketAddress("127.0.0.1", addr.getPort()), examples,
                Example.get("GET /keys", "/keys"), Duration.ofSeconds(20));
        FuzzCampaign.Result res = campaign.run(FuzzCampaign.requests(DEFAULT_REQUESTS));
        System.out.println("ExchangeFuzzTest: " + res.summary() + "\n  per route: " + res.perRoute());
        assertTrue(res.failures().isEmpty(), res.summary() + "\n\n" + String.join("\n\n", res.failures()));
        assertEquals(registered, new TreeSet<>(res.perRoute().keySet()), "every route was fuzzed");
    }
}
