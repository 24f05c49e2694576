package net.taler.common.sig;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Signature purpose numbers of the GANA registry as pinned by the Dec 2022
 * exchange ({@code contrib/gana} at {@code 3e659ed5}). Each constant is named
 * after upstream's {@code TALER_SIGNATURE_*} name without that prefix. The
 * package documentation of {@link net.taler.common.sig} maps each number to
 * its structure. Numbers added to GANA only in 2023 (1017, 1050, 1220, 1221,
 * 1350, 1351) do not exist in this protocol version and are deliberately
 * absent.
 */
public final class Purposes {
    private Purposes() {
    }

    // master key (offline tool)
    public static final int MASTER_DRAIN_PROFIT = 1018;
    public static final int MASTER_PARTNER_DETAILS = 1019;
    public static final int MASTER_SIGNING_KEY_REVOKED = 1020;
    public static final int MASTER_ADD_WIRE = 1021;
    public static final int MASTER_GLOBAL_FEES = 1022;
    public static final int MASTER_DEL_WIRE = 1023;
    public static final int MASTER_SIGNING_KEY_VALIDITY = 1024;
    public static final int MASTER_DENOMINATION_KEY_VALIDITY = 1025;
    public static final int MASTER_ADD_AUDITOR = 1026;
    public static final int MASTER_DEL_AUDITOR = 1027;
    public static final int MASTER_WIRE_FEES = 1028;
    public static final int MASTER_DENOMINATION_KEY_REVOKED = 1029;
    public static final int MASTER_WIRE_DETAILS = 1030;
    public static final int MASTER_EXTENSION = 1031;

    // exchange online signing key
    /** Registered but not used by the Dec 2022 exchange; there is no structure for it. */
    public static final int EXCHANGE_RESERVE_STATUS = 1032;
    public static final int EXCHANGE_CONFIRM_DEPOSIT = 1033;
    public static final int EXCHANGE_CONFIRM_MELT = 1034;
    public static final int EXCHANGE_KEY_SET = 1035;
    public static final int EXCHANGE_CONFIRM_WIRE = 1036;
    public static final int EXCHANGE_CONFIRM_WIRE_DEPOSIT = 1037;
    public static final int EXCHANGE_CONFIRM_REFUND = 1038;
    public static final int EXCHANGE_CONFIRM_RECOUP = 1039;
    public static final int EXCHANGE_RESERVE_CLOSED = 1040;
    public static final int EXCHANGE_CONFIRM_RECOUP_REFRESH = 1041;
    public static final int EXCHANGE_AFFIRM_DENOM_UNKNOWN = 1042;
    public static final int EXCHANGE_AFFIRM_DENOM_EXPIRED = 1043;
    public static final int EXCHANGE_ACCOUNT_SETUP_SUCCESS = 1044;
    public static final int EXCHANGE_CONFIRM_PURSE_CREATION = 1045;
    public static final int EXCHANGE_CONFIRM_PURSE_MERGED = 1046;
    public static final int EXCHANGE_PURSE_STATUS = 1047;
    public static final int EXCHANGE_RESERVE_ATTEST_DETAILS = 1048;
    public static final int EXCHANGE_CONFIRM_PURSE_REFUND = 1049;

    // auditor
    public static final int AUDITOR_EXCHANGE_KEYS = 1064;

    // merchant
    public static final int MERCHANT_CONTRACT = 1101;
    public static final int MERCHANT_REFUND = 1102;
    public static final int MERCHANT_TRACK_TRANSACTION = 1103;
    public static final int MERCHANT_PAYMENT_OK = 1104;
    public static final int MERCHANT_WIRE_DETAILS = 1107;

    // wallet: reserve, coin, purse, merge and age keys
    public static final int WALLET_RESERVE_WITHDRAW = 1200;
    public static final int WALLET_COIN_DEPOSIT = 1201;
    public static final int WALLET_COIN_MELT = 1202;
    public static final int WALLET_COIN_RECOUP = 1203;
    public static final int WALLET_COIN_LINK = 1204;
    public static final int WALLET_ACCOUNT_SETUP = 1205;
    public static final int WALLET_COIN_RECOUP_REFRESH = 1206;
    public static final int WALLET_AGE_ATTESTATION = 1207;
    public static final int WALLET_RESERVE_HISTORY = 1208;
    public static final int WALLET_RESERVE_STATUS = 1209;
    public static final int WALLET_PURSE_CREATE = 1210;
    public static final int WALLET_PURSE_DEPOSIT = 1211;
    public static final int WALLET_PURSE_STATUS = 1212;
    public static final int WALLET_PURSE_MERGE = 1213;
    public static final int WALLET_ACCOUNT_MERGE = 1214;
    public static final int WALLET_RESERVE_CLOSE = 1215;
    public static final int WALLET_PURSE_ECONTRACT = 1216;
    public static final int WALLET_RESERVE_OPEN = 1217;
    public static final int WALLET_RESERVE_OPEN_DEPOSIT = 1218;
    public static final int WALLET_RESERVE_ATTEST_DETAILS = 1219;

    // security modules
    public static final int SM_RSA_DENOMINATION_KEY = 1250;
    public static final int SM_SIGNING_KEY = 1251;
    public static final int SM_CS_DENOMINATION_KEY = 1252;

    // tests and other services
    /** Test purpose of client test code; no structure. */
    public static final int CLIENT_TEST_EDDSA = 1302;
    /** Test purpose of exchange test code (crypto.md 3.1 example); no structure. */
    public static final int EXCHANGE_TEST_EDDSA = 1303;
    /** Anastasis (not exchange protocol); no structure. */
    public static final int ANASTASIS_POLICY_UPLOAD = 1400;
    public static final int SYNC_BACKUP_UPLOAD = 1450;

    private static final Map<Integer, String> NAMES = collectNames();

    private static Map<Integer, String> collectNames() {
        Map<Integer, String> names = new TreeMap<>();
        for (Field f : Purposes.class.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && f.getType() == int.class) {
                try {
                    String previous = names.put(f.getInt(null), "TALER_SIGNATURE_" + f.getName());
                    if (previous != null) {
                        throw new IllegalStateException("duplicate purpose " + f.getInt(null));
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableMap(names);
    }

    /** Upstream name ({@code TALER_SIGNATURE_...}) of a purpose number, for logs and diagnostics. */
    public static Optional<String> name(int purpose) {
        return Optional.ofNullable(NAMES.get(purpose));
    }

    /** All known purpose numbers with their upstream names, ascending. */
    public static Map<Integer, String> all() {
        return NAMES;
    }
}
