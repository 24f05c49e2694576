-- Reserve open (POST /reserves/$R/open).

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- Reserve open (POST /reserves/$R/open): the reserve pays in_reserve_payment from its balance,
-- and each coin i (in_coin_pubs = concatenated 32-byte keys, in_coin_sigs = concatenated 64-byte
-- signatures) pays in_contrib_val[i].in_contrib_frac[i]; together they must cover in_open_fee.
-- The reserve then stays open until at least in_desired_expiration with at least
-- in_purse_limit purses allowed. All or nothing (subtransaction); one request per
-- (reserve_pub, request_timestamp).
-- out_status: 0 opened, 1 replay (nothing charged again; out_expiration = the reserve's),
-- 2 reserve unknown, 3 reserve balance below in_reserve_payment, 4 coin unknown (out_coin_pub),
-- 5 coin balance insufficient (out_coin_pub), 6 coin signature already used by another request
-- (out_coin_pub), 7 payment below in_open_fee.
-- Returns the codes of the Java enum net.taler.db.reserve.ReserveOpenRepository.OpenStatus.
CREATE OR REPLACE FUNCTION exchange_do_reserve_open(
  in_reserve_pub BYTEA, in_reserve_sig BYTEA, in_request_timestamp INT8, in_desired_expiration INT8,
  in_gc_date INT8, in_purse_limit INT4, in_reserve_payment_val INT8, in_reserve_payment_frac INT4,
  in_open_fee_val INT8, in_open_fee_frac INT4, in_coin_pubs BYTEA, in_coin_sigs BYTEA,
  in_contrib_val INT8[], in_contrib_frac INT4[],
  OUT out_status INT4, OUT out_expiration INT8, OUT out_balance_val INT8, OUT out_balance_frac INT4,
  OUT out_coin_pub BYTEA)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  r RECORD;
  c RECORD;
  n INT4;
  i INT4;
  v_coin BYTEA;
  v_sig BYTEA;
  tot_val INT8;
  tot_frac INT4;
BEGIN
  n := COALESCE(array_length(in_contrib_val, 1), 0);
  IF COALESCE(array_length(in_contrib_frac, 1), 0) <> n OR length(in_coin_pubs) <> 32 * n
     OR length(in_coin_sigs) <> 64 * n THEN
    RAISE EXCEPTION 'coin arrays of different lengths' USING ERRCODE = '22023';
  END IF;
  SELECT current_balance_val AS v, current_balance_frac AS f, expiration_date AS e INTO r
    FROM reserves WHERE reserve_pub = in_reserve_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  out_balance_val := r.v;
  out_balance_frac := r.f;
  out_expiration := r.e;
  PERFORM 1 FROM reserves_open_requests
    WHERE reserve_pub = in_reserve_pub AND request_timestamp = in_request_timestamp;
  IF FOUND THEN out_status := 1; RETURN; END IF;
  IF NOT amount_ge(r.v, r.f, in_reserve_payment_val, in_reserve_payment_frac) THEN
    out_status := 3; RETURN;
  END IF;
  tot_val := in_reserve_payment_val;
  tot_frac := in_reserve_payment_frac;
  FOR i IN 1 .. n LOOP
    SELECT val, frac INTO tot_val, tot_frac FROM amount_add(tot_val, tot_frac, in_contrib_val[i], in_contrib_frac[i]);
  END LOOP;
  IF NOT amount_ge(tot_val, tot_frac, in_open_fee_val, in_open_fee_frac) THEN
    out_status := 7; RETURN;
  END IF;
  BEGIN
    FOR i IN 1 .. n LOOP
      v_coin := substring(in_coin_pubs FROM 32 * (i - 1) + 1 FOR 32);
      v_sig := substring(in_coin_sigs FROM 64 * (i - 1) + 1 FOR 64);
      out_coin_pub := v_coin;
      SELECT remaining_val AS v, remaining_frac AS f INTO c FROM known_coins WHERE coin_pub = v_coin FOR UPDATE;
      IF NOT FOUND THEN out_status := 4; RAISE EXCEPTION USING ERRCODE = 'TR001'; END IF;
      IF NOT amount_ge(c.v, c.f, in_contrib_val[i], in_contrib_frac[i]) THEN
        out_status := 5; RAISE EXCEPTION USING ERRCODE = 'TR001';
      END IF;
      INSERT INTO reserves_open_deposits (reserve_sig, reserve_pub, coin_pub, coin_sig, contribution_val,
                                          contribution_frac)
        VALUES (in_reserve_sig, in_reserve_pub, v_coin, v_sig, in_contrib_val[i], in_contrib_frac[i])
        ON CONFLICT DO NOTHING;
      IF NOT FOUND THEN out_status := 6; RAISE EXCEPTION USING ERRCODE = 'TR001'; END IF;
      UPDATE known_coins SET (remaining_val, remaining_frac) =
          (SELECT val, frac FROM amount_sub(c.v, c.f, in_contrib_val[i], in_contrib_frac[i]))
        WHERE coin_pub = v_coin;
    END LOOP;
  EXCEPTION WHEN SQLSTATE 'TR001' THEN
    RETURN;
  END;
  out_coin_pub := NULL;
  INSERT INTO reserves_open_requests (reserve_pub, request_timestamp, expiration_date, reserve_sig,
                                      reserve_payment_val, reserve_payment_frac, requested_purse_limit)
    VALUES (in_reserve_pub, in_request_timestamp, in_desired_expiration, in_reserve_sig,
            in_reserve_payment_val, in_reserve_payment_frac, in_purse_limit);
  SELECT val, frac INTO out_balance_val, out_balance_frac
    FROM amount_sub(r.v, r.f, in_reserve_payment_val, in_reserve_payment_frac);
  out_expiration := GREATEST(r.e, in_desired_expiration);
  UPDATE reserves SET current_balance_val = out_balance_val, current_balance_frac = out_balance_frac,
                      expiration_date = out_expiration,
                      gc_date = GREATEST(gc_date, in_gc_date),
                      purses_allowed = GREATEST(purses_allowed, in_purse_limit)
    WHERE reserve_pub = in_reserve_pub;
  out_status := 0;
END $$;
