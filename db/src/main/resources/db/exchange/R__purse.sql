-- P2P purses (database.md 3.5). Lock order, to keep deadlocks (which are retried anyway)
-- rare: purse before coin, purse before reserve.

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of these functions. Changing an argument list or the OUT
-- columns needs a DROP FUNCTION IF EXISTS of the old signature first (CREATE OR REPLACE cannot).
-- Conventions: one function = one atomic statement; callers run it at SERIALIZABLE (or READ
-- COMMITTED where noted in the Java repository) and retry serialization failures; out_status
-- codes are the explicit codes of the Java enum named at each function (ProcedureStatus).

-- Internal: compare a new purse creation with the stored purse (caller holds its row lock).
-- Returns 1 identical (replay), 2 purse meta data differ (amount, age limit, contract hash,
-- merge key: exchange-api 6.2), 3 encrypted contract differs (or one side has none).
CREATE OR REPLACE FUNCTION purse_compare(
  in_purse_pub BYTEA, in_merge_pub BYTEA, in_h_contract_terms BYTEA, in_age_limit INT4,
  in_amount_val INT8, in_amount_frac INT4, in_pub_ckey BYTEA, in_contract_sig BYTEA, in_e_contract BYTEA)
RETURNS INT4 LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  p RECORD;
  k RECORD;
BEGIN
  SELECT * INTO p FROM purse_requests WHERE purse_pub = in_purse_pub;
  IF NOT (p.merge_pub = in_merge_pub AND p.h_contract_terms = in_h_contract_terms
          AND p.age_limit = in_age_limit AND p.amount_with_fee_val = in_amount_val
          AND p.amount_with_fee_frac = in_amount_frac) THEN
    RETURN 2;
  END IF;
  SELECT * INTO k FROM contracts WHERE purse_pub = in_purse_pub;
  IF FOUND <> (in_e_contract IS NOT NULL) THEN RETURN 3; END IF;
  IF FOUND AND NOT (k.pub_ckey = in_pub_ckey AND k.e_contract = in_e_contract) THEN RETURN 3; END IF;
  RETURN 1;
END $$;

-- Create a purse (with its encrypted contract if given); the push case (POST /purses/$P/create).
-- out_status: 0 created, 1 replay (identical purse and contract; out_serial is the original),
-- 2 conflict (purse_pub exists with other amount/age limit/contract hash/merge key),
-- 3 contract conflict (stored encrypted contract differs).
-- Returns the codes of the Java enum net.taler.db.purse.PurseRepository.CreateStatus.
CREATE OR REPLACE FUNCTION exchange_do_purse_create(
  in_purse_pub BYTEA, in_merge_pub BYTEA, in_creation INT8, in_expiration INT8, in_h_contract_terms BYTEA,
  in_age_limit INT4, in_flags INT4, in_amount_val INT8, in_amount_frac INT4, in_fee_val INT8,
  in_fee_frac INT4, in_purse_sig BYTEA, in_pub_ckey BYTEA, in_contract_sig BYTEA, in_e_contract BYTEA,
  OUT out_status INT4, OUT out_serial INT8)
LANGUAGE plpgsql SET search_path = exchange AS $$
BEGIN
  INSERT INTO purse_requests (purse_pub, merge_pub, purse_creation, purse_expiration, h_contract_terms,
                              age_limit, flags, in_reserve_quota, amount_with_fee_val, amount_with_fee_frac,
                              purse_fee_val, purse_fee_frac, purse_sig)
    VALUES (in_purse_pub, in_merge_pub, in_creation, in_expiration, in_h_contract_terms, in_age_limit,
            in_flags, FALSE, in_amount_val, in_amount_frac, in_fee_val, in_fee_frac, in_purse_sig)
    ON CONFLICT DO NOTHING
    RETURNING purse_requests_serial_id INTO out_serial;
  IF NOT FOUND THEN
    SELECT purse_requests_serial_id INTO out_serial FROM purse_requests WHERE purse_pub = in_purse_pub FOR UPDATE;
    out_status := purse_compare(in_purse_pub, in_merge_pub, in_h_contract_terms, in_age_limit,
                                in_amount_val, in_amount_frac, in_pub_ckey, in_contract_sig, in_e_contract);
    RETURN;
  END IF;
  IF in_e_contract IS NOT NULL THEN
    INSERT INTO contracts (purse_pub, pub_ckey, contract_sig, e_contract, purse_expiration)
      VALUES (in_purse_pub, in_pub_ckey, in_contract_sig, in_e_contract, in_expiration);
  END IF;
  INSERT INTO purse_actions (purse_pub, action_date) VALUES (in_purse_pub, in_expiration);
  out_status := 0;
END $$;

-- Internal: a purse was decided; give the reserve's purse quota slot back if it used one.
CREATE OR REPLACE FUNCTION purse_release_quota(in_purse_pub BYTEA) RETURNS VOID
LANGUAGE plpgsql SET search_path = exchange AS $$
BEGIN
  UPDATE reserves SET purses_active = purses_active - 1
    WHERE reserve_pub = (SELECT m.reserve_pub FROM purse_merges m JOIN purse_requests p USING (purse_pub)
                          WHERE m.purse_pub = in_purse_pub AND p.in_reserve_quota)
      AND purses_active > 0;
END $$;

-- Internal: a merged purse whose balance reached its amount is decided: purse_decision
-- (refunded = FALSE), reserve (created if missing) credited with the purse amount, quota slot
-- released, scheduling row removed. The caller holds the purse row lock.
-- Returns TRUE if it decided the purse now.
CREATE OR REPLACE FUNCTION purse_try_finish(in_purse_pub BYTEA, in_now INT8, in_reserve_expiration INT8) RETURNS BOOL
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  p RECORD;
  m RECORD;
BEGIN
  SELECT amount_with_fee_val AS av, amount_with_fee_frac AS af, balance_val AS bv, balance_frac AS bf INTO p
    FROM purse_requests WHERE purse_pub = in_purse_pub;
  IF NOT amount_ge(p.bv, p.bf, p.av, p.af) THEN RETURN FALSE; END IF;
  SELECT reserve_pub INTO m FROM purse_merges WHERE purse_pub = in_purse_pub;
  IF NOT FOUND THEN RETURN FALSE; END IF;
  INSERT INTO purse_decision (purse_pub, action_timestamp, refunded) VALUES (in_purse_pub, in_now, FALSE)
    ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN RETURN FALSE; END IF;
  INSERT INTO reserves (reserve_pub, expiration_date, gc_date)
    VALUES (m.reserve_pub, in_reserve_expiration, in_reserve_expiration) ON CONFLICT DO NOTHING;
  UPDATE reserves SET (current_balance_val, current_balance_frac) =
      (SELECT val, frac FROM amount_add(current_balance_val, current_balance_frac, p.av, p.af))
    WHERE reserve_pub = m.reserve_pub;
  PERFORM purse_release_quota(in_purse_pub);
  DELETE FROM purse_actions WHERE purse_pub = in_purse_pub;
  PERFORM pg_notify('exchange_purse_merged', encode(in_purse_pub, 'hex'));
  RETURN TRUE;
END $$;

-- Internal: refund a purse (expiry or deletion): purse_decision (refunded = TRUE) and every
-- purse deposit back to its coin (the full amount debited; as upstream, the deposit fee is
-- refunded too); quota slot released. Caller holds the purse row lock and has checked that no
-- decision exists.
CREATE OR REPLACE FUNCTION purse_refund(in_purse_pub BYTEA, in_now INT8) RETURNS VOID
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  d RECORD;
BEGIN
  INSERT INTO purse_decision (purse_pub, action_timestamp, refunded) VALUES (in_purse_pub, in_now, TRUE);
  FOR d IN SELECT coin_pub, amount_with_fee_val AS v, amount_with_fee_frac AS f
             FROM purse_deposits WHERE purse_pub = in_purse_pub ORDER BY coin_pub LOOP
    UPDATE known_coins SET (remaining_val, remaining_frac) =
        (SELECT val, frac FROM amount_add(remaining_val, remaining_frac, d.v, d.f))
      WHERE coin_pub = d.coin_pub;
  END LOOP;
  PERFORM purse_release_quota(in_purse_pub);
  DELETE FROM purse_actions WHERE purse_pub = in_purse_pub;
END $$;

-- Deposit a coin into a purse: debit in_amount_with_fee from the coin, credit
-- in_amount_without_fee to the purse balance; completes a merged purse when it becomes full
-- (the reserve is created with in_reserve_expiration if missing).
-- out_status: 0 done, 1 replay (same purse, coin, signature and amount; nothing debited),
-- 2 conflict (same purse and coin, other signature/amount), 3 purse unknown, 4 coin unknown,
-- 5 insufficient coin balance, 6 purse already decided (merged and paid out, expired or deleted),
-- 7 purse expired (in_now >= purse_expiration).
-- out_finished: this deposit completed the merge (reserve credited).
-- Returns the codes of the Java enum net.taler.db.purse.PurseRepository.DepositStatus.
CREATE OR REPLACE FUNCTION exchange_do_purse_deposit(
  in_purse_pub BYTEA, in_coin_pub BYTEA, in_coin_sig BYTEA, in_amount_with_fee_val INT8,
  in_amount_with_fee_frac INT4, in_amount_without_fee_val INT8, in_amount_without_fee_frac INT4,
  in_partner_serial_id INT8, in_now INT8, in_reserve_expiration INT8,
  OUT out_status INT4, OUT out_serial INT8, OUT out_finished BOOL,
  OUT out_balance_val INT8, OUT out_balance_frac INT4)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  p RECORD;
  d RECORD;
  c RECORD;
BEGIN
  out_finished := FALSE;
  SELECT purse_expiration, balance_val, balance_frac INTO p
    FROM purse_requests WHERE purse_pub = in_purse_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 3; RETURN; END IF;
  out_balance_val := p.balance_val;
  out_balance_frac := p.balance_frac;
  SELECT purse_deposit_serial_id, coin_sig, amount_with_fee_val AS v, amount_with_fee_frac AS f INTO d
    FROM purse_deposits WHERE purse_pub = in_purse_pub AND coin_pub = in_coin_pub;
  IF FOUND THEN
    out_serial := d.purse_deposit_serial_id;
    out_status := CASE WHEN d.coin_sig = in_coin_sig AND d.v = in_amount_with_fee_val
                        AND d.f = in_amount_with_fee_frac THEN 1 ELSE 2 END;
    RETURN;
  END IF;
  PERFORM 1 FROM purse_decision WHERE purse_pub = in_purse_pub;
  IF FOUND THEN out_status := 6; RETURN; END IF;
  IF in_now >= p.purse_expiration THEN out_status := 7; RETURN; END IF;
  SELECT remaining_val AS v, remaining_frac AS f INTO c
    FROM known_coins WHERE coin_pub = in_coin_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 4; RETURN; END IF;
  IF NOT amount_ge(c.v, c.f, in_amount_with_fee_val, in_amount_with_fee_frac) THEN
    out_status := 5; RETURN;
  END IF;
  INSERT INTO purse_deposits (partner_serial_id, purse_pub, coin_pub, amount_with_fee_val, amount_with_fee_frac,
                              coin_sig)
    VALUES (in_partner_serial_id, in_purse_pub, in_coin_pub, in_amount_with_fee_val, in_amount_with_fee_frac,
            in_coin_sig)
    RETURNING purse_deposit_serial_id INTO out_serial;
  UPDATE known_coins SET (remaining_val, remaining_frac) =
      (SELECT val, frac FROM amount_sub(c.v, c.f, in_amount_with_fee_val, in_amount_with_fee_frac))
    WHERE coin_pub = in_coin_pub;
  SELECT val, frac INTO out_balance_val, out_balance_frac
    FROM amount_add(p.balance_val, p.balance_frac, in_amount_without_fee_val, in_amount_without_fee_frac);
  UPDATE purse_requests SET balance_val = out_balance_val, balance_frac = out_balance_frac
    WHERE purse_pub = in_purse_pub;
  out_finished := purse_try_finish(in_purse_pub, in_now, in_reserve_expiration);
  PERFORM pg_notify('exchange_purse_deposited', encode(in_purse_pub, 'hex'));
  out_status := 0;
END $$;

-- Internal: record the merge of a purse into a local reserve (caller holds the purse lock and
-- checked there is no merge yet), then finish it if it is full.
CREATE OR REPLACE FUNCTION purse_record_merge(
  in_purse_pub BYTEA, in_merge_sig BYTEA, in_merge_timestamp INT8, in_reserve_sig BYTEA,
  in_reserve_pub BYTEA, in_wallet_h_payto BYTEA, in_reserve_expiration INT8, in_now INT8) RETURNS BOOL
LANGUAGE plpgsql SET search_path = exchange AS $$
BEGIN
  INSERT INTO purse_merges (partner_serial_id, reserve_pub, purse_pub, merge_sig, merge_timestamp)
    VALUES (NULL, in_reserve_pub, in_purse_pub, in_merge_sig, in_merge_timestamp);
  INSERT INTO account_merges (reserve_pub, reserve_sig, purse_pub, wallet_h_payto)
    VALUES (in_reserve_pub, in_reserve_sig, in_purse_pub, in_wallet_h_payto);
  RETURN purse_try_finish(in_purse_pub, in_now, in_reserve_expiration);
END $$;

-- Merge a purse into a (local) reserve (push: POST /purses/$P/merge): purse_merges +
-- account_merges; if the purse is full it is decided and the reserve (created if missing)
-- credited with the purse amount at once. With in_require_full (the push case) a purse that is
-- not full is refused and nothing is recorded; without it the deposit that fills the purse
-- credits the reserve.
-- out_status: 0 merged, 1 replay (same reserve and merge signature; also after expiry),
-- 2 purse unknown, 3 conflict (merged already into another reserve or with another signature),
-- 4 purse already decided (expired or deleted), 5 purse expired (in_now >= purse_expiration),
-- 6 not full (only with in_require_full).
-- out_finished: the reserve has been credited (now or, on replay, earlier).
-- Returns the codes of the Java enum net.taler.db.purse.PurseRepository.MergeStatus.
CREATE OR REPLACE FUNCTION exchange_do_purse_merge(
  in_purse_pub BYTEA, in_merge_sig BYTEA, in_merge_timestamp INT8, in_reserve_sig BYTEA,
  in_reserve_pub BYTEA, in_wallet_h_payto BYTEA, in_reserve_expiration INT8, in_now INT8,
  in_require_full BOOL,
  OUT out_status INT4, OUT out_finished BOOL)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  p RECORD;
  m RECORD;
BEGIN
  out_finished := FALSE;
  SELECT purse_expiration, amount_with_fee_val AS av, amount_with_fee_frac AS af, balance_val AS bv,
         balance_frac AS bf INTO p
    FROM purse_requests WHERE purse_pub = in_purse_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  SELECT reserve_pub, merge_sig INTO m FROM purse_merges WHERE purse_pub = in_purse_pub;
  IF FOUND THEN
    out_status := CASE WHEN m.reserve_pub = in_reserve_pub AND m.merge_sig = in_merge_sig THEN 1 ELSE 3 END;
    SELECT NOT refunded INTO out_finished FROM purse_decision WHERE purse_pub = in_purse_pub;
    out_finished := COALESCE(out_finished, FALSE);
    RETURN;
  END IF;
  PERFORM 1 FROM purse_decision WHERE purse_pub = in_purse_pub;
  IF FOUND THEN out_status := 4; RETURN; END IF;
  IF in_now >= p.purse_expiration THEN out_status := 5; RETURN; END IF;
  IF in_require_full AND NOT amount_ge(p.bv, p.bf, p.av, p.af) THEN out_status := 6; RETURN; END IF;
  INSERT INTO reserves (reserve_pub, expiration_date, gc_date)
    VALUES (in_reserve_pub, in_reserve_expiration, in_reserve_expiration) ON CONFLICT DO NOTHING;
  out_finished := purse_record_merge(in_purse_pub, in_merge_sig, in_merge_timestamp, in_reserve_sig,
                                     in_reserve_pub, in_wallet_h_payto, in_reserve_expiration, in_now);
  out_status := 0;
END $$;

-- Pull payment (POST /reserves/$R/purse): create a purse already merged into the reserve. The
-- reserve pays either with a purse quota slot (in_with_fee = FALSE: purses_active <
-- purses_allowed, then purses_active + 1 until the purse is decided) or the purse fee
-- (in_with_fee = TRUE; debited from the reserve if non-zero; with a zero fee the reserve may
-- be missing and is created when the purse is paid).
-- out_status: 0 created, 1 replay (identical purse, contract and merge), 2 purse meta data
-- conflict, 3 merge conflict (purse exists and is not merged this way), 4 contract conflict,
-- 5 reserve unknown (quota or non-zero fee), 6 insufficient reserve balance or quota exhausted.
-- Returns the codes of the Java enum net.taler.db.purse.PurseRepository.ReservePurseStatus.
CREATE OR REPLACE FUNCTION exchange_do_reserve_purse(
  in_purse_pub BYTEA, in_merge_pub BYTEA, in_creation INT8, in_expiration INT8, in_h_contract_terms BYTEA,
  in_age_limit INT4, in_flags INT4, in_amount_val INT8, in_amount_frac INT4, in_with_fee BOOL,
  in_fee_val INT8, in_fee_frac INT4, in_purse_sig BYTEA, in_pub_ckey BYTEA, in_contract_sig BYTEA,
  in_e_contract BYTEA, in_merge_sig BYTEA, in_merge_timestamp INT8, in_reserve_sig BYTEA,
  in_reserve_pub BYTEA, in_wallet_h_payto BYTEA, in_reserve_expiration INT8, in_now INT8,
  OUT out_status INT4)
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  r RECORD;
  m RECORD;
  cmp INT4;
BEGIN
  PERFORM 1 FROM purse_requests WHERE purse_pub = in_purse_pub FOR UPDATE;
  IF FOUND THEN
    cmp := purse_compare(in_purse_pub, in_merge_pub, in_h_contract_terms, in_age_limit,
                         in_amount_val, in_amount_frac, in_pub_ckey, in_contract_sig, in_e_contract);
    IF cmp = 2 THEN out_status := 2; RETURN; END IF;
    IF cmp = 3 THEN out_status := 4; RETURN; END IF;
    SELECT reserve_pub, merge_sig INTO m FROM purse_merges WHERE purse_pub = in_purse_pub;
    out_status := CASE WHEN FOUND AND m.reserve_pub = in_reserve_pub AND m.merge_sig = in_merge_sig
                       THEN 1 ELSE 3 END;
    RETURN;
  END IF;
  IF NOT in_with_fee OR in_fee_val > 0 OR in_fee_frac > 0 THEN
    SELECT current_balance_val AS v, current_balance_frac AS f, purses_active, purses_allowed INTO r
      FROM reserves WHERE reserve_pub = in_reserve_pub FOR UPDATE;
    IF NOT FOUND THEN out_status := 5; RETURN; END IF;
    IF NOT in_with_fee THEN
      IF r.purses_active >= r.purses_allowed THEN out_status := 6; RETURN; END IF;
      UPDATE reserves SET purses_active = purses_active + 1 WHERE reserve_pub = in_reserve_pub;
    ELSE
      IF NOT amount_ge(r.v, r.f, in_fee_val, in_fee_frac) THEN out_status := 6; RETURN; END IF;
      UPDATE reserves SET (current_balance_val, current_balance_frac) =
          (SELECT val, frac FROM amount_sub(r.v, r.f, in_fee_val, in_fee_frac))
        WHERE reserve_pub = in_reserve_pub;
    END IF;
  END IF;
  SELECT c.out_status INTO cmp FROM exchange_do_purse_create(in_purse_pub, in_merge_pub, in_creation,
      in_expiration, in_h_contract_terms, in_age_limit, in_flags, in_amount_val, in_amount_frac, in_fee_val,
      in_fee_frac, in_purse_sig, in_pub_ckey, in_contract_sig, in_e_contract) c;
  IF cmp <> 0 THEN
    RAISE EXCEPTION 'purse appeared during reserve purse creation' USING ERRCODE = '40001';
  END IF;
  UPDATE purse_requests SET in_reserve_quota = NOT in_with_fee WHERE purse_pub = in_purse_pub;
  PERFORM purse_record_merge(in_purse_pub, in_merge_sig, in_merge_timestamp, in_reserve_sig,
                             in_reserve_pub, in_wallet_h_payto, in_reserve_expiration, in_now);
  out_status := 0;
END $$;

-- Delete an unmerged purse (DELETE /purses): refunds the coins.
-- out_status: 0 deleted, 1 replay (already deleted), 2 purse unknown, 3 merged or decided.
-- Returns the codes of the Java enum net.taler.db.purse.PurseRepository.DeleteStatus.
CREATE OR REPLACE FUNCTION exchange_do_purse_delete(in_purse_pub BYTEA, in_purse_sig BYTEA, in_now INT8,
  OUT out_status INT4)
LANGUAGE plpgsql SET search_path = exchange AS $$
BEGIN
  PERFORM 1 FROM purse_requests WHERE purse_pub = in_purse_pub FOR UPDATE;
  IF NOT FOUND THEN out_status := 2; RETURN; END IF;
  PERFORM 1 FROM purse_deletion WHERE purse_pub = in_purse_pub;
  IF FOUND THEN out_status := 1; RETURN; END IF;
  PERFORM 1 FROM purse_merges WHERE purse_pub = in_purse_pub;
  IF FOUND THEN out_status := 3; RETURN; END IF;
  PERFORM 1 FROM purse_decision WHERE purse_pub = in_purse_pub;
  IF FOUND THEN out_status := 3; RETURN; END IF;
  INSERT INTO purse_deletion (purse_pub, purse_sig) VALUES (in_purse_pub, in_purse_sig);
  PERFORM purse_refund(in_purse_pub, in_now);
  out_status := 0;
END $$;

-- Expire up to in_limit purses whose purse_actions.action_date < in_now and that have no
-- decision: each is refunded (purse_refund). Purses locked by others are skipped.
-- Returns the number of purses refunded.
CREATE OR REPLACE FUNCTION exchange_do_expire_purses(in_now INT8, in_limit INT4) RETURNS INT4
LANGUAGE plpgsql SET search_path = exchange AS $$
DECLARE
  a RECORD;
  n INT4 := 0;
BEGIN
  FOR a IN SELECT pa.purse_pub FROM purse_actions pa
             WHERE pa.action_date < in_now
             ORDER BY pa.action_date LIMIT in_limit LOOP
    PERFORM 1 FROM purse_requests WHERE purse_pub = a.purse_pub FOR UPDATE SKIP LOCKED;
    CONTINUE WHEN NOT FOUND;
    PERFORM 1 FROM purse_decision WHERE purse_pub = a.purse_pub;
    IF FOUND THEN
      DELETE FROM purse_actions WHERE purse_pub = a.purse_pub;
      CONTINUE;
    END IF;
    PERFORM purse_refund(a.purse_pub, in_now);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;
