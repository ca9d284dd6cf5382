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

-- The dispatchers' two statements per pass as PL/pgSQL functions with generic plans: planned once
-- per connection instead of on every pass (where planning cost up to half a millisecond each).
CREATE FUNCTION platform.open_window(p_subscriber text, p_partition int,
                                     OUT o_since text, OUT o_upto text, OUT o_last bigint, OUT o_max bigint)
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  cur pg_snapshot := pg_current_snapshot();
  old pg_snapshot;
  lo bigint;
  hi bigint;
BEGIN
  SELECT CAST(p.upto AS pg_snapshot) INTO old FROM platform.positions p
   WHERE p.subscriber = p_subscriber AND p.partition = p_partition;
  -- What committed between the old window's end and now: its xids are at least the old end's xmin.
  SELECT min(o.seq), max(o.seq) INTO lo, hi FROM platform.outbox o
   WHERE o.xid >= pg_snapshot_xmin(old) AND o.xid < pg_snapshot_xmax(cur)
     AND pg_visible_in_snapshot(o.xid, cur) AND NOT pg_visible_in_snapshot(o.xid, old);
  UPDATE platform.positions p SET since = p.upto, upto = CAST(cur AS text),
         last_seq = COALESCE(lo, 1) - 1, max_seq = COALESCE(hi, 0)
   WHERE p.subscriber = p_subscriber AND p.partition = p_partition
   RETURNING p.since, p.upto, p.last_seq, p.max_seq INTO o_since, o_upto, o_last, o_max;
END $$;

CREATE FUNCTION platform.read_window(p_since text, p_upto text, p_last bigint, p_max bigint, p_partitions int,
                                     p_partition int, p_topics text[], p_types text[], p_limit int)
RETURNS TABLE (seq bigint, id text, type text, version int, topic text, key text, occurred_us bigint, region text,
               traceparent text, payload text)
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
  SELECT o.seq, CAST(o.id AS text), o.type, o.version, o.topic, o.key,
         CAST(extract(epoch FROM o.occurred_at) * 1000000 AS bigint), o.region, o.traceparent, CAST(o.payload AS text)
    FROM platform.outbox o
   WHERE o.seq > p_last AND o.seq <= p_max
     AND pg_visible_in_snapshot(o.xid, CAST(p_upto AS pg_snapshot))
     AND NOT pg_visible_in_snapshot(o.xid, CAST(p_since AS pg_snapshot))
     AND o.key_hash % p_partitions = p_partition
     AND (p_topics IS NULL OR o.topic = ANY (p_topics))
     AND (p_types IS NULL OR o.type = ANY (p_types))
   ORDER BY o.seq LIMIT p_limit;
END $$;
