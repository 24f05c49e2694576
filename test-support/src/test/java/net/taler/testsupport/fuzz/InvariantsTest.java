package net.taler.testsupport.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The fuzz checks catch what they are for, and mutations are reproducible from the seed. */
class InvariantsTest {
    private static final Example EX = Example.postJson("POST /x", "/x/ABC", "{\"a\":\"TESTKUDOS:1\",\"b\":{\"t_s\":1}}");
    private static final WireRequest REQ = Mutator.build(EX, "none", "POST", "/x/ABC", Map.of(), EX.body(), Set.of(),
            false);

    private static RawHttp.Reply reply(int status, String contentType, String body) {
        return new RawHttp.Reply(status, contentType == null ? Map.of() : Map.of("content-type", contentType),
                body.getBytes(StandardCharsets.UTF_8), false, Duration.ZERO);
    }

    @Test
    void goodErrorPasses() {
        assertTrue(Invariants.check(REQ, reply(400, "application/json", "{\"code\":22,\"hint\":\"bad\"}")).isEmpty());
        assertTrue(Invariants.check(REQ, reply(200, "text/plain", "hello")).isEmpty());
    }

    @Test
    void violationsAreReported() {
        assertTrue(Invariants.check(REQ, reply(500, "application/json", "{\"code\":60,\"hint\":\"x\"}")).isPresent());
        assertTrue(Invariants.check(REQ, reply(400, "text/html", "<html>")).isPresent());
        assertTrue(Invariants.check(REQ, reply(400, "application/json", "{\"hint\":\"x\"}")).isPresent());
        assertTrue(Invariants.check(REQ, reply(400, "application/json", "{\"code\":987654,\"hint\":\"x\"}")).isPresent());
        assertTrue(Invariants.check(REQ, reply(400, "application/json", "{\"code\":22}")).isPresent());
        assertTrue(Invariants.check(REQ, reply(400, "application/json",
                "{\"code\":22,\"hint\":\"x\",\"detail\":\"com.fasterxml.jackson.core.JsonParseException: x\"}")).isPresent());
        assertTrue(Invariants.check(REQ, reply(400, "application/json",
                "{\"code\":22,\"hint\":\"x\",\"detail\":\"cannot read /tmp/taler-kit-1/x\"}")).isPresent());
        assertTrue(Invariants.check(REQ, new RawHttp.Reply(0, Map.of(), new byte[0], true, Duration.ofSeconds(20)))
                .isPresent(), "a hang");
        assertTrue(Invariants.check(REQ, new RawHttp.Reply(0, Map.of(), new byte[0], false, Duration.ZERO))
                .isPresent(), "closed without a reply to a well-formed request");
        WireRequest documented = Mutator.build(EX, "path", "POST", "/x/AB!", Map.of(), EX.body(), Set.of(27), false);
        assertTrue(Invariants.check(documented, reply(400, "application/json", "{\"code\":22,\"hint\":\"x\"}"))
                .isPresent(), "undocumented code");
        assertFalse(Invariants.check(documented, reply(400, "application/json", "{\"code\":27,\"hint\":\"x\"}"))
                .isPresent());
    }

    @Test
    void mutationsAreDeterministicAndVaried() {
        Set<String> kinds = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            WireRequest a = new Mutator(new SplittableRandom(i)).mutate(EX);
            WireRequest b = new Mutator(new SplittableRandom(i)).mutate(EX);
            assertArrayEquals(a.bytes(), b.bytes());
            kinds.add(a.mutation().split(":")[0]);
        }
        assertEquals(Set.of("none", "json", "path", "headers", "raw"), kinds);
    }
}
