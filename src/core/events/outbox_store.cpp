#include "events/outbox_store.hpp"

#include <agora/core/error.hpp>
#include <agora/core/json_text.hpp>
#include <agora/core/prepared.hpp>

#include <soci/soci.h>
#include <boost/json/parse.hpp>

namespace agora::outbox_store {
namespace {

#define AGORA_OUTBOX_EVENT_COLUMNS \
  "o.id, o.type, o.version, o.topic, o.key, o.occurred_at, o.region, o.traceparent, o.payload"

// Reads an event from a row with the AGORA_OUTBOX_EVENT_COLUMNS.
Event event_from_row(const prepared::Rows& rows, int row) {
  Event e = rows.as<Event>(row);
  e.payload = boost::json::parse(rows.get<std::string>(row, "payload"));
  return e;
}

// The reader's filter on an outbox row `o` as parameters $1 to $4 of a statement (AGORA_OUTBOX_FILTER).
std::vector<prepared::Param> filter_params(const Reader& r) {
  return {r.partitions, r.partition, r.topics.empty() ? prepared::Param(std::nullopt) : prepared::Param(r.topics),
          r.types.empty() ? prepared::Param(std::nullopt) : prepared::Param(r.types)};
}
// The parameters of a statement with the reader's filter ($1 to $4) and then its own ($5 on).
std::vector<prepared::Param> with_filter(const Reader& r, std::vector<prepared::Param> own) {
  auto params = filter_params(r);
  params.insert(params.end(), std::make_move_iterator(own.begin()), std::make_move_iterator(own.end()));
  return params;
}
#define AGORA_OUTBOX_FILTER                                 \
  " AND o.key_hash % $1::int = $2::int"                     \
  " AND ($3::text[] IS NULL OR o.topic = ANY ($3::text[]))" \
  " AND ($4::text[] IS NULL OR o.type = ANY ($4::text[]))"

// Up to this many events are appended with one INSERT; more with COPY, far cheaper per row but
// a round trip more.
constexpr std::size_t kFewEvents = 32;

// Takes the locks of the keys in $1 (text[]), in one order for every writer.
#define AGORA_OUTBOX_KEY_LOCKS                       \
  "SELECT count(pg_advisory_xact_lock(h)) AS n FROM" \
  " (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(CAST($1 AS text[])) AS k ORDER BY h) AS keys"

}  // namespace

void append(soci::session& sql, const std::vector<Event>& events) {
  // Each key's events are appended under its lock, so that they commit in the order of their seq.
  std::vector<std::string> locks;
  for (const auto& e : events) locks.push_back("agora.events/" + e.topic + "/" + e.key);
  if (events.size() <= kFewEvents) {
    // One round trip: the locks are the statement's first step (an InitPlan), then the rows, in order.
    std::vector<std::string> ids, topics, types, versions, keys, times, regions, traces, payloads;
    for (const auto& e : events) {
      ids.push_back(e.id);
      topics.push_back(e.topic);
      types.push_back(e.type);
      versions.push_back(std::to_string(e.version));
      keys.push_back(e.key);
      times.push_back(prepared::timestamptz_text(e.occurred_at));
      regions.push_back(e.region);
      traces.push_back(e.traceparent);
      payloads.push_back(json_text::serialize(e.payload));
    }
    prepared::run(
        sql,
        "INSERT INTO platform.outbox (id, topic, type, version, key, occurred_at, region, traceparent, payload)"
        " SELECT CAST(e.id AS uuid), e.topic, e.type, CAST(e.version AS int), e.key,"
        "        CAST(e.occurred_at AS timestamptz), e.region, e.traceparent, CAST(e.payload AS jsonb)"
        " FROM unnest(CAST($2 AS text[]), CAST($3 AS text[]), CAST($4 AS text[]), CAST($5 AS text[]),"
        "             CAST($6 AS text[]), CAST($7 AS text[]), CAST($8 AS text[]), CAST($9 AS text[]),"
        "             CAST($10 AS text[])) WITH ORDINALITY"
        "   AS e(id, topic, type, version, key, occurred_at, region, traceparent, payload, n)"
        " WHERE (" AGORA_OUTBOX_KEY_LOCKS ") >= 0 ORDER BY e.n",
        {locks, ids, topics, types, versions, keys, times, regions, traces, payloads});
    return;
  }
  prepared::run(sql, AGORA_OUTBOX_KEY_LOCKS, {locks});
  prepared::CopyRows rows;
  for (const auto& e : events) {
    rows.field(e.id).field(e.topic).field(e.type).field(e.version).field(e.key);
    rows.field(prepared::timestamptz_text(e.occurred_at)).field(e.region).field(e.traceparent);
    rows.field(json_text::serialize(e.payload));
    rows.end_row();
  }
  prepared::copy(sql, "platform.outbox (id, topic, type, version, key, occurred_at, region, traceparent, payload)",
                 rows);
}

void announce(soci::session& sql, const std::string& topics, const std::string& notices) {
  prepared::run(sql, "SELECT pg_notify('agora_events', $1), pg_notify('agora_notices', $2)", {topics, notices});
}

void ensure_positions(soci::session& sql, const std::string& subscriber, int partitions) {
  const auto stored = prepared::run(sql,
                                    "SELECT max(partition) + 1 AS partitions FROM platform.positions"
                                    " WHERE subscriber = $1",
                                    {subscriber})
                          .get<std::optional<int>>(0, "partitions");
  if (stored && *stored != partitions)
    throw Error(ErrorKind::internal, "subscriber " + subscriber + " was run with " + std::to_string(*stored) +
                                         " workers and is now given " + std::to_string(partitions) +
                                         ": keys would move between partitions and lose their place");
  prepared::run(sql,
                "INSERT INTO platform.positions (subscriber, partition, since, upto, last_seq, max_seq)"
                " SELECT $1, p, pg_current_snapshot()::text, pg_current_snapshot()::text, 0, 0"
                " FROM generate_series(0, $2::int - 1) AS p ON CONFLICT DO NOTHING",
                {subscriber, partitions});
}

void save_position(soci::session& sql, const Reader& reader, long long last_seq) {
  prepared::run(sql, "UPDATE platform.positions SET last_seq = $1 WHERE subscriber = $2 AND partition = $3",
                {last_seq, reader.subscriber, reader.partition});
}

std::optional<Claim> claim(soci::session& sql, const Reader& reader, int limit, bool durable) {
  const auto rows = prepared::run(
      sql,
      "SELECT since, upto, last_seq, max_seq, retries_waiting, seq, id, type, version, topic, key,"
      " timestamptz 'epoch' + occurred_us * interval '1 microsecond' AS occurred_at, region, traceparent, payload"
      " FROM platform.claim($5, $2::int, $1::int, $3::text[], $4::text[], $6::int, $7::boolean)",
      with_filter(reader, {reader.subscriber, limit, durable}));
  if (rows.empty()) return std::nullopt;
  Claim claimed{rows.as<Position>(0), {}};
  for (int i = 0; i < rows.size(); ++i)
    if (!rows.null(i, "seq")) claimed.events.push_back({rows.get<std::int64_t>(i, "seq"), event_from_row(rows, i)});
  return claimed;
}

std::unordered_set<std::string> waiting_keys(soci::session& sql, const Reader& reader) {
  const auto rows =
      prepared::run(sql,
                    "SELECT DISTINCT r.key FROM platform.retries r"
                    " JOIN platform.outbox o ON o.seq = r.event_seq WHERE r.subscriber = $5" AGORA_OUTBOX_FILTER,
                    with_filter(reader, {reader.subscriber}));
  std::unordered_set<std::string> keys;
  for (int i = 0; i < rows.size(); ++i) keys.insert(rows.get<std::string>(i, "key"));
  return keys;
}

std::vector<Retry> due_retries(soci::session& sql, const Reader& reader, int limit) {
  const auto rows = prepared::run(
      sql,
      "SELECT r.id AS retry_id, r.attempts, " AGORA_OUTBOX_EVENT_COLUMNS
      " FROM platform.retries r JOIN platform.outbox o ON o.seq = r.event_seq"
      " WHERE r.subscriber = $5 AND r.next_attempt_at <= now()"
      "   AND NOT EXISTS (SELECT 1 FROM platform.retries q"
      "                   WHERE q.subscriber = r.subscriber AND q.key = r.key AND q.id < r.id)" AGORA_OUTBOX_FILTER
      " ORDER BY r.id LIMIT $6::int",
      with_filter(reader, {reader.subscriber, limit}));
  std::vector<Retry> out;
  for (int i = 0; i < rows.size(); ++i)
    out.push_back({rows.get<std::int64_t>(i, "retry_id"), rows.get<int>(i, "attempts"), event_from_row(rows, i)});
  return out;
}

void wait_for_retry(soci::session& sql, const std::string& subscriber, long long seq, const std::string& key,
                    int attempts, const std::string& error, std::chrono::milliseconds delay) {
  prepared::run(sql,
                "INSERT INTO platform.retries (event_seq, subscriber, key, attempts, last_error, next_attempt_at)"
                " VALUES ($1, $2, $3, $4, $5, now() + $6::bigint * interval '1 millisecond')",
                {seq, subscriber, key, attempts, error.empty() ? prepared::Param(std::nullopt) : error, delay.count()});
}

void remove_retries(soci::session& sql, const std::vector<long long>& retry_ids) {
  if (retry_ids.empty()) return;
  std::vector<std::string> ids;
  for (const auto id : retry_ids) ids.push_back(std::to_string(id));
  prepared::run(sql, "DELETE FROM platform.retries WHERE id = ANY ($1::bigint[])", {ids});
}

void schedule_retry(soci::session& sql, long long retry_id, int attempts, const std::string& error,
                    std::chrono::milliseconds delay) {
  prepared::run(sql,
                "UPDATE platform.retries SET attempts = $2, last_error = $3,"
                " next_attempt_at = now() + $4::bigint * interval '1 millisecond' WHERE id = $1",
                {retry_id, attempts, error, delay.count()});
}

void dead_letter_retry(soci::session& sql, long long retry_id, int attempts, const std::string& error) {
  prepared::run(sql,
                "INSERT INTO platform.dead_letters (event_seq, subscriber, key, attempts, last_error)"
                " SELECT event_seq, subscriber, key, $2::int, $3 FROM platform.retries WHERE id = $1",
                {retry_id, attempts, error});
  remove_retries(sql, {retry_id});
}

void dead_letter_event(soci::session& sql, const std::string& subscriber, long long seq, const std::string& key,
                       int attempts, const std::string& error) {
  prepared::run(sql,
                "INSERT INTO platform.dead_letters (event_seq, subscriber, key, attempts, last_error)"
                " VALUES ($1, $2, $3, $4, $5)",
                {seq, subscriber, key, attempts, error});
}

std::vector<DeadLetter> dead_letters(soci::session& sql, std::size_t limit, long long after_id) {
  const auto rows = prepared::run(
      sql,
      "SELECT x.id AS dead_letter_id, x.subscriber, x.attempts, x.last_error, x.failed_at, " AGORA_OUTBOX_EVENT_COLUMNS
      " FROM platform.dead_letters x JOIN platform.outbox o ON o.seq = x.event_seq"
      " WHERE x.id > $1 ORDER BY x.id LIMIT $2",
      {after_id, limit});
  std::vector<DeadLetter> out;
  for (int i = 0; i < rows.size(); ++i) {
    DeadLetter d;
    d.id = rows.get<std::int64_t>(i, "dead_letter_id");
    d.subscriber = rows.get<std::string>(i, "subscriber");
    d.attempts = rows.get<int>(i, "attempts");
    d.last_error = rows.get<std::optional<std::string>>(i, "last_error").value_or("");
    d.failed_at = rows.get<Timestamp>(i, "failed_at");
    d.event = event_from_row(rows, i);
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<std::string> dead_letter_subscriber(soci::session& sql, long long id) {
  const auto rows = prepared::run(sql, "SELECT subscriber FROM platform.dead_letters WHERE id = $1 FOR UPDATE", {id});
  if (rows.empty()) return std::nullopt;
  return rows.get<std::string>(0, "subscriber");
}

void requeue_dead_letter(soci::session& sql, long long id) {
  prepared::run(sql,
                "INSERT INTO platform.retries (event_seq, subscriber, key)"
                " SELECT event_seq, subscriber, key FROM platform.dead_letters WHERE id = $1",
                {id});
  prepared::run(sql, "DELETE FROM platform.dead_letters WHERE id = $1", {id});
  prepared::run(sql, "SELECT pg_notify('agora_events', '')");
}

Stats stats(soci::session& sql, const Reader& reader) {
  // Not passed yet: not visible in the window's start, and not done within the window.
  const auto rows = prepared::run(
      sql,
      "SELECT count(*) AS backlog,"
      " COALESCE(extract(epoch FROM clock_timestamp() - min(o.created_at)), 0)::float8 AS oldest_age_seconds"
      " FROM platform.positions p JOIN platform.outbox o"
      "   ON o.xid >= pg_snapshot_xmin(CAST(p.since AS pg_snapshot))"
      "  AND NOT pg_visible_in_snapshot(o.xid, CAST(p.since AS pg_snapshot))"
      "  AND NOT (pg_visible_in_snapshot(o.xid, CAST(p.upto AS pg_snapshot)) AND o.seq <= p.last_seq)"
      " WHERE p.subscriber = $5 AND p.partition = CAST($2 AS int)" AGORA_OUTBOX_FILTER,
      with_filter(reader, {reader.subscriber}));
  Stats s;
  s.backlog = rows.get<std::int64_t>(0, "backlog");
  s.oldest_age_seconds = rows.get<double>(0, "oldest_age_seconds");
  if (reader.partition == 0) {  // the subscriber's retries, counted once
    s.backlog +=
        prepared::run(sql, "SELECT count(*) AS n FROM platform.retries WHERE subscriber = $1", {reader.subscriber})
            .get<std::int64_t>(0, "n");
  }
  return s;
}

long long dead_letter_count(soci::session& sql) {
  return prepared::run(sql, "SELECT count(*) AS n FROM platform.dead_letters").get<std::int64_t>(0, "n");
}

long long prune(soci::session& sql, std::chrono::hours retention) {
  return prepared::run(sql,
                       "DELETE FROM platform.outbox WHERE seq IN ("
                       " SELECT o.seq FROM platform.outbox o"
                       " WHERE o.created_at < now() - $1::bigint * interval '1 hour'"
                       "   AND NOT EXISTS (SELECT 1 FROM platform.positions p"
                       "                   WHERE NOT pg_visible_in_snapshot(o.xid, p.since::pg_snapshot))"
                       "   AND NOT EXISTS (SELECT 1 FROM platform.retries r WHERE r.event_seq = o.seq)"
                       "   AND NOT EXISTS (SELECT 1 FROM platform.dead_letters x WHERE x.event_seq = o.seq)"
                       " LIMIT 10000)",
                       {retention.count()})
      .affected();
}

}  // namespace agora::outbox_store
