-- First use of a coin (known_coins).

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- Make a coin known (first use). out_status: 0 inserted, 1 already known (same denomination
-- and age commitment), 2 conflict (known with other denomination/age commitment),
-- 3 denomination unknown.
-- Returns the codes of the Java enum net.taler.db.coin.CoinRepository.EnsureStatus.
CREATE OR REPLACE FUNCTION exchange_do_insert_known_coin(
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
