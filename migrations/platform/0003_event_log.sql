-- Events become a log that each subscriber reads from its own position, instead of a delivery
-- row per event and subscriber (PgQ's way). A position is per subscriber and key partition: the
-- window of transactions it is reading (events visible in snapshot `upto` and not in `since`, so
-- an event whose transaction commits late is never skipped), the seq range of that window, and
-- the last event done in it. Rows are written only for events that wait for a retry.
ALTER TABLE platform.outbox ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE platform.outbox ADD COLUMN key_hash int GENERATED ALWAYS AS (hashtext(key) & 2147483647) STORED;
ALTER TABLE platform.outbox ALTER COLUMN created_at SET DEFAULT clock_timestamp();
CREATE INDEX outbox_xid ON platform.outbox (xid);

CREATE TABLE platform.positions (
  subscriber  text    NOT NULL,
  partition   int     NOT NULL,
  since       text    NOT NULL,   -- pg_snapshot
  upto        text    NOT NULL,   -- pg_snapshot
  last_seq    bigint  NOT NULL,   -- done up to here within the window
  max_seq     bigint  NOT NULL,   -- the window's last event
  PRIMARY KEY (subscriber, partition)
);

-- An event waiting for a subscriber's retry, or behind one of its key that does (per-key order).
CREATE TABLE platform.retries (
  id               bigserial   PRIMARY KEY,
  event_seq        bigint      NOT NULL REFERENCES platform.outbox (seq) ON DELETE CASCADE,
  subscriber       text        NOT NULL,
  key              text        NOT NULL,
  attempts         int         NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text
);
CREATE INDEX retries_due ON platform.retries (subscriber, next_attempt_at, id);
CREATE INDEX retries_key ON platform.retries (subscriber, key, id);
CREATE INDEX retries_event ON platform.retries (event_seq);

-- Deliveries still pending wait as retries: nothing published before the upgrade is lost.
INSERT INTO platform.retries (event_seq, subscriber, key, attempts, next_attempt_at, last_error)
  SELECT event_seq, subscriber, key, attempts, next_attempt_at, last_error FROM platform.deliveries ORDER BY id;
DROP TABLE platform.deliveries;
