#include "events/outbox_store.hpp"

#include <agora/core/error.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <soci/soci.h>

namespace agora::outbox_store {
namespace {

constexpr const char* kEventColumns =
    "CAST(o.id AS text), o.type, o.version, o.topic, o.key, "
    "CAST(extract(epoch FROM o.occurred_at) * 1000000 AS bigint), o.region, o.traceparent, CAST(o.payload AS text)";

// Reads the event columns starting at column `first` of a row selected with kEventColumns.
Event event_from_row(const soci::row& r, std::size_t first) {
  Event e;
  e.id = r.get<std::string>(first);
  e.type = r.get<std::string>(first + 1);
  e.version = r.get<int>(first + 2);
  e.topic = r.get<std::string>(first + 3);
  e.key = r.get<std::string>(first + 4);
  e.occurred_at = Timestamp(std::chrono::microseconds(r.get<long long>(first + 5)));
  e.region = r.get<std::string>(first + 6);
  e.traceparent = r.get<std::string>(first + 7);
  e.payload = boost::json::parse(r.get<std::string>(first + 8));
  return e;
}

// A text[] literal ("{}" for none): topics and types are code constants, quoted all the same.
std::string text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (const auto& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// The reader's filter on an outbox row `o` (kFilterSql), as the values its binds take.
struct Filter {
  int partitions, partition, all_topics, all_types;
  std::string topics, types;
  explicit Filter(const Reader& r)
      : partitions(r.partitions),
        partition(r.partition),
        all_topics(r.topics.empty() ? 1 : 0),
        all_types(r.types.empty() ? 1 : 0),
        topics(text_array(r.topics)),
        types(text_array(r.types)) {}
};
// Binds a Filter's values to a statement being built with kFilterSql.
template <class Statement>
Statement& bind_filter(Statement&& st, const Filter& f) {
  st, soci::use(f.partitions, "parts"), soci::use(f.partition, "part"), soci::use(f.all_topics, "all_topics"),
      soci::use(f.topics, "topics"), soci::use(f.all_types, "all_types"), soci::use(f.types, "types");
  return st;
}
constexpr const char* kFilterSql =
    " AND o.key_hash % CAST(:parts AS int) = CAST(:part AS int)"
    " AND (CAST(:all_topics AS int) = 1 OR o.topic = ANY (CAST(:topics AS text[])))"
    " AND (CAST(:all_types AS int) = 1 OR o.type = ANY (CAST(:types AS text[])))";

}  // namespace

void append(soci::session& sql, const std::vector<Event>& events) {
  boost::json::array rows;
  for (const auto& e : events)
    rows.push_back({{"id", e.id}, {"topic", e.topic}, {"type", e.type}, {"version", e.version}, {"key", e.key},
                    {"lock", "agora.events/" + e.topic + "/" + e.key}, {"occurred_at", to_rfc3339(e.occurred_at)},
                    {"region", e.region}, {"traceparent", e.traceparent}, {"payload", e.payload}});
  const auto json = boost::json::serialize(rows);
  // The aggregate over the locks is computed before the join yields any row to insert.
  sql << "WITH given AS (SELECT e, i FROM json_array_elements(CAST(:rows AS json)) WITH ORDINALITY AS t(e, i)),"
         " locked AS (SELECT count(pg_advisory_xact_lock(h)) AS n FROM"
         "   (SELECT DISTINCT hashtextextended(e->>'lock', 0) AS h FROM given ORDER BY h) AS keys)"
         " INSERT INTO platform.outbox (id, topic, type, version, key, occurred_at, region, traceparent, payload)"
         " SELECT CAST(e->>'id' AS uuid), e->>'topic', e->>'type', CAST(e->>'version' AS int), e->>'key',"
         " CAST(e->>'occurred_at' AS timestamptz), e->>'region', e->>'traceparent', CAST(e->'payload' AS jsonb)"
         " FROM given, locked WHERE locked.n >= 0 ORDER BY i",
      soci::use(json);
}

void announce(soci::session& sql, const std::string& notices) {
  sql << "SELECT pg_notify('agora_events', ''), pg_notify('agora_notices', :n)", soci::use(notices);
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

std::optional<Position> lock_position(soci::session& sql, const Reader& reader) {
  Position p;
  int retries = 0;
  sql << "SELECT since, upto, last_seq, max_seq,"
         " CAST(EXISTS (SELECT 1 FROM platform.retries r WHERE r.subscriber = p.subscriber) AS int)"
         " FROM platform.positions p WHERE subscriber = :s AND partition = CAST(:p AS int) FOR UPDATE SKIP LOCKED",
      soci::use(reader.subscriber, "s"), soci::use(reader.partition, "p"), soci::into(p.since), soci::into(p.upto),
      soci::into(p.last_seq), soci::into(p.max_seq), soci::into(retries);
  if (!sql.got_data()) return std::nullopt;
  p.retries_waiting = retries != 0;
  return p;
}

Position open_window(soci::session& sql, const Reader& reader) {
  Position p;
  sql << "SELECT o_since, o_upto, o_last, o_max FROM platform.open_window(:s, CAST(:p AS int))",
      soci::use(reader.subscriber, "s"), soci::use(reader.partition, "p"), soci::into(p.since), soci::into(p.upto),
      soci::into(p.last_seq), soci::into(p.max_seq);
  return p;
}

void save_position(soci::session& sql, const Reader& reader, long long last_seq) {
  sql << "UPDATE platform.positions SET last_seq = CAST(:last AS bigint)"
         " WHERE subscriber = :s AND partition = CAST(:p AS int)",
      soci::use(last_seq, "last"), soci::use(reader.subscriber, "s"), soci::use(reader.partition, "p");
}

std::vector<LogEvent> read_window(soci::session& sql, const Reader& reader, const Position& position, int limit) {
  const Filter f(reader);
  soci::indicator topics_ind = f.all_topics ? soci::i_null : soci::i_ok;
  soci::indicator types_ind = f.all_types ? soci::i_null : soci::i_ok;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT seq, id, type, version, topic, key, occurred_us, region, traceparent, payload"
                      " FROM platform.read_window(:since, :upto, CAST(:last AS bigint), CAST(:max AS bigint),"
                      " CAST(:parts AS int), CAST(:part AS int), CAST(:topics AS text[]), CAST(:types AS text[]),"
                      " CAST(:limit AS int))",
       soci::use(position.since, "since"), soci::use(position.upto, "upto"), soci::use(position.last_seq, "last"),
       soci::use(position.max_seq, "max"), soci::use(f.partitions, "parts"), soci::use(f.partition, "part"),
       soci::use(f.topics, topics_ind, "topics"), soci::use(f.types, types_ind, "types"), soci::use(limit, "limit"));
  std::vector<LogEvent> out;
  for (const auto& r : rows) out.push_back({r.get<long long>(0), event_from_row(r, 1)});
  return out;
}

std::unordered_set<std::string> waiting_keys(soci::session& sql, const Reader& reader) {
  const Filter f(reader);
  soci::rowset<std::string> rows =
      (bind_filter(sql.prepare << std::string("SELECT DISTINCT r.key FROM platform.retries r"
                                              " JOIN platform.outbox o ON o.seq = r.event_seq WHERE r.subscriber = :s") +
                                      kFilterSql,
                   f),
       soci::use(reader.subscriber, "s"));
  return {rows.begin(), rows.end()};
}

std::vector<Retry> due_retries(soci::session& sql, const Reader& reader, int limit) {
  const Filter f(reader);
  soci::rowset<soci::row> rows =
      (bind_filter(sql.prepare << std::string("SELECT r.id, r.attempts, ") + kEventColumns +
                          " FROM platform.retries r JOIN platform.outbox o ON o.seq = r.event_seq"
                          " WHERE r.subscriber = :s AND r.next_attempt_at <= now()"
                          "   AND NOT EXISTS (SELECT 1 FROM platform.retries q"
                          "                   WHERE q.subscriber = r.subscriber AND q.key = r.key AND q.id < r.id)" +
                                      kFilterSql + " ORDER BY r.id LIMIT CAST(:limit AS int)",
                   f),
       soci::use(reader.subscriber, "s"), soci::use(limit, "limit"));
  std::vector<Retry> out;
  for (const auto& r : rows) out.push_back({r.get<long long>(0), r.get<int>(1), event_from_row(r, 2)});
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
  const long long lim = static_cast<long long>(limit);
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT x.id, x.subscriber, x.attempts, x.last_error,"
                                  " CAST(extract(epoch FROM x.failed_at) * 1000000 AS bigint), ") +
                          kEventColumns +
                          " FROM platform.dead_letters x JOIN platform.outbox o ON o.seq = x.event_seq"
                          " WHERE x.id > CAST(:after AS bigint) ORDER BY x.id LIMIT CAST(:lim AS bigint)",
       soci::use(after_id, "after"), soci::use(lim, "lim"));
  std::vector<DeadLetter> out;
  for (const auto& r : rows) {
    DeadLetter d;
    d.id = r.get<long long>(0);
    d.subscriber = r.get<std::string>(1);
    d.attempts = r.get<int>(2);
    d.last_error = r.get<std::string>(3);
    d.failed_at = Timestamp(std::chrono::microseconds(r.get<long long>(4)));
    d.event = event_from_row(r, 5);
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
  const Filter f(reader);
  Stats s;
  // Not passed yet: not visible in the window's start, and not done within the window.
  bind_filter(sql << std::string("SELECT count(*), CAST(COALESCE(extract(epoch FROM clock_timestamp() - min(o.created_at)), 0) AS float8)"
                     " FROM platform.positions p JOIN platform.outbox o"
                     "   ON o.xid >= pg_snapshot_xmin(CAST(p.since AS pg_snapshot))"
                     "  AND NOT pg_visible_in_snapshot(o.xid, CAST(p.since AS pg_snapshot))"
                     "  AND NOT (pg_visible_in_snapshot(o.xid, CAST(p.upto AS pg_snapshot)) AND o.seq <= p.last_seq)"
                     " WHERE p.subscriber = :s AND p.partition = CAST(:part AS int)") +
                  kFilterSql,
              f),
      soci::use(reader.subscriber, "s"), soci::into(s.backlog), soci::into(s.oldest_age_seconds);
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
