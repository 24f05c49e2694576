package net.taler.offline;

/** The {@code operation} names of the offline tool's JSON documents (operations.md 3.9). */
final class OperationNames {
    static final String INPUT_KEYS = "exchange-input-keys-0";
    static final String SETUP = "exchange-setup-0";
    static final String UPLOAD_SIGS = "exchange-upload-sigs-0";
    static final String REVOKE_DENOMINATION = "exchange-revoke-denomination-0";
    static final String REVOKE_SIGNKEY = "exchange-revoke-signkey-0";
    static final String ENABLE_AUDITOR = "exchange-enable-auditor-0";
    static final String DISABLE_AUDITOR = "exchange-disable-auditor-0";
    static final String ENABLE_WIRE = "exchange-enable-wire-0";
    static final String DISABLE_WIRE = "exchange-disable-wire-0";
    static final String SET_WIRE_FEE = "exchange-set-wire-fee-0";
    static final String SET_GLOBAL_FEE = "exchange-set-global-fee-0";
    static final String DRAIN_PROFITS = "exchange-drain-profits-0";
    static final String EXTENSIONS = "exchange-extensions-0";

    private OperationNames() {
    }
}
