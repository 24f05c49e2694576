package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.keys.WireAccount;
import org.junit.jupiter.api.Test;


/** Wire accounts. Real PostgreSQL, plain layout (these tables are never partitioned). */
class WireAccountRepositoryTest extends ManagementTestBase {
    // ------------------------------------------------------------------ wire accounts

    @Test
    void wireEnableDisableReEnable() throws Exception {
        String payto = "payto://x-taler-bank/bank/exchange";
        assertEquals(Change.UNKNOWN, wireAccounts.disableWire(payto, t(10)));
        EddsaSignature s1 = sig();
        var enabled = notified(() -> wireAccounts.enableWire(payto, s1, t(100)));
        assertEquals(Change.APPLIED, enabled.result());
        assertEquals(WIRE, enabled.channels());
        assertEquals(List.of(new WireAccount(payto, s1, true, t(100))), keyState.readKeyState(NOW).activeWireAccounts());
        var same = notified(() -> wireAccounts.enableWire(payto, s1, t(100)));
        assertEquals(Change.APPLIED, same.result());
        assertEquals(NONE, same.channels());

        var olderDisable = notified(() -> wireAccounts.disableWire(payto, t(99)));
        assertEquals(Change.MORE_RECENT_PRESENT, olderDisable.result());
        assertEquals(NONE, olderDisable.channels());
        assertEquals(1, keyState.readKeyState(NOW).activeWireAccounts().size());

        var disabled = notified(() -> wireAccounts.disableWire(payto, t(200)));
        assertEquals(Change.APPLIED, disabled.result());
        assertEquals(WIRE, disabled.channels());
        assertEquals(List.of(), keyState.readKeyState(NOW).activeWireAccounts());
        var repeat = notified(() -> wireAccounts.disableWire(payto, t(200)));
        assertEquals(Change.APPLIED, repeat.result());
        assertEquals(NONE, repeat.channels());

        // 409 rule: an enable older than the stored change is refused
        assertEquals(Change.MORE_RECENT_PRESENT, wireAccounts.enableWire(payto, sig(), t(150)));
        assertEquals(List.of(), keyState.readKeyState(NOW).activeWireAccounts());
        EddsaSignature s2 = sig();
        assertEquals(Change.APPLIED, wireAccounts.enableWire(payto, s2, t(300)));
        assertEquals(List.of(new WireAccount(payto, s2, true, t(300))), keyState.readKeyState(NOW).activeWireAccounts());
        assertEquals(1, count("SELECT COUNT(*) FROM exchange.wire_accounts"));
    }

}
