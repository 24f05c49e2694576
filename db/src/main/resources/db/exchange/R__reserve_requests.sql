-- Reserve history and close requests.

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- Reserve history request (POST /reserves/$R/history): charge the history fee once per
-- (reserve, request_timestamp).
-- out_status: 0 charged, 1 replay (same request timestamp; not charged again), 2 reserve
-- unknown, 3 insufficient balance. out_balance: the balance after the call.
-- Returns the codes of the Java enum net.taler.db.reserve.ReserveRepository.HistoryStatus.
CREATE OR REPLACE FUNCTION exchange_do_history_request(
  in_reserve_pub BYTEA, in_reserve_sig BYTEA, in_request_timestamp INT8, in_fee_val INT8, in_fee_frac INT4,
  OUT out_status INT4, OUT out_balance_val INT8, OUT out_balance_frac INT4)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  r RECORD;
BEGIN
  SELECT current_balance_val AS v, current_balance_frac AS f INTO r
    FROM reserves WHERE reserve_pub = in_reserve_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  out_balance_val := r.v;
  out_balance_frac := r.f;
  PERFORM 1 FROM history_requests WHERE reserve_pub = in_reserve_pub AND request_timestamp = in_request_timestamp;
  IF FOUND THEN out_status := 1; RETURN; END IF;
  IF NOT amount_ge(r.v, r.f, in_fee_val, in_fee_frac) THEN out_status := 3; RETURN; END IF;
  INSERT INTO history_requests (reserve_pub, request_timestamp, reserve_sig, history_fee_val, history_fee_frac)
    VALUES (in_reserve_pub, in_request_timestamp, in_reserve_sig, in_fee_val, in_fee_frac);
  SELECT val, frac INTO out_balance_val, out_balance_frac FROM amount_sub(r.v, r.f, in_fee_val, in_fee_frac);
  UPDATE reserves SET current_balance_val = out_balance_val, current_balance_frac = out_balance_frac
    WHERE reserve_pub = in_reserve_pub;
  out_status := 0;
END $$;

-- Reserve close request (POST /reserves/$R/close): records the request with the current
-- balance and closing fee; the reserve is closed (balance wired back) by the closer, which
-- marks the request done. in_payto_uri NULL = back to the account that funded the reserve.
-- out_status: 0 recorded, 1 replay (same request timestamp), 2 reserve unknown, 3 no target
-- account (no payto given and no incoming transfer known). out_amount: the balance recorded.
-- Returns the codes of the Java enum net.taler.db.reserve.ReserveRepository.CloseRequestStatus.
CREATE OR REPLACE FUNCTION exchange_do_close_request(
  in_reserve_pub BYTEA, in_close_timestamp INT8, in_reserve_sig BYTEA, in_payto_uri TEXT,
  in_fee_val INT8, in_fee_frac INT4,
  OUT out_status INT4, OUT out_amount_val INT8, OUT out_amount_frac INT4, OUT out_payto_uri TEXT)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  r RECORD;
  q RECORD;
BEGIN
  SELECT current_balance_val AS v, current_balance_frac AS f INTO r
    FROM reserves WHERE reserve_pub = in_reserve_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  SELECT close_val, close_frac, payto_uri INTO q FROM close_requests
    WHERE reserve_pub = in_reserve_pub AND close_timestamp = in_close_timestamp;
  IF FOUND THEN
    out_amount_val := q.close_val;
    out_amount_frac := q.close_frac;
    out_payto_uri := q.payto_uri;
    out_status := 1;
    RETURN;
  END IF;
  out_payto_uri := in_payto_uri;
  IF out_payto_uri IS NULL THEN
    SELECT wt.payto_uri INTO out_payto_uri FROM reserves_in ri
      JOIN wire_targets wt ON wt.wire_target_h_payto = ri.wire_source_h_payto
      WHERE ri.reserve_pub = in_reserve_pub;
    IF out_payto_uri IS NULL THEN out_status := 3; RETURN; END IF;
  END IF;
  INSERT INTO close_requests (reserve_pub, close_timestamp, reserve_sig, close_val, close_frac,
                              close_fee_val, close_fee_frac, payto_uri)
    VALUES (in_reserve_pub, in_close_timestamp, in_reserve_sig, r.v, r.f, in_fee_val, in_fee_frac, out_payto_uri);
  out_amount_val := r.v;
  out_amount_frac := r.f;
  out_status := 0;
END $$;
