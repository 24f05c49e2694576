-- Multi-row operations as single statements (database.md 1: exchange_do_*).
-- Each function is atomic (one statement); callers run them at SERIALIZABLE and retry
-- serialization failures (SQLSTATE 40001/40P01). Status codes are documented per function and
-- mirrored by Java enums in net.taler.db.*.
-- Money invariant: balances never go negative (CHECK constraints on *_val/*_frac plus the
-- explicit comparisons below).

-- a >= b for (val, frac) amounts
CREATE FUNCTION amount_ge(a_val INT8, a_frac INT4, b_val INT8, b_frac INT4) RETURNS BOOL
LANGUAGE sql IMMUTABLE AS $$ SELECT a_val > b_val OR (a_val = b_val AND a_frac >= b_frac) $$;

-- Reserve credit from an incoming wire transfer (wirewatch).
-- out_status: 0 credited, 1 replay (same reserve_pub and wire_reference), 2 conflict
-- (reserve_pub already credited by another transfer: reserves_in has one row per reserve).
CREATE FUNCTION exchange_do_reserve_credit(
  in_reserve_pub BYTEA, in_credit_val INT8, in_credit_frac INT4, in_execution_date INT8,
  in_wire_source_h_payto BYTEA, in_payto_uri TEXT, in_exchange_account_section TEXT,
  in_wire_reference INT8, in_expiration_date INT8, in_gc_date INT8,
  OUT out_status INT4, OUT out_reserve_in_serial_id INT8)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  v_ref INT8;
BEGIN
  INSERT INTO wire_targets (wire_target_h_payto, payto_uri)
    VALUES (in_wire_source_h_payto, in_payto_uri) ON CONFLICT DO NOTHING;
  INSERT INTO reserves (reserve_pub, current_balance_val, current_balance_frac, expiration_date, gc_date)
    VALUES (in_reserve_pub, 0, 0, in_expiration_date, in_gc_date) ON CONFLICT DO NOTHING;
  INSERT INTO reserves_in (reserve_pub, wire_reference, credit_val, credit_frac, wire_source_h_payto,
                           exchange_account_section, execution_date)
    VALUES (in_reserve_pub, in_wire_reference, in_credit_val, in_credit_frac, in_wire_source_h_payto,
            in_exchange_account_section, in_execution_date)
    ON CONFLICT DO NOTHING
    RETURNING reserve_in_serial_id INTO out_reserve_in_serial_id;
  IF NOT FOUND THEN
    SELECT wire_reference, reserve_in_serial_id INTO v_ref, out_reserve_in_serial_id
      FROM reserves_in WHERE reserve_pub = in_reserve_pub;
    out_status := CASE WHEN v_ref = in_wire_reference THEN 1 ELSE 2 END;
    RETURN;
  END IF;
  UPDATE reserves SET
      current_balance_val = current_balance_val + in_credit_val
        + (current_balance_frac + in_credit_frac) / 100000000,
      current_balance_frac = (current_balance_frac + in_credit_frac) % 100000000,
      expiration_date = GREATEST(expiration_date, in_expiration_date),
      gc_date = GREATEST(gc_date, in_gc_date)
    WHERE reserve_pub = in_reserve_pub;
  PERFORM pg_notify('exchange_reserve_incoming', encode(in_reserve_pub, 'hex'));
  out_status := 0;
END $$;

-- Withdraw: debit the reserve and record the withdrawal.
-- out_status: 0 done, 1 replay (h_blind_ev known; nothing debited), 2 reserve unknown,
-- 3 insufficient balance (out_balance_* = current balance).
CREATE FUNCTION exchange_do_withdraw(
  in_reserve_pub BYTEA, in_h_blind_ev BYTEA, in_denominations_serial INT8, in_denom_sig BYTEA,
  in_reserve_sig BYTEA, in_amount_val INT8, in_amount_frac INT4, in_now INT8, in_min_reserve_gc INT8,
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
  out_balance_val := r.v;
  out_balance_frac := r.f;
  IF NOT amount_ge(r.v, r.f, in_amount_val, in_amount_frac) THEN out_status := 3; RETURN; END IF;
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

-- Make a coin known (first use). out_status: 0 inserted, 1 already known (same denomination
-- and age commitment), 2 conflict (known with other denomination/age commitment),
-- 3 denomination unknown.
CREATE FUNCTION exchange_do_insert_known_coin(
  in_coin_pub BYTEA, in_denom_pub_hash BYTEA, in_denom_sig BYTEA, in_age_commitment_hash BYTEA,
  OUT out_status INT4, OUT out_known_coin_id INT8, OUT out_denominations_serial INT8)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  d RECORD;
  c RECORD;
BEGIN
  SELECT denominations_serial, coin_val, coin_frac INTO d
    FROM denominations WHERE denom_pub_hash = in_denom_pub_hash;
  IF NOT FOUND THEN out_status := 3; RETURN; END IF;
  out_denominations_serial := d.denominations_serial;
  INSERT INTO known_coins (coin_pub, denominations_serial, denom_sig, age_commitment_hash,
                           remaining_val, remaining_frac)
    VALUES (in_coin_pub, d.denominations_serial, in_denom_sig, in_age_commitment_hash, d.coin_val, d.coin_frac)
    ON CONFLICT DO NOTHING
    RETURNING known_coin_id INTO out_known_coin_id;
  IF FOUND THEN out_status := 0; RETURN; END IF;
  SELECT known_coin_id, denominations_serial, age_commitment_hash INTO c
    FROM known_coins WHERE coin_pub = in_coin_pub;
  out_known_coin_id := c.known_coin_id;
  IF c.denominations_serial <> d.denominations_serial
     OR c.age_commitment_hash IS DISTINCT FROM in_age_commitment_hash THEN
    out_status := 2;
  ELSE
    out_status := 1;
  END IF;
END $$;

-- Deposit: debit the coin and record the deposit.
-- out_status: 0 done, 1 replay (identical deposit exists; out_exchange_timestamp is the
-- original), 2 coin unknown, 3 insufficient coin balance, 4 conflicting deposit (same coin,
-- merchant and contract with other details).
CREATE FUNCTION exchange_do_deposit(
  in_coin_pub BYTEA, in_merchant_pub BYTEA, in_h_contract_terms BYTEA,
  in_amount_val INT8, in_amount_frac INT4, in_wallet_timestamp INT8, in_exchange_timestamp INT8,
  in_refund_deadline INT8, in_wire_deadline INT8, in_coin_sig BYTEA, in_wire_salt BYTEA,
  in_wire_target_h_payto BYTEA, in_payto_uri TEXT, in_shard INT8, in_policy_blocked BOOL,
  in_policy_details_serial_id INT8,
  OUT out_status INT4, OUT out_deposit_serial_id INT8, OUT out_exchange_timestamp INT8)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  c RECORD;
  d RECORD;
BEGIN
  INSERT INTO wire_targets (wire_target_h_payto, payto_uri)
    VALUES (in_wire_target_h_payto, in_payto_uri) ON CONFLICT DO NOTHING;
  FOR i IN 1 .. 2 LOOP
    SELECT deposit_serial_id, exchange_timestamp, amount_with_fee_val, amount_with_fee_frac,
           wire_salt, wire_target_h_payto, refund_deadline, wire_deadline INTO d
      FROM deposits
      WHERE coin_pub = in_coin_pub AND merchant_pub = in_merchant_pub
        AND h_contract_terms = in_h_contract_terms;
    IF FOUND THEN
      out_deposit_serial_id := d.deposit_serial_id;
      out_exchange_timestamp := d.exchange_timestamp;
      IF d.amount_with_fee_val = in_amount_val AND d.amount_with_fee_frac = in_amount_frac
         AND d.wire_salt = in_wire_salt AND d.wire_target_h_payto = in_wire_target_h_payto
         AND d.refund_deadline = in_refund_deadline AND d.wire_deadline = in_wire_deadline THEN
        out_status := 1;
      ELSE
        out_status := 4;
      END IF;
      RETURN;
    END IF;
    EXIT WHEN i = 2;
    SELECT known_coin_id, remaining_val AS v, remaining_frac AS f INTO c
      FROM known_coins WHERE coin_pub = in_coin_pub FOR UPDATE;
    IF NOT FOUND THEN out_status := 2; RETURN; END IF;
    IF NOT amount_ge(c.v, c.f, in_amount_val, in_amount_frac) THEN out_status := 3; RETURN; END IF;
    INSERT INTO deposits (shard, coin_pub, known_coin_id, amount_with_fee_val, amount_with_fee_frac,
                          wallet_timestamp, exchange_timestamp, refund_deadline, wire_deadline,
                          merchant_pub, h_contract_terms, coin_sig, wire_salt, wire_target_h_payto,
                          policy_blocked, policy_details_serial_id)
      VALUES (in_shard, in_coin_pub, c.known_coin_id, in_amount_val, in_amount_frac,
              in_wallet_timestamp, in_exchange_timestamp, in_refund_deadline, in_wire_deadline,
              in_merchant_pub, in_h_contract_terms, in_coin_sig, in_wire_salt, in_wire_target_h_payto,
              COALESCE(in_policy_blocked, FALSE), in_policy_details_serial_id)
      ON CONFLICT DO NOTHING
      RETURNING deposit_serial_id INTO out_deposit_serial_id;
    IF FOUND THEN
      UPDATE known_coins SET
          remaining_val = CASE WHEN c.f >= in_amount_frac THEN c.v - in_amount_val ELSE c.v - in_amount_val - 1 END,
          remaining_frac = CASE WHEN c.f >= in_amount_frac THEN c.f - in_amount_frac ELSE c.f + 100000000 - in_amount_frac END
        WHERE coin_pub = in_coin_pub;
      out_exchange_timestamp := in_exchange_timestamp;
      out_status := 0;
      RETURN;
    END IF;
    -- lost an insert race: loop once more to classify the existing row
  END LOOP;
  RAISE EXCEPTION 'deposit vanished during insert' USING ERRCODE = '40001';
END $$;

-- Melt (refresh commit): debit the old coin.
-- out_status: 0 done, 1 replay (same rc; out_noreveal_index is the original),
-- 2 coin unknown, 3 insufficient coin balance.
CREATE FUNCTION exchange_do_melt(
  in_rc BYTEA, in_old_coin_pub BYTEA, in_old_coin_sig BYTEA, in_amount_val INT8, in_amount_frac INT4,
  in_noreveal_index INT4,
  OUT out_status INT4, OUT out_melt_serial_id INT8, OUT out_noreveal_index INT4)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  c RECORD;
BEGIN
  SELECT melt_serial_id, noreveal_index INTO out_melt_serial_id, out_noreveal_index
    FROM refresh_commitments WHERE rc = in_rc;
  IF FOUND THEN out_status := 1; RETURN; END IF;
  SELECT remaining_val AS v, remaining_frac AS f INTO c
    FROM known_coins WHERE coin_pub = in_old_coin_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  IF NOT amount_ge(c.v, c.f, in_amount_val, in_amount_frac) THEN out_status := 3; RETURN; END IF;
  INSERT INTO refresh_commitments (rc, old_coin_pub, old_coin_sig, amount_with_fee_val,
                                   amount_with_fee_frac, noreveal_index)
    VALUES (in_rc, in_old_coin_pub, in_old_coin_sig, in_amount_val, in_amount_frac, in_noreveal_index)
    ON CONFLICT DO NOTHING
    RETURNING melt_serial_id, noreveal_index INTO out_melt_serial_id, out_noreveal_index;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'melt insert race' USING ERRCODE = '40001';
  END IF;
  UPDATE known_coins SET
      remaining_val = CASE WHEN c.f >= in_amount_frac THEN c.v - in_amount_val ELSE c.v - in_amount_val - 1 END,
      remaining_frac = CASE WHEN c.f >= in_amount_frac THEN c.f - in_amount_frac ELSE c.f + 100000000 - in_amount_frac END
    WHERE coin_pub = in_old_coin_pub;
  out_status := 0;
END $$;

-- Refund: credit (part of) a deposit back to the coin.
-- out_status: 0 done, 1 replay (same rtransaction_id and amount), 2 deposit unknown,
-- 3 refunds would exceed the deposit, 4 conflict (same rtransaction_id, other amount),
-- 5 deposit already wired (done).
CREATE FUNCTION exchange_do_refund(
  in_coin_pub BYTEA, in_merchant_pub BYTEA, in_h_contract_terms BYTEA, in_rtransaction_id INT8,
  in_merchant_sig BYTEA, in_amount_val INT8, in_amount_frac INT4,
  OUT out_status INT4, OUT out_refund_serial_id INT8)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  d RECORD;
  r RECORD;
  tot_val INT8;
  tot_frac INT8;
BEGIN
  SELECT deposit_serial_id, amount_with_fee_val AS v, amount_with_fee_frac AS f, done INTO d
    FROM deposits WHERE coin_pub = in_coin_pub AND merchant_pub = in_merchant_pub
      AND h_contract_terms = in_h_contract_terms;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  SELECT refund_serial_id, amount_with_fee_val AS v, amount_with_fee_frac AS f INTO r
    FROM refunds WHERE coin_pub = in_coin_pub AND deposit_serial_id = d.deposit_serial_id
      AND rtransaction_id = in_rtransaction_id;
  IF FOUND THEN
    out_refund_serial_id := r.refund_serial_id;
    out_status := CASE WHEN r.v = in_amount_val AND r.f = in_amount_frac THEN 1 ELSE 4 END;
    RETURN;
  END IF;
  IF d.done THEN out_status := 5; RETURN; END IF;
  PERFORM 1 FROM known_coins WHERE coin_pub = in_coin_pub FOR UPDATE;
  SELECT COALESCE(SUM(amount_with_fee_val), 0) + in_amount_val, COALESCE(SUM(amount_with_fee_frac), 0) + in_amount_frac
    INTO tot_val, tot_frac
    FROM refunds WHERE coin_pub = in_coin_pub AND deposit_serial_id = d.deposit_serial_id;
  tot_val := tot_val + tot_frac / 100000000;
  tot_frac := tot_frac % 100000000;
  IF NOT amount_ge(d.v, d.f, tot_val, tot_frac::INT4) THEN out_status := 3; RETURN; END IF;
  INSERT INTO refunds (coin_pub, deposit_serial_id, merchant_sig, rtransaction_id,
                       amount_with_fee_val, amount_with_fee_frac)
    VALUES (in_coin_pub, d.deposit_serial_id, in_merchant_sig, in_rtransaction_id, in_amount_val, in_amount_frac)
    RETURNING refund_serial_id INTO out_refund_serial_id;
  UPDATE known_coins SET
      remaining_val = remaining_val + in_amount_val + (remaining_frac + in_amount_frac) / 100000000,
      remaining_frac = (remaining_frac + in_amount_frac) % 100000000
    WHERE coin_pub = in_coin_pub;
  out_status := 0;
END $$;

-- Recoup of a withdrawn coin: the coin's remaining value goes back into its reserve.
-- out_status: 0 done, 1 replay (same coin_pub and coin_sig), 2 coin or reserve unknown,
-- 3 nothing left on the coin.
CREATE FUNCTION exchange_do_recoup_to_reserve(
  in_reserve_pub BYTEA, in_reserve_out_serial_id INT8, in_coin_pub BYTEA, in_coin_sig BYTEA,
  in_coin_blind BYTEA, in_now INT8, in_reserve_gc INT8,
  OUT out_status INT4, OUT out_recoup_uuid INT8, OUT out_amount_val INT8, OUT out_amount_frac INT4)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  c RECORD;
BEGIN
  SELECT recoup_uuid, amount_val, amount_frac INTO out_recoup_uuid, out_amount_val, out_amount_frac
    FROM recoup WHERE coin_pub = in_coin_pub AND coin_sig = in_coin_sig;
  IF FOUND THEN out_status := 1; RETURN; END IF;
  SELECT remaining_val AS v, remaining_frac AS f INTO c
    FROM known_coins WHERE coin_pub = in_coin_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  IF c.v = 0 AND c.f = 0 THEN out_status := 3; RETURN; END IF;
  UPDATE reserves SET
      current_balance_val = current_balance_val + c.v + (current_balance_frac + c.f) / 100000000,
      current_balance_frac = (current_balance_frac + c.f) % 100000000,
      gc_date = GREATEST(gc_date, in_reserve_gc)
    WHERE reserve_pub = in_reserve_pub;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  UPDATE known_coins SET remaining_val = 0, remaining_frac = 0 WHERE coin_pub = in_coin_pub;
  INSERT INTO recoup (coin_pub, coin_sig, coin_blind, amount_val, amount_frac, recoup_timestamp,
                      reserve_out_serial_id)
    VALUES (in_coin_pub, in_coin_sig, in_coin_blind, c.v, c.f, in_now, in_reserve_out_serial_id)
    RETURNING recoup_uuid INTO out_recoup_uuid;
  out_amount_val := c.v;
  out_amount_frac := c.f;
  out_status := 0;
END $$;

-- Garbage collection (operations.md 3.1, upstream exchange_do_gc). "Smallest surviving
-- serial" cut-offs; when nothing survives, everything below is deleted.
CREATE FUNCTION exchange_do_gc(in_ancient_date INT8, in_now INT8) RETURNS VOID
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  reserve_uuid_min INT8;
  reserve_out_min INT8;
  melt_min INT8;
  coin_min INT8;
  deposit_min INT8;
  denom_min INT8;
  max_id CONSTANT INT8 := 9223372036854775807;
BEGIN
  DELETE FROM prewire WHERE finished;
  DELETE FROM wire_fee WHERE end_date < in_ancient_date;
  DELETE FROM reserves WHERE gc_date < in_now AND current_balance_val = 0 AND current_balance_frac = 0;
  SELECT COALESCE(MIN(reserve_uuid), max_id) INTO reserve_uuid_min FROM reserves;
  DELETE FROM reserves_out WHERE reserve_uuid < reserve_uuid_min;
  SELECT COALESCE(MIN(reserve_out_serial_id), max_id) INTO reserve_out_min FROM reserves_out;
  DELETE FROM recoup WHERE reserve_out_serial_id < reserve_out_min;
  DELETE FROM denominations
    WHERE expire_legal < in_now
      AND denominations_serial NOT IN (SELECT DISTINCT denominations_serial FROM reserves_out)
      AND denominations_serial NOT IN (SELECT DISTINCT denominations_serial FROM known_coins
                                        WHERE coin_pub IN (SELECT coin_pub FROM recoup))
      AND denominations_serial NOT IN (SELECT DISTINCT denominations_serial FROM known_coins
                                        WHERE coin_pub IN (SELECT coin_pub FROM recoup_refresh));
  SELECT COALESCE(MIN(melt_serial_id), max_id) INTO melt_min FROM refresh_commitments;
  DELETE FROM refresh_revealed_coins WHERE melt_serial_id < melt_min;
  DELETE FROM refresh_transfer_keys WHERE melt_serial_id < melt_min;
  SELECT COALESCE(MIN(known_coin_id), max_id) INTO coin_min FROM known_coins;
  DELETE FROM deposits WHERE known_coin_id < coin_min;
  SELECT COALESCE(MIN(deposit_serial_id), max_id) INTO deposit_min FROM deposits;
  DELETE FROM refunds WHERE deposit_serial_id < deposit_min;
  DELETE FROM aggregation_tracking WHERE deposit_serial_id < deposit_min;
  SELECT COALESCE(MIN(denominations_serial), max_id) INTO denom_min FROM denominations;
  DELETE FROM cs_nonce_locks WHERE max_denomination_serial < denom_min;
END $$;
