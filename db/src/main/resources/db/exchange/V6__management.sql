-- Management uploads (POST /management/extensions): the master signature over the extension
-- manifests stored in `extensions`. At most one row (`singleton` is always TRUE); no row = no
-- signature uploaded yet. Upstream keeps this signature in the httpd's memory only; we store it
-- so that every httpd process (and a restarted one) can serve `extensions_sig` in /keys.
CREATE TABLE extensions_sig (
  singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  master_sig BYTEA NOT NULL CHECK (LENGTH(master_sig) = 64)
);
COMMENT ON TABLE extensions_sig IS 'Master signature over the extension manifests (one row at most)';
INSERT INTO exchange_tables (name, version, action, partitioned, finished, partition_key, partitions)
  VALUES ('extensions_sig', 'exchange-0006', 'create', FALSE, TRUE, NULL, 0);
