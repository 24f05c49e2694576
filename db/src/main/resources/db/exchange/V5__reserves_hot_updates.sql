-- Keep balance columns out of reserves' indexes.
--
-- V1 indexed (expiration_date, current_balance_val, current_balance_frac) for the closer. Every
-- withdrawal changes the balance, so no update of a reserve could be HOT: each one added entries
-- to every index of the table, including the reserve_pub index that concurrent withdrawals read.
-- Under SERIALIZABLE those index-page writes turned into false read/write conflicts between
-- withdrawals from different reserves (the hot-path benchmark saw tens of operations per run
-- exhaust the bounded retries at 16 threads). The closer filters the balance itself.
DROP INDEX IF EXISTS reserves_by_expiration;
CREATE INDEX reserves_by_expiration ON reserves (expiration_date);
