-- Materialized index tables (reserves_out_by_reserve, recoup_by_reserve, deposits_by_ready,
-- deposits_for_matching) kept up to date by row triggers on their base tables.

-- Repeatable migration (Flyway runs it after the versioned ones, again whenever this file
-- changes): the one definition of the trigger functions and of the triggers using them.

CREATE OR REPLACE FUNCTION reserves_out_by_reserve_trigger() RETURNS TRIGGER LANGUAGE plpgsql SET search_path = exchange AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO reserves_out_by_reserve (reserve_uuid, h_blind_ev) VALUES (NEW.reserve_uuid, NEW.h_blind_ev);
    RETURN NEW;
  END IF;
  DELETE FROM reserves_out_by_reserve WHERE reserve_uuid = OLD.reserve_uuid AND h_blind_ev = OLD.h_blind_ev;
  RETURN OLD;
END $f$;
DROP TRIGGER IF EXISTS reserves_out_on_insert ON reserves_out;
DROP TRIGGER IF EXISTS reserves_out_on_delete ON reserves_out;
CREATE TRIGGER reserves_out_on_insert AFTER INSERT ON reserves_out FOR EACH ROW EXECUTE FUNCTION reserves_out_by_reserve_trigger();
CREATE TRIGGER reserves_out_on_delete AFTER DELETE ON reserves_out FOR EACH ROW EXECUTE FUNCTION reserves_out_by_reserve_trigger();

CREATE OR REPLACE FUNCTION recoup_by_reserve_trigger() RETURNS TRIGGER LANGUAGE plpgsql SET search_path = exchange AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO recoup_by_reserve (reserve_out_serial_id, coin_pub) VALUES (NEW.reserve_out_serial_id, NEW.coin_pub);
    RETURN NEW;
  END IF;
  DELETE FROM recoup_by_reserve WHERE reserve_out_serial_id = OLD.reserve_out_serial_id AND coin_pub = OLD.coin_pub;
  RETURN OLD;
END $f$;
DROP TRIGGER IF EXISTS recoup_on_insert ON recoup;
DROP TRIGGER IF EXISTS recoup_on_delete ON recoup;
CREATE TRIGGER recoup_on_insert AFTER INSERT ON recoup FOR EACH ROW EXECUTE FUNCTION recoup_by_reserve_trigger();
CREATE TRIGGER recoup_on_delete AFTER DELETE ON recoup FOR EACH ROW EXECUTE FUNCTION recoup_by_reserve_trigger();

CREATE OR REPLACE FUNCTION deposits_index_trigger() RETURNS TRIGGER LANGUAGE plpgsql SET search_path = exchange AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM deposits_by_ready WHERE deposit_serial_id = OLD.deposit_serial_id AND coin_pub = OLD.coin_pub;
    DELETE FROM deposits_for_matching WHERE deposit_serial_id = OLD.deposit_serial_id AND coin_pub = OLD.coin_pub;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF NOT NEW.done AND NOT NEW.policy_blocked THEN
      INSERT INTO deposits_by_ready (wire_deadline, shard, coin_pub, deposit_serial_id)
        VALUES (NEW.wire_deadline, NEW.shard, NEW.coin_pub, NEW.deposit_serial_id);
      INSERT INTO deposits_for_matching (refund_deadline, merchant_pub, coin_pub, deposit_serial_id)
        VALUES (NEW.refund_deadline, NEW.merchant_pub, NEW.coin_pub, NEW.deposit_serial_id);
    END IF;
    RETURN NEW;
  END IF;
  RETURN OLD;
END $f$;
DROP TRIGGER IF EXISTS deposits_on_insert ON deposits;
DROP TRIGGER IF EXISTS deposits_on_update ON deposits;
DROP TRIGGER IF EXISTS deposits_on_delete ON deposits;
CREATE TRIGGER deposits_on_insert AFTER INSERT ON deposits FOR EACH ROW EXECUTE FUNCTION deposits_index_trigger();
CREATE TRIGGER deposits_on_update AFTER UPDATE OF done, policy_blocked ON deposits FOR EACH ROW EXECUTE FUNCTION deposits_index_trigger();
CREATE TRIGGER deposits_on_delete AFTER DELETE ON deposits FOR EACH ROW EXECUTE FUNCTION deposits_index_trigger();
