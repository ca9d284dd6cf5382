#include "events/outbox_store.hpp"

#include <agora/core/error.hpp>
#include <agora/core/prepared.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <soci/soci.h>

namespace agora::outbox_store {
namespace {

#define AGORA_OUTBOX_EVENT_COLUMNS                                                \
  "CAST(o.id AS text), o.type, o.version, o.topic, o.key, "                     \
  "CAST(extract(epoch FROM o.occurred_at) * 1000000 AS bigint), o.region, o.traceparent, CAST(o.payload AS text)"

// Reads the event columns starting at column `first` of a row selected with AGORA_OUTBOX_EVENT_COLUMNS.
Event event_from_row(const prepared::Rows& rows, int row, int first) {
  Event e;
  e.id = rows.text(row, first);
  e.type = rows.text(row, first + 1);
  e.version = static_cast<int>(rows.get<std::int64_t>(row, first + 2));
  e.topic = rows.text(row, first + 3);
  e.key = rows.text(row, first + 4);
  e.occurred_at = Timestamp(std::chrono::microseconds(rows.get<std::int64_t>(row, first + 5)));
  e.region = rows.text(row, first + 6);
  e.traceparent = rows.text(row, first + 7);
  e.payload = boost::json::parse(rows.text(row, first + 8));
  return e;
}

// The reader's filter on an outbox row `o` as parameters $1 to $4 of a statement (AGORA_OUTBOX_FILTER).
std::vector<prepared::Param> filter_params(const Reader& r) {
  return {std::to_string(r.partitions), std::to_string(r.partition),
          r.topics.empty() ? prepared::Param(std::nullopt) : prepared::Param(r.topics),
          r.types.empty() ? prepared::Param(std::nullopt) : prepared::Param(r.types)};
}
// The parameters of a statement with the reader's filter ($1 to $4) and then its own ($5 on).
std::vector<prepared::Param> with_filter(const Reader& r, std::vector<prepared::Param> own) {
  auto params = filter_params(r);
  params.insert(params.end(), std::make_move_iterator(own.begin()), std::make_move_iterator(own.end()));
  return params;
}
#define AGORA_OUTBOX_FILTER                                                       \
  " AND o.key_hash % CAST($1 AS int) = CAST($2 AS int)"                         \
  " AND (CAST($3 AS text[]) IS NULL OR o.topic = ANY (CAST($3 AS text[])))"     \
  " AND (CAST($4 AS text[]) IS NULL OR o.type = ANY (CAST($4 AS text[])))"

}  // namespace

void append(soci::session& sql, const std::vector<Event>& events) {
  boost::json::array rows;
  for (const auto& e : events)
    rows.push_back({{"id", e.id}, {"topic", e.topic}, {"type", e.type}, {"version", e.version}, {"key", e.key},
                    {"lock", "agora.events/" + e.topic + "/" + e.key}, {"occurred_at", to_rfc3339(e.occurred_at)},
                    {"region", e.region}, {"traceparent", e.traceparent}, {"payload", e.payload}});
  // The aggregate over the locks is computed before the join yields any row to insert.
  prepared::run(sql,
                "WITH given AS (SELECT e, i FROM json_array_elements(CAST($1 AS json)) WITH ORDINALITY AS t(e, i)),"
                " locked AS (SELECT count(pg_advisory_xact_lock(h)) AS n FROM"
                "   (SELECT DISTINCT hashtextextended(e->>'lock', 0) AS h FROM given ORDER BY h) AS keys)"
                " INSERT INTO platform.outbox (id, topic, type, version, key, occurred_at, region, traceparent, payload)"
                " SELECT CAST(e->>'id' AS uuid), e->>'topic', e->>'type', CAST(e->>'version' AS int), e->>'key',"
                " CAST(e->>'occurred_at' AS timestamptz), e->>'region', e->>'traceparent', CAST(e->'payload' AS jsonb)"
                " FROM given, locked WHERE locked.n >= 0 ORDER BY i",
                {boost::json::serialize(rows)});
}

void announce(soci::session& sql, const std::string& topics, const std::string& notices) {
  prepared::run(sql, "SELECT pg_notify('agora_events', $1), pg_notify('agora_notices', $2)", {topics, notices});
}

void ensure_positions(soci::session& sql, const std::string& subscriber, int partitions) {
  int stored = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT max(partition) + 1 FROM platform.positions WHERE subscriber = :s", soci::use(subscriber),
      soci::into(stored, ind);
  if (ind == soci::i_ok && stored != partitions)
    throw Error(ErrorKind::internal, "subscriber " + subscriber + " was run with " + std::to_string(stored) +
                                         " workers and is now given " + std::to_string(partitions) +
                                         ": keys would move between partitions and lose their place");
  sql << "INSERT INTO platform.positions (subscriber, partition, since, upto, last_seq, max_seq)"
         " SELECT :s, p, CAST(pg_current_snapshot() AS text), CAST(pg_current_snapshot() AS text), 0, 0"
         " FROM generate_series(0, CAST(:n AS int) - 1) AS p ON CONFLICT DO NOTHING",
      soci::use(subscriber, "s"), soci::use(partitions, "n");
}

void save_position(soci::session& sql, const Reader& reader, long long last_seq) {
  prepared::run(sql,
                "UPDATE platform.positions SET last_seq = CAST($1 AS bigint)"
                " WHERE subscriber = $2 AND partition = CAST($3 AS int)",
                {std::to_string(last_seq), reader.subscriber, std::to_string(reader.partition)});
}

std::optional<Claim> claim(soci::session& sql, const Reader& reader, int limit, bool durable) {
  const auto rows = prepared::run(
      sql,
      "SELECT since, upto, last_seq, max_seq, retries_waiting, seq, id, type, version, topic, key, occurred_us, region,"
      " traceparent, payload FROM platform.claim($5, CAST($2 AS int), CAST($1 AS int), CAST($3 AS text[]),"
      " CAST($4 AS text[]), CAST($6 AS int), CAST($7 AS boolean))",
      with_filter(reader, {reader.subscriber, std::to_string(limit), durable ? "true" : "false"}));
  if (rows.size() == 0) return std::nullopt;
  Claim claimed{{std::string(rows.text(0, 0)), std::string(rows.text(0, 1)), rows.get<std::int64_t>(0, 2), rows.get<std::int64_t>(0, 3),
                 rows.get<bool>(0, 4)},
                {}};
  for (int i = 0; i < rows.size(); ++i)
    if (!rows.null(i, 5)) claimed.events.push_back({rows.get<std::int64_t>(i, 5), event_from_row(rows, i, 6)});
  return claimed;
}

std::unordered_set<std::string> waiting_keys(soci::session& sql, const Reader& reader) {
  const auto rows = prepared::run(sql,
                                  "SELECT DISTINCT r.key FROM platform.retries r"
                                  " JOIN platform.outbox o ON o.seq = r.event_seq WHERE r.subscriber = $5"
                                  AGORA_OUTBOX_FILTER,
                                  with_filter(reader, {reader.subscriber}));
  std::unordered_set<std::string> keys;
  for (int i = 0; i < rows.size(); ++i) keys.emplace(rows.text(i, 0));
  return keys;
}

std::vector<Retry> due_retries(soci::session& sql, const Reader& reader, int limit) {
  const auto rows = prepared::run(
      sql,
      "SELECT r.id, r.attempts, " AGORA_OUTBOX_EVENT_COLUMNS
      " FROM platform.retries r JOIN platform.outbox o ON o.seq = r.event_seq"
      " WHERE r.subscriber = $5 AND r.next_attempt_at <= now()"
      "   AND NOT EXISTS (SELECT 1 FROM platform.retries q"
      "                   WHERE q.subscriber = r.subscriber AND q.key = r.key AND q.id < r.id)" AGORA_OUTBOX_FILTER
      " ORDER BY r.id LIMIT CAST($6 AS int)",
      with_filter(reader, {reader.subscriber, std::to_string(limit)}));
  std::vector<Retry> out;
  for (int i = 0; i < rows.size(); ++i)
    out.push_back({rows.get<std::int64_t>(i, 0), static_cast<int>(rows.get<std::int64_t>(i, 1)), event_from_row(rows, i, 2)});
  return out;
}

void wait_for_retry(soci::session& sql, const std::string& subscriber, long long seq, const std::string& key,
                    int attempts, const std::string& error, std::chrono::milliseconds delay) {
  const double seconds = static_cast<double>(delay.count()) / 1000.0;
  soci::indicator error_ind = error.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO platform.retries (event_seq, subscriber, key, attempts, last_error, next_attempt_at)"
         " VALUES (CAST(:seq AS bigint), :s, :k, CAST(:a AS int), :e, now() + make_interval(secs => CAST(:d AS float8)))",
      soci::use(seq, "seq"), soci::use(subscriber, "s"), soci::use(key, "k"), soci::use(attempts, "a"),
      soci::use(error, error_ind, "e"), soci::use(seconds, "d");
}

void remove_retries(soci::session& sql, const std::vector<long long>& retry_ids) {
  if (retry_ids.empty()) return;
  const auto json = boost::json::serialize(boost::json::array(retry_ids.begin(), retry_ids.end()));
  sql << "DELETE FROM platform.retries WHERE id IN"
         " (SELECT CAST(json_array_elements_text(CAST(:ids AS json)) AS bigint))",
      soci::use(json);
}

void schedule_retry(soci::session& sql, long long retry_id, int attempts, const std::string& error,
                    std::chrono::milliseconds delay) {
  const double seconds = static_cast<double>(delay.count()) / 1000.0;
  sql << "UPDATE platform.retries SET attempts = CAST(:attempts AS int), last_error = :error,"
         " next_attempt_at = now() + make_interval(secs => CAST(:delay AS float8)) WHERE id = CAST(:id AS bigint)",
      soci::use(attempts, "attempts"), soci::use(error, "error"), soci::use(seconds, "delay"), soci::use(retry_id, "id");
}

void dead_letter_retry(soci::session& sql, long long retry_id, int attempts, const std::string& error) {
  sql << "INSERT INTO platform.dead_letters (event_seq, subscriber, key, attempts, last_error)"
         " SELECT event_seq, subscriber, key, CAST(:attempts AS int), :error FROM platform.retries"
         " WHERE id = CAST(:id AS bigint)",
      soci::use(attempts, "attempts"), soci::use(error, "error"), soci::use(retry_id, "id");
  remove_retries(sql, {retry_id});
}

void dead_letter_event(soci::session& sql, const std::string& subscriber, long long seq, const std::string& key,
                       int attempts, const std::string& error) {
  sql << "INSERT INTO platform.dead_letters (event_seq, subscriber, key, attempts, last_error)"
         " VALUES (CAST(:seq AS bigint), :s, :k, CAST(:a AS int), :e)",
      soci::use(seq, "seq"), soci::use(subscriber, "s"), soci::use(key, "k"), soci::use(attempts, "a"),
      soci::use(error, "e");
}

std::vector<DeadLetter> dead_letters(soci::session& sql, std::size_t limit, long long after_id) {
  const auto rows = prepared::run(sql,
                                  "SELECT x.id, x.subscriber, x.attempts, x.last_error,"
                                  " CAST(extract(epoch FROM x.failed_at) * 1000000 AS bigint), " AGORA_OUTBOX_EVENT_COLUMNS
                                  " FROM platform.dead_letters x JOIN platform.outbox o ON o.seq = x.event_seq"
                                  " WHERE x.id > CAST($1 AS bigint) ORDER BY x.id LIMIT CAST($2 AS bigint)",
                                  {std::to_string(after_id), std::to_string(limit)});
  std::vector<DeadLetter> out;
  for (int i = 0; i < rows.size(); ++i) {
    DeadLetter d;
    d.id = rows.get<std::int64_t>(i, 0);
    d.subscriber = rows.text(i, 1);
    d.attempts = static_cast<int>(rows.get<std::int64_t>(i, 2));
    d.last_error = rows.text(i, 3);
    d.failed_at = Timestamp(std::chrono::microseconds(rows.get<std::int64_t>(i, 4)));
    d.event = event_from_row(rows, i, 5);
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<std::string> dead_letter_subscriber(soci::session& sql, long long id) {
  std::string subscriber;
  soci::indicator ind = soci::i_null;
  sql << "SELECT subscriber FROM platform.dead_letters WHERE id = CAST(:id AS bigint) FOR UPDATE", soci::use(id),
      soci::into(subscriber, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return subscriber;
}

void requeue_dead_letter(soci::session& sql, long long id) {
  sql << "INSERT INTO platform.retries (event_seq, subscriber, key)"
         " SELECT event_seq, subscriber, key FROM platform.dead_letters WHERE id = CAST(:id AS bigint)",
      soci::use(id);
  sql << "DELETE FROM platform.dead_letters WHERE id = CAST(:id AS bigint)", soci::use(id);
  sql << "SELECT pg_notify('agora_events', '')";
}

Stats stats(soci::session& sql, const Reader& reader) {
  // Not passed yet: not visible in the window's start, and not done within the window.
  const auto rows = prepared::run(
      sql,
      "SELECT count(*), CAST(COALESCE(extract(epoch FROM clock_timestamp() - min(o.created_at)), 0) AS float8)"
      " FROM platform.positions p JOIN platform.outbox o"
      "   ON o.xid >= pg_snapshot_xmin(CAST(p.since AS pg_snapshot))"
      "  AND NOT pg_visible_in_snapshot(o.xid, CAST(p.since AS pg_snapshot))"
      "  AND NOT (pg_visible_in_snapshot(o.xid, CAST(p.upto AS pg_snapshot)) AND o.seq <= p.last_seq)"
      " WHERE p.subscriber = $5 AND p.partition = CAST($2 AS int)" AGORA_OUTBOX_FILTER,
      with_filter(reader, {reader.subscriber}));
  Stats s;
  s.backlog = rows.get<std::int64_t>(0, 0);
  s.oldest_age_seconds = std::stod(std::string(rows.text(0, 1)));
  if (reader.partition == 0) {  // the subscriber's retries, counted once
    long long retries = 0;
    sql << "SELECT count(*) FROM platform.retries WHERE subscriber = :s", soci::use(reader.subscriber),
        soci::into(retries);
    s.backlog += retries;
  }
  return s;
}

long long dead_letter_count(soci::session& sql) {
  long long n = 0;
  sql << "SELECT count(*) FROM platform.dead_letters", soci::into(n);
  return n;
}

long long prune(soci::session& sql, std::chrono::hours retention) {
  const long long hours = retention.count();
  soci::statement st =
      (sql.prepare << "DELETE FROM platform.outbox WHERE seq IN ("
                      " SELECT o.seq FROM platform.outbox o"
                      " WHERE o.created_at < now() - make_interval(hours => CAST(:hours AS int))"
                      "   AND NOT EXISTS (SELECT 1 FROM platform.positions p"
                      "                   WHERE NOT pg_visible_in_snapshot(o.xid, CAST(p.since AS pg_snapshot)))"
                      "   AND NOT EXISTS (SELECT 1 FROM platform.retries r WHERE r.event_seq = o.seq)"
                      "   AND NOT EXISTS (SELECT 1 FROM platform.dead_letters x WHERE x.event_seq = o.seq)"
                      " LIMIT 10000)",
       soci::use(hours));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace agora::outbox_store
