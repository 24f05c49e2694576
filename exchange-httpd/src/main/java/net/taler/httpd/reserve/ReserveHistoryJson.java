package net.taler.httpd.reserve;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.Hashes;
import net.taler.common.json.TalerJson;
import net.taler.common.sig.exchange.RecoupConfirmation;
import net.taler.common.sig.exchange.ReserveClosed;
import net.taler.db.history.HistoryRepository;
import net.taler.db.history.HistoryRepository.ReserveEvent;
import net.taler.httpd.sign.OnlineSigner;

/**
 * The reserve history entries of exchange-api.md 3.6, as sent in the 409 of a withdrawal
 * beyond the balance and by the reserve status/history endpoints. Recoup and closing entries
 * carry an exchange signature made when the history is produced, like the C exchange does.
 */
public final class ReserveHistoryJson {
    private static final ObjectMapper M = TalerJson.mapper();

    private final OnlineSigner signer;

    public ReserveHistoryJson(OnlineSigner signer) {
        this.signer = signer;
    }

    public ArrayNode build(EddsaPublicKey reservePub, List<ReserveEvent> events) {
        ArrayNode out = M.createArrayNode();
        for (ReserveEvent e : events) {
            out.add(entry(reservePub, e));
        }
        return out;
    }

    private ObjectNode entry(EddsaPublicKey reservePub, ReserveEvent e) {
        ObjectNode o = M.createObjectNode();
        if (e instanceof HistoryRepository.BankCredit c) {
            o.put("type", "CREDIT");
            o.set("timestamp", M.valueToTree(c.executionDate()));
            o.put("sender_account_url", c.paytoUri());
            o.put("wire_reference", c.wireReference());
            o.set("amount", M.valueToTree(c.amount()));
        } else if (e instanceof HistoryRepository.Withdrawal w) {
            o.put("type", "WITHDRAW");
            o.put("reserve_sig", w.reserveSig().toBase32());
            o.put("h_coin_envelope", w.hBlindEv().toBase32());
            o.put("h_denom_pub", w.hDenomPub().toBase32());
            o.set("withdraw_fee", M.valueToTree(w.withdrawFee()));
            o.set("amount", M.valueToTree(w.amount()));
        } else if (e instanceof HistoryRepository.Recoup r) {
            OnlineSigner.Signed s = signer.sign(new RecoupConfirmation(r.timestamp(), r.amount(), r.coinPub(),
                    reservePub));
            o.put("type", "RECOUP");
            o.put("exchange_pub", s.exchangePub().toBase32());
            o.put("exchange_sig", s.signature().toBase32());
            o.set("timestamp", M.valueToTree(r.timestamp()));
            o.set("amount", M.valueToTree(r.amount()));
            o.put("coin_pub", r.coinPub().toBase32());
        } else if (e instanceof HistoryRepository.Closing c) {
            // The stored amount is what left the reserve; the wire transfer is that minus the fee.
            var wired = c.amount().subtract(c.closingFee());
            OnlineSigner.Signed s = signer.sign(new ReserveClosed(c.executionDate(), wired, c.closingFee(),
                    reservePub, c.hPayto(), c.wtid()));
            o.put("type", "CLOSING");
            o.put("receiver_account_details", c.receiverPayto());
            o.put("wtid", c.wtid().toBase32());
            o.put("exchange_pub", s.exchangePub().toBase32());
            o.put("exchange_sig", s.signature().toBase32());
            o.set("timestamp", M.valueToTree(c.executionDate()));
            o.set("amount", M.valueToTree(wired));
            o.set("closing_fee", M.valueToTree(c.closingFee()));
        } else if (e instanceof HistoryRepository.PurseMerge m) {
            o.put("type", "MERGE");
            o.put("h_contract_terms", m.hContractTerms().toBase32());
            o.put("purse_pub", m.pursePub().toBase32());
            o.put("reserve_sig", m.mergeSig().toBase32());
            o.set("merge_timestamp", M.valueToTree(m.mergeTimestamp()));
            o.set("amount", M.valueToTree(m.amount()));
            o.set("purse_fee", M.valueToTree(m.purseFee()));
            o.put("merged", m.credited());
        } else if (e instanceof HistoryRepository.HistoryRequest h) {
            o.put("type", "HISTORY");
            o.put("reserve_sig", h.reserveSig().toBase32());
            o.set("request_timestamp", M.valueToTree(h.requestTimestamp()));
            o.set("amount", M.valueToTree(h.amount()));
        } else if (e instanceof HistoryRepository.OpenRequest r) {
            o.put("type", "OPEN");
            o.put("requested_min_purses", r.purseLimit());
            o.put("reserve_sig", r.reserveSig().toBase32());
            o.set("request_timestamp", M.valueToTree(r.requestTimestamp()));
            o.set("requested_expiration", M.valueToTree(r.expiration()));
            o.set("open_fee", M.valueToTree(r.amount()));
        } else if (e instanceof HistoryRepository.CloseRequest r) {
            o.put("type", "CLOSE");
            o.put("reserve_sig", r.reserveSig().toBase32());
            if (r.paytoUri() != null) {
                o.put("h_payto", Hashes.hPayto(r.paytoUri()).toBase32());
            }
            o.set("request_timestamp", M.valueToTree(r.closeTimestamp()));
        }
        return o;
    }
}
