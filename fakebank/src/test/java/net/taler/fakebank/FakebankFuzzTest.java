package net.taler.fakebank;

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

import net.taler.common.encoding.Crockford;
import net.taler.testsupport.fuzz.Example;
import net.taler.testsupport.fuzz.FuzzCampaign;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: seeded mutations of valid requests to every fakebank route (structural JSON, path,
 * header and raw byte mutations over real sockets) never get a 5xx, a non-JSON or unregistered
 * error, internals in an error, or a hang, and the bank keeps answering. A route without
 * examples here fails the test. {@code -Dtaler.fuzz.requests=N -Dtaler.fuzz.seed=S} for longer runs.
 */
class FakebankFuzzTest {
    static final String CUR = "TESTKUDOS";
    static final int DEFAULT_REQUESTS = 3000;
    private static final SecureRandom RND = new SecureRandom();

    private Fakebank bank;
    private BankClient c;

    @BeforeEach
    void start() throws Exception {
        bank = Fakebank.start(FakebankSettings.defaults(CUR));
        c = new BankClient(bank.baseUrl());
    }

    @AfterEach
    void stop() {
        bank.close();
    }

    private static String b32(int size) {
        byte[] b = new byte[size];
        RND.nextBytes(b);
        return Crockford.encode(b);
    }

    private List<Example> examples() throws Exception {
        assertEquals(204, c.post("/taler-bank-access/testing/register", "{\"username\":\"user1\",\"password\":\"pw\"}")
                .status());
        assertEquals(204, c.post("/taler-bank-access/testing/register", "{\"username\":\"exchange\",\"password\":\"x\"}")
                .status());
        BankClient.Resp w = c.post("/taler-bank-access/accounts/user1/withdrawals", "{\"amount\":\"" + CUR + ":5\"}");
        assertEquals(200, w.status(), w.text());
        String wid = w.json().get("withdrawal_id").asText();
        BankClient.Resp w2 = c.post("/taler-bank-access/accounts/user1/withdrawals", "{\"amount\":\"" + CUR + ":5\"}");
        String wid2 = w2.json().get("withdrawal_id").asText();

        List<Example> ex = new ArrayList<>();
        ex.add(Example.get("GET /", "/"));
        for (String prefix : List.of("/" + FakebankRoutes.WIRE_GATEWAY + "/{}", "/{}")) {
            String p = prefix.replace("{}", "exchange");
            ex.add(Example.get("GET " + prefix + "/config", p + "/config"));
            ex.add(Example.postJson("POST " + prefix + "/transfer", p + "/transfer", "{\"request_uid\":\"" + b32(64)
                    + "\",\"amount\":\"" + CUR + ":0.5\",\"exchange_base_url\":\"http://localhost:8081/\",\"wtid\":\""
                    + b32(32) + "\",\"credit_account\":\"payto://x-taler-bank/localhost/user1\"}"));
            ex.add(Example.get("GET " + prefix + "/history/incoming", p + "/history/incoming?delta=5"));
            ex.add(Example.get("GET " + prefix + "/history/incoming", p + "/history/incoming?delta=-5&start=3"));
            ex.add(Example.get("GET " + prefix + "/history/outgoing", p + "/history/outgoing?delta=5&long_poll_ms=5"));
            ex.add(Example.postJson("POST " + prefix + "/admin/add-incoming", p + "/admin/add-incoming",
                    "{\"amount\":\"" + CUR + ":1\",\"reserve_pub\":\"" + b32(32)
                            + "\",\"debit_account\":\"payto://x-taler-bank/localhost/user1\"}"));
        }
        String integ = "/" + FakebankRoutes.INTEGRATION;
        ex.add(Example.get("GET " + integ + "/config", integ + "/config"));
        ex.add(Example.get("GET " + integ + "/withdrawal-operation/{}", integ + "/withdrawal-operation/" + wid));
        ex.add(Example.postJson("POST " + integ + "/withdrawal-operation/{}", integ + "/withdrawal-operation/" + wid2,
                "{\"reserve_pub\":\"" + b32(32) + "\",\"selected_exchange\":\"payto://x-taler-bank/localhost/exchange\"}"));
        String acc = "/" + FakebankRoutes.ACCESS;
        ex.add(Example.get("GET " + acc + "/config", acc + "/config"));
        ex.add(Example.get("GET " + acc + "/public-accounts", acc + "/public-accounts"));
        ex.add(Example.postJson("POST " + acc + "/testing/register", acc + "/testing/register",
                "{\"username\":\"fuzzer\",\"password\":\"pw\"}"));
        ex.add(Example.get("GET " + acc + "/accounts/{}", acc + "/accounts/user1"));
        ex.add(Example.postJson("POST " + acc + "/accounts/{}/withdrawals", acc + "/accounts/user1/withdrawals",
                "{\"amount\":\"" + CUR + ":1\"}"));
        ex.add(Example.get("GET " + acc + "/accounts/{}/withdrawals/{}", acc + "/accounts/user1/withdrawals/" + wid));
        ex.add(Example.postJson("POST " + acc + "/accounts/{}/withdrawals/{}/confirm",
                acc + "/accounts/user1/withdrawals/" + wid + "/confirm", "{}"));
        ex.add(Example.postJson("POST " + acc + "/accounts/{}/withdrawals/{}/abort",
                acc + "/accounts/user1/withdrawals/" + wid + "/abort", "{}"));
        return ex;
    }

    @Test
    void mutatedRequestsToEveryRouteGetTalerErrorsAndTheBankLives() throws Exception {
        List<Example> examples = examples();
        Set<String> registered = new TreeSet<>(bank.routes());
        Set<String> covered = examples.stream().map(Example::route).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "routes without fuzz examples (add some here): " + missing);
        Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(registered);
        assertTrue(unknown.isEmpty(), "examples for routes the fakebank does not have: " + unknown);

        FuzzCampaign campaign = new FuzzCampaign(new InetSocketAddress("127.0.0.1", bank.port()), examples,
                Example.get("GET /taler-bank-integration/config", "/taler-bank-integration/config"),
                Duration.ofSeconds(20));
        FuzzCampaign.Result res = campaign.run(FuzzCampaign.requests(DEFAULT_REQUESTS));
        System.out.println("FakebankFuzzTest: " + res.summary() + "\n  per route: " + res.perRoute());
        assertTrue(res.failures().isEmpty(), res.summary() + "\n\n" + String.join("\n\n", res.failures()));
        assertEquals(registered, new TreeSet<>(res.perRoute().keySet()), "every route was fuzzed");
    }
}
