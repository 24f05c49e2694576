-- Recoup of revoked denominations: to the reserve of a withdrawn coin, or to the old coin of a
-- refreshed one (fresh coin before the coin it was refreshed from, in lock order).

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- Recoup of a withdrawn coin: the coin's remaining value goes back into its reserve.
-- out_status: 0 done, 1 replay (same coin_pub and coin_sig), 2 coin or reserve unknown,
-- 3 nothing left on the coin.
-- Returns the codes of the Java enum net.taler.db.reserve.RecoupRepository.RecoupStatus.
CREATE OR REPLACE FUNCTION exchange_do_recoup_to_reserve(
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

-- Recoup of a refreshed coin: its remaining value goes back to the coin it was refreshed from.
-- out_status: 0 done, 1 replay (same coin_pub and coin_sig; out_amount = the original),
-- 2 coin or old coin unknown, or in_rrc_serial is not a revealed coin of a melt of the old coin,
-- 3 nothing left on the coin.
-- Returns the codes of the Java enum net.taler.db.reserve.RecoupRepository.RecoupStatus.
CREATE OR REPLACE FUNCTION exchange_do_recoup_to_coin(
  in_old_coin_pub BYTEA, in_rrc_serial INT8, in_coin_pub BYTEA, in_coin_sig BYTEA, in_coin_blind BYTEA,
  in_now INT8,
  OUT out_status INT4, OUT out_recoup_refresh_uuid INT8, OUT out_amount_val INT8, OUT out_amount_frac INT4)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  c RECORD;
BEGIN
  SELECT recoup_refresh_uuid, amount_val, amount_frac
    INTO out_recoup_refresh_uuid, out_amount_val, out_amount_frac
    FROM recoup_refresh WHERE coin_pub = in_coin_pub AND coin_sig = in_coin_sig;
  IF FOUND THEN out_status := 1; RETURN; END IF;
  SELECT known_coin_id, remaining_val AS v, remaining_frac AS f INTO c
    FROM known_coins WHERE coin_pub = in_coin_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  IF c.v = 0 AND c.f = 0 THEN out_status := 3; RETURN; END IF;
  -- the revealed coin must come from a melt of the old coin
  PERFORM 1 FROM refresh_revealed_coins rrc
    JOIN refresh_commitments rcm ON rcm.melt_serial_id = rrc.melt_serial_id
    WHERE rrc.rrc_serial = in_rrc_serial AND rcm.old_coin_pub = in_old_coin_pub;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  PERFORM 1 FROM known_coins WHERE coin_pub = in_old_coin_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  UPDATE known_coins SET (remaining_val, remaining_frac) =
      (SELECT val, frac FROM amount_add(remaining_val, remaining_frac, c.v, c.f))
    WHERE coin_pub = in_old_coin_pub;
  UPDATE known_coins SET remaining_val = 0, remaining_frac = 0 WHERE coin_pub = in_coin_pub;
  INSERT INTO recoup_refresh (coin_pub, known_coin_id, coin_sig, coin_blind, amount_val, amount_frac,
                              recoup_timestamp, rrc_serial)
    VALUES (in_coin_pub, c.known_coin_id, in_coin_sig, in_coin_blind, c.v, c.f, in_now, in_rrc_serial)
    RETURNING recoup_refresh_uuid INTO out_recoup_refresh_uuid;
  out_amount_val := c.v;
  out_amount_frac := c.f;
  out_status := 0;
END $$;
