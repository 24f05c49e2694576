-- Garbage collection (taler-exchange-dbinit -g).

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- Garbage collection (operations.md 3.1, upstream exchange_do_gc). "Smallest surviving
-- serial" cut-offs; when nothing survives, everything below is deleted.
CREATE OR REPLACE FUNCTION exchange_do_gc(in_ancient_date INT8, in_now INT8) RETURNS VOID
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
