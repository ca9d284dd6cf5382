#include "events/outbox_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <soci/soci.h>

#include <unordered_map>

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

}  // namespace

void lock_keys(soci::session& sql, const std::vector<std::string>& lock_names) {
  boost::json::array names(lock_names.begin(), lock_names.end());
  const auto json = boost::json::serialize(names);
  long long locked = 0;
  sql << "SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtextextended(n, 0) AS h"
         " FROM json_array_elements_text(CAST(:names AS json)) AS t(n) ORDER BY h) AS keys",
      soci::use(json), soci::into(locked);
}

std::vector<long long> insert_events(soci::session& sql, const std::vector<Event>& events) {
  boost::json::array rows;
  for (const auto& e : events)
    rows.push_back({{"id", e.id}, {"topic", e.topic}, {"type", e.type}, {"version", e.version}, {"key", e.key},
                    {"occurred_at", to_rfc3339(e.occurred_at)}, {"region", e.region},
                    {"traceparent", e.traceparent}, {"payload", e.payload}});
  const auto json = boost::json::serialize(rows);
  soci::rowset<soci::row> inserted =
      (sql.prepare << "INSERT INTO platform.outbox (id, topic, type, version, key, occurred_at, region, traceparent,"
                      " payload) SELECT CAST(e->>'id' AS uuid), e->>'topic', e->>'type', CAST(e->>'version' AS int),"
                      " e->>'key', CAST(e->>'occurred_at' AS timestamptz), e->>'region', e->>'traceparent',"
                      " CAST(e->'payload' AS jsonb) FROM json_array_elements(CAST(:rows AS json)) WITH ORDINALITY"
                      " AS t(e, i) ORDER BY i RETURNING CAST(id AS text), seq",
       soci::use(json));
  std::unordered_map<std::string, long long> seq_of;
  for (const auto& r : inserted) seq_of.emplace(r.get<std::string>(0), r.get<long long>(1));
  std::vector<long long> out;
  for (const auto& e : events) out.push_back(seq_of.at(e.id));
  return out;
}

void insert_deliveries(soci::session& sql, const std::vector<NewDelivery>& deliveries) {
  if (deliveries.empty()) return;
  boost::json::array rows;
  for (const auto& d : deliveries) rows.push_back({{"seq", d.event_seq}, {"subscriber", d.subscriber}, {"key", d.key}});
  const auto json = boost::json::serialize(rows);
  sql << "INSERT INTO platform.deliveries (event_seq, subscriber, key) SELECT CAST(d->>'seq' AS bigint),"
         " d->>'subscriber', d->>'key' FROM json_array_elements(CAST(:rows AS json)) WITH ORDINALITY AS t(d, i)"
         " ORDER BY i",
      soci::use(json);
}

void notify(soci::session& sql) { sql << "SELECT pg_notify('agora_events', '')"; }

void announce(soci::session& sql, const std::string& notices) {
  sql << "SELECT pg_notify('agora_events', ''), pg_notify('agora_notices', :n)", soci::use(notices);
}

std::vector<Claimed> claim(soci::session& sql, const std::string& subscriber, int limit) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT d.id, d.attempts, ") + kEventColumns +
                          " FROM platform.deliveries d JOIN platform.outbox o ON o.seq = d.event_seq"
                          " WHERE d.subscriber = :subscriber AND d.next_attempt_at <= now()"
                          "   AND NOT EXISTS (SELECT 1 FROM platform.deliveries p"
                          "                   WHERE p.subscriber = d.subscriber AND p.key = d.key AND p.id < d.id)"
                          " ORDER BY d.id LIMIT :limit FOR UPDATE OF d SKIP LOCKED",
       soci::use(subscriber), soci::use(limit));
  std::vector<Claimed> out;
  for (const auto& r : rows) out.push_back({r.get<long long>(0), r.get<int>(1), event_from_row(r, 2)});
  return out;
}

void remove_deliveries(soci::session& sql, const std::vector<long long>& delivery_ids) {
  if (delivery_ids.empty()) return;
  const auto json = boost::json::serialize(boost::json::array(delivery_ids.begin(), delivery_ids.end()));
  sql << "DELETE FROM platform.deliveries WHERE id IN"
         " (SELECT CAST(json_array_elements_text(CAST(:ids AS json)) AS bigint))",
      soci::use(json);
}

void schedule_retry(soci::session& sql, long long delivery_id, int attempts, const std::string& error,
                    std::chrono::milliseconds delay) {
  const double seconds = static_cast<double>(delay.count()) / 1000.0;
  sql << "UPDATE platform.deliveries SET attempts = :attempts, last_error = :error,"
         " next_attempt_at = now() + make_interval(secs => :delay) WHERE id = :id",
      soci::use(attempts), soci::use(error), soci::use(seconds), soci::use(delivery_id);
}

void dead_letter(soci::session& sql, long long delivery_id, int attempts, const std::string& error) {
  sql << "INSERT INTO platform.dead_letters (event_seq, subscriber, key, attempts, last_error)"
         " SELECT event_seq, subscriber, key, :attempts, :error FROM platform.deliveries WHERE id = :id",
      soci::use(attempts), soci::use(error), soci::use(delivery_id);
  remove_deliveries(sql, {delivery_id});
}

std::vector<DeadLetter> dead_letters(soci::session& sql, std::size_t limit, long long after_id) {
  const long long lim = static_cast<long long>(limit);
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT x.id, x.subscriber, x.attempts, x.last_error,"
                                  " CAST(extract(epoch FROM x.failed_at) * 1000000 AS bigint), ") +
                          kEventColumns +
                          " FROM platform.dead_letters x JOIN platform.outbox o ON o.seq = x.event_seq"
                          " WHERE x.id > :after ORDER BY x.id LIMIT :lim",
       soci::use(after_id), soci::use(lim));
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
  sql << "SELECT subscriber FROM platform.dead_letters WHERE id = :id FOR UPDATE", soci::use(id),
      soci::into(subscriber, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return subscriber;
}

void requeue_dead_letter(soci::session& sql, long long id) {
  sql << "INSERT INTO platform.deliveries (event_seq, subscriber, key)"
         " SELECT event_seq, subscriber, key FROM platform.dead_letters WHERE id = :id",
      soci::use(id);
  sql << "DELETE FROM platform.dead_letters WHERE id = :id", soci::use(id);
  notify(sql);
}

Stats stats(soci::session& sql) {
  Stats s;
  sql << "SELECT count(*), CAST(COALESCE(extract(epoch FROM now() - min(o.created_at)), 0) AS float8)"
         " FROM platform.deliveries d JOIN platform.outbox o ON o.seq = d.event_seq",
      soci::into(s.backlog), soci::into(s.oldest_age_seconds);
  sql << "SELECT count(*) FROM platform.dead_letters", soci::into(s.dead_letters);
  return s;
}

long long prune(soci::session& sql, std::chrono::hours retention) {
  const long long hours = retention.count();
  soci::statement st = (sql.prepare << "DELETE FROM platform.outbox WHERE seq IN ("
                                       " SELECT o.seq FROM platform.outbox o"
                                       " WHERE o.created_at < now() - make_interval(hours => :hours)"
                                       "   AND NOT EXISTS (SELECT 1 FROM platform.deliveries d WHERE d.event_seq = o.seq)"
                                       "   AND NOT EXISTS (SELECT 1 FROM platform.dead_letters x WHERE x.event_seq = o.seq)"
                                       " LIMIT 10000)",
                        soci::use(hours));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace agora::outbox_store
