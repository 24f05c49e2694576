-- Refresh: the melt (commit) of an old coin.

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- Melt (refresh commit): debit the old coin.
-- out_status: 0 done, 1 replay (same rc; out_noreveal_index is the original),
-- 2 coin unknown, 3 insufficient coin balance.
-- Returns the codes of the Java enum net.taler.db.refresh.RefreshRepository.MeltStatus.
CREATE OR REPLACE FUNCTION exchange_do_melt(
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
