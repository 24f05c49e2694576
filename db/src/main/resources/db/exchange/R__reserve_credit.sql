-- Reserve credit from an incoming wire transfer (taler-exchange-wirewatch).

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- Reserve credit from an incoming wire transfer (wirewatch).
-- out_status: 0 credited, 1 replay (same reserve_pub and wire_reference), 2 conflict
-- (reserve_pub already credited by another transfer: reserves_in has one row per reserve).
-- Returns the codes of the Java enum net.taler.db.reserve.ReserveRepository.CreditStatus.
CREATE OR REPLACE FUNCTION exchange_do_reserve_credit(
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
