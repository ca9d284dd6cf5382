-- open_window's generic plan (0003) read min(seq) and max(seq) of the new window through the
-- primary key, filtering every row of the outbox until one matched: planned once the outbox was
-- large (an hour of a busy shop, or a backlog), each pass cost a scan of the whole table (3.6 s
-- at 400,000 rows) and every dispatcher fell behind. OFFSET 0 keeps the aggregate over the rows
-- that the xid index finds, whatever the table's size when the plan is made.
CREATE OR REPLACE FUNCTION platform.open_window(p_subscriber text, p_partition int,
                                               OUT o_since text, OUT o_upto text, OUT o_last bigint,
                                               OUT o_max bigint)
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
  SELECT min(w.seq), max(w.seq) INTO lo, hi FROM (
    SELECT o.seq FROM platform.outbox o
     WHERE o.xid >= pg_snapshot_xmin(old) AND o.xid < pg_snapshot_xmax(cur)
       AND pg_visible_in_snapshot(o.xid, cur) AND NOT pg_visible_in_snapshot(o.xid, old)
    OFFSET 0) w;
  UPDATE platform.positions p SET since = p.upto, upto = CAST(cur AS text),
         last_seq = COALESCE(lo, 1) - 1, max_seq = COALESCE(hi, 0)
   WHERE p.subscriber = p_subscriber AND p.partition = p_partition
   RETURNING p.since, p.upto, p.last_seq, p.max_seq INTO o_since, o_upto, o_last, o_max;
END $$;
