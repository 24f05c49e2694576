-- Withdrawal and batch withdrawal (exchange-api.md 3.2-3.3), with Clause-Schnorr nonce locks.
-- A CS nonce may be signed for one envelope only: cs_nonce_locks remembers (nonce, envelope
-- hash); the same nonce with another envelope is a reuse and refused, because two signatures
-- with one nonce would reveal the denomination's private key.

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- out_status: 0 done, 1 replay (h_blind_ev known; nothing debited), 2 reserve unknown,
-- 3 insufficient balance (out_balance_* = current balance), 4 CS nonce reused.
-- in_cs_nonce is NULL for RSA.
-- Returns the codes of the Java enum net.taler.db.reserve.ReserveRepository.WithdrawStatus.
CREATE OR REPLACE FUNCTION exchange_do_withdraw(
  in_reserve_pub BYTEA, in_h_blind_ev BYTEA, in_denominations_serial INT8, in_denom_sig BYTEA,
  in_reserve_sig BYTEA, in_amount_val INT8, in_amount_frac INT4, in_now INT8, in_min_reserve_gc INT8,
  in_cs_nonce BYTEA,
  OUT out_status INT4, OUT out_reserve_out_serial_id INT8,
  OUT out_balance_val INT8, OUT out_balance_frac INT4)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  r RECORD;
BEGIN
  SELECT reserve_out_serial_id INTO out_reserve_out_serial_id
    FROM reserves_out WHERE h_blind_ev = in_h_blind_ev;
  IF FOUND THEN out_status := 1; RETURN; END IF;
  SELECT reserve_uuid, current_balance_val AS v, current_balance_frac AS f INTO r
    FROM reserves WHERE reserve_pub = in_reserve_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  -- An identical copy of this request may have committed while we waited for the reserve's
  -- lock; at READ COMMITTED this statement sees it: a replay, not a second debit (nor a
  -- refusal for lack of funds).
  SELECT reserve_out_serial_id INTO out_reserve_out_serial_id
    FROM reserves_out WHERE h_blind_ev = in_h_blind_ev;
  IF FOUND THEN out_status := 1; RETURN; END IF;
  out_balance_val := r.v;
  out_balance_frac := r.f;
  IF NOT amount_ge(r.v, r.f, in_amount_val, in_amount_frac) THEN out_status := 3; RETURN; END IF;
  IF in_cs_nonce IS NOT NULL THEN
    INSERT INTO cs_nonce_locks (nonce, op_hash, max_denomination_serial)
      VALUES (in_cs_nonce, in_h_blind_ev, in_denominations_serial) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      PERFORM 1 FROM cs_nonce_locks WHERE nonce = in_cs_nonce AND op_hash = in_h_blind_ev;
      IF NOT FOUND THEN out_status := 4; RETURN; END IF;
    END IF;
  END IF;
  INSERT INTO reserves_out (h_blind_ev, denominations_serial, denom_sig, reserve_uuid, reserve_sig,
                            execution_date, amount_with_fee_val, amount_with_fee_frac)
    VALUES (in_h_blind_ev, in_denominations_serial, in_denom_sig, r.reserve_uuid, in_reserve_sig,
            in_now, in_amount_val, in_amount_frac)
    ON CONFLICT DO NOTHING
    RETURNING reserve_out_serial_id INTO out_reserve_out_serial_id;
  IF NOT FOUND THEN
    SELECT reserve_out_serial_id INTO out_reserve_out_serial_id FROM reserves_out WHERE h_blind_ev = in_h_blind_ev;
    out_status := 1;
    RETURN;
  END IF;
  IF r.f >= in_amount_frac THEN
    out_balance_val := r.v - in_amount_val;
    out_balance_frac := r.f - in_amount_frac;
  ELSE
    out_balance_val := r.v - in_amount_val - 1;
    out_balance_frac := r.f + 100000000 - in_amount_frac;
  END IF;
  UPDATE reserves SET current_balance_val = out_balance_val, current_balance_frac = out_balance_frac,
                      gc_date = GREATEST(gc_date, in_min_reserve_gc)
    WHERE reserve_pub = in_reserve_pub;
  out_status := 0;
END $$;

-- Batch withdrawal: all planchets or none. The arrays are parallel (one element per planchet;
-- in_cs_nonces elements are NULL for RSA). Every refusal is decided before anything is written.
-- out_status: 0 done, 1 one of the envelopes was withdrawn before or repeats an earlier one of
-- the batch (out_index = its position, 0-based; nothing debited), 2 reserve unknown,
-- 3 insufficient balance (out_balance_* = current balance), 4 CS nonce already used for another
-- envelope (out_index = position).
-- A concurrent transaction taking the same nonce between the check and the insert makes the
-- insert fail with SQLSTATE TA001 (the whole transaction is rolled back).
-- Returns the codes of the Java enum net.taler.db.reserve.ReserveRepository.BatchStatus.
CREATE OR REPLACE FUNCTION exchange_do_batch_withdraw(
  in_reserve_pub BYTEA, in_h_blind_evs BYTEA[], in_denominations_serials INT8[], in_denom_sigs BYTEA[],
  in_reserve_sigs BYTEA[], in_amount_vals INT8[], in_amount_fracs INT4[], in_cs_nonces BYTEA[],
  in_now INT8, in_min_reserve_gc INT8,
  OUT out_status INT4, OUT out_index INT4,
  OUT out_balance_val INT8, OUT out_balance_frac INT4)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  r RECORD;
  n INT4 := cardinality(in_h_blind_evs);
  total_val INT8 := 0;
  total_frac INT8 := 0;
  i INT4;
  j INT4;
  locked BYTEA;
BEGIN
  IF n IS NULL OR n = 0 OR cardinality(in_denominations_serials) <> n OR cardinality(in_denom_sigs) <> n
     OR cardinality(in_reserve_sigs) <> n OR cardinality(in_amount_vals) <> n
     OR cardinality(in_amount_fracs) <> n OR cardinality(in_cs_nonces) <> n THEN
    RAISE EXCEPTION 'batch withdraw: arrays of unequal length';
  END IF;
  -- Lock the reserve first: a concurrent batch of the same reserve then finishes before our
  -- repeat checks run (callers use READ COMMITTED), so they see its envelopes.
  SELECT reserve_uuid, current_balance_val AS v, current_balance_frac AS f INTO r
    FROM reserves WHERE reserve_pub = in_reserve_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  FOR i IN 1 .. n LOOP
    PERFORM 1 FROM reserves_out WHERE h_blind_ev = in_h_blind_evs[i];
    IF FOUND THEN out_status := 1; out_index := i - 1; RETURN; END IF;
    -- the same envelope twice within this batch is a repeat too (else the second insert fails)
    IF in_h_blind_evs[i] = ANY (in_h_blind_evs[1:i - 1]) THEN
      out_status := 1; out_index := i - 1; RETURN;
    END IF;
    IF in_cs_nonces[i] IS NOT NULL THEN
      SELECT op_hash INTO locked FROM cs_nonce_locks WHERE nonce = in_cs_nonces[i];
      IF FOUND AND locked <> in_h_blind_evs[i] THEN out_status := 4; out_index := i - 1; RETURN; END IF;
      FOR j IN 1 .. i - 1 LOOP
        IF in_cs_nonces[j] = in_cs_nonces[i] AND in_h_blind_evs[j] <> in_h_blind_evs[i] THEN
          out_status := 4; out_index := i - 1; RETURN;
        END IF;
      END LOOP;
    END IF;
    total_val := total_val + in_amount_vals[i];
    total_frac := total_frac + in_amount_fracs[i];
  END LOOP;
  total_val := total_val + total_frac / 100000000;
  total_frac := total_frac % 100000000;
  out_balance_val := r.v;
  out_balance_frac := r.f;
  IF NOT amount_ge(r.v, r.f, total_val, total_frac::INT4) THEN out_status := 3; RETURN; END IF;
  FOR i IN 1 .. n LOOP
    IF in_cs_nonces[i] IS NOT NULL THEN
      INSERT INTO cs_nonce_locks (nonce, op_hash, max_denomination_serial)
        VALUES (in_cs_nonces[i], in_h_blind_evs[i], in_denominations_serials[i]) ON CONFLICT DO NOTHING;
      IF NOT FOUND THEN
        PERFORM 1 FROM cs_nonce_locks WHERE nonce = in_cs_nonces[i] AND op_hash = in_h_blind_evs[i];
        IF NOT FOUND THEN
          RAISE EXCEPTION USING ERRCODE = 'TA001', MESSAGE = 'cs nonce taken concurrently';
        END IF;
      END IF;
    END IF;
    INSERT INTO reserves_out (h_blind_ev, denominations_serial, denom_sig, reserve_uuid, reserve_sig,
                              execution_date, amount_with_fee_val, amount_with_fee_frac)
      VALUES (in_h_blind_evs[i], in_denominations_serials[i], in_denom_sigs[i], r.reserve_uuid,
              in_reserve_sigs[i], in_now, in_amount_vals[i], in_amount_fracs[i]);
  END LOOP;
  IF r.f >= total_frac THEN
    out_balance_val := r.v - total_val;
    out_balance_frac := r.f - total_frac;
  ELSE
    out_balance_val := r.v - total_val - 1;
    out_balance_frac := r.f + 100000000 - total_frac;
  END IF;
  UPDATE reserves SET current_balance_val = out_balance_val, current_balance_frac = out_balance_frac,
                      gc_date = GREATEST(gc_date, in_min_reserve_gc)
    WHERE reserve_pub = in_reserve_pub;
  out_status := 0;
END $$;
