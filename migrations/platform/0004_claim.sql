-- A dispatcher's pass starts with one call instead of three round trips: lock the partition's
-- position (no rows when another dispatcher holds it), open the next window when this one is
-- done, and read the window's next events for the reader. Every row carries the position; a
-- position with nothing to read comes back as one row without an event. With p_durable false the
-- pass commits without waiting for its WAL flush: a pass lost in a database crash is lost whole
-- (its effects and its position), and the events are handled again.
CREATE FUNCTION platform.claim(p_subscriber text, p_partition int, p_partitions int, p_topics text[],
                               p_types text[], p_limit int, p_durable boolean)
RETURNS TABLE (since text, upto text, last_seq bigint, max_seq bigint, retries_waiting boolean, seq bigint,
               id text, type text, version int, topic text, key text, occurred_us bigint, region text,
               traceparent text, payload text)
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  pos platform.positions%ROWTYPE;
  waiting boolean;
BEGIN
  SELECT * INTO pos FROM platform.positions p
   WHERE p.subscriber = p_subscriber AND p.partition = p_partition FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF NOT p_durable THEN
    PERFORM set_config('synchronous_commit', 'off', true);
  END IF;
  waiting := EXISTS (SELECT 1 FROM platform.retries r WHERE r.subscriber = p_subscriber);
  IF pos.last_seq >= pos.max_seq THEN
    SELECT w.o_since, w.o_upto, w.o_last, w.o_max INTO pos.since, pos.upto, pos.last_seq, pos.max_seq
      FROM platform.open_window(p_subscriber, p_partition) w;
  END IF;
  IF pos.last_seq < pos.max_seq THEN
    RETURN QUERY SELECT pos.since, pos.upto, pos.last_seq, pos.max_seq, waiting, w.*
      FROM platform.read_window(pos.since, pos.upto, pos.last_seq, pos.max_seq, p_partitions, p_partition,
                                p_topics, p_types, p_limit) w;
    IF FOUND THEN
      RETURN;
    END IF;
  END IF;
  RETURN QUERY SELECT pos.since, pos.upto, pos.last_seq, pos.max_seq, waiting, CAST(NULL AS bigint),
    CAST(NULL AS text), CAST(NULL AS text), CAST(NULL AS int), CAST(NULL AS text), CAST(NULL AS text),
    CAST(NULL AS bigint), CAST(NULL AS text), CAST(NULL AS text), CAST(NULL AS text);
END $$;
