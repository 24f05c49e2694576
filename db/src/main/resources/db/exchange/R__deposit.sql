-- Deposits and refunds of deposited coins.

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- Deposit: debit the coin and record the deposit.
-- out_status: 0 done, 1 replay (identical deposit exists; out_exchange_timestamp is the
-- original), 2 coin unknown, 3 insufficient coin balance, 4 conflicting deposit (same coin,
-- merchant and contract with other details).
-- Returns the codes of the Java enum net.taler.db.deposit.DepositRepository.DepositStatus.
CREATE OR REPLACE FUNCTION exchange_do_deposit(
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

-- Refund: credit (part of) a deposit back to the coin.
-- out_status: 0 done, 1 replay (same rtransaction_id and amount), 2 deposit unknown,
-- 3 refunds would exceed the deposit, 4 conflict (same rtransaction_id, other amount),
-- 5 deposit already wired (done).
-- Returns the codes of the Java enum net.taler.db.deposit.DepositRepository.RefundStatus.
CREATE OR REPLACE FUNCTION exchange_do_refund(
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
