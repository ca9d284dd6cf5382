#include "store/message_store.hpp"

#include <agora/core/prepared.hpp>

namespace agora::notification::message_store {
namespace {

#define AGORA_NOTIFY_COLUMNS                                                                                         \
  "id, event_id, event_type, dedupe_key, channel, recipient, user_id, template AS template_name, category, locale, " \
  "data::text AS data, subject, status, attempts, provider_id, last_error, next_attempt_at, lease_until, "           \
  "created_at, sent_at, delivered_at"

std::optional<Message> first(const prepared::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return rows.as<Message>(0);
}

}  // namespace

bool insert(soci::session& sql, const Message& m) {
  return prepared::run(sql,
                       "INSERT INTO notification.messages (id, event_id, event_type, dedupe_key, channel, recipient,"
                       " user_id, template, locale, data, subject, status, attempts, provider_id, last_error,"
                       " next_attempt_at, created_at, sent_at, category) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                       " CAST($10 AS jsonb), $11, $12, $13, $14, $15, $16, $17, $18, $19)"
                       " ON CONFLICT (dedupe_key, channel, recipient) DO NOTHING",
                       {m.id, m.event_id, m.event_type, m.dedupe_key, m.channel, m.recipient, m.user_id,
                        m.template_name, m.locale, m.data, m.subject, m.status, m.attempts, m.provider_id, m.last_error,
                        m.next_attempt_at, m.created_at, m.sent_at, m.category})
             .affected() == 1;
}

std::optional<Message> load(soci::session& sql, const std::string& id) {
  return first(prepared::run(sql, "SELECT " AGORA_NOTIFY_COLUMNS " FROM notification.messages WHERE id = $1", {id}));
}

std::optional<Message> claim(soci::session& sql, const std::string& id, Timestamp now, Timestamp until) {
  return first(prepared::run(sql,
                             "UPDATE notification.messages SET status = 'sending', lease_until = $3,"
                             " attempts = attempts + 1 WHERE id = $1 AND ((status = 'queued' AND next_attempt_at <= $2)"
                             " OR (status = 'sending' AND lease_until <= $2)) RETURNING " AGORA_NOTIFY_COLUMNS,
                             {id, now, until}));
}

std::optional<Message> lock(soci::session& sql, const std::string& id) {
  return first(
      prepared::run(sql, "SELECT " AGORA_NOTIFY_COLUMNS " FROM notification.messages WHERE id = $1 FOR UPDATE", {id}));
}

void update(soci::session& sql, const Message& m) {
  prepared::run(sql,
                "UPDATE notification.messages SET subject = $2, status = $3, attempts = $4, provider_id = $5,"
                " last_error = $6, next_attempt_at = $7, lease_until = $8, sent_at = $9 WHERE id = $1",
                {m.id, m.subject, m.status, m.attempts, m.provider_id, m.last_error, m.next_attempt_at, m.lease_until,
                 m.sent_at});
}

std::optional<Message> lock_by_provider_id(soci::session& sql, const std::string& channel,
                                           const std::string& provider_id) {
  return first(prepared::run(sql,
                             "SELECT " AGORA_NOTIFY_COLUMNS " FROM notification.messages WHERE channel = $1"
                             " AND provider_id = $2 FOR UPDATE",
                             {channel, provider_id}));
}

void record_report(soci::session& sql, const Message& m) {
  prepared::run(sql, "UPDATE notification.messages SET status = $2, delivered_at = $3, last_error = $4 WHERE id = $1",
                {m.id, m.status, m.delivered_at, m.last_error});
}

std::map<std::string, std::int64_t> waiting(soci::session& sql) {
  const auto rows = prepared::run(sql,
                                  "SELECT channel, count(*) AS n FROM notification.messages"
                                  " WHERE status IN ('queued', 'sending') GROUP BY channel");
  std::map<std::string, std::int64_t> out;
  for (int i = 0; i < rows.size(); ++i) out[rows.get<std::string>(i, "channel")] = rows.get<std::int64_t>(i, "n");
  return out;
}

std::vector<std::string> due(soci::session& sql, Timestamp now, std::size_t limit) {
  const auto rows = prepared::run(sql,
                                  "SELECT id FROM notification.messages WHERE (status = 'queued' AND"
                                  " next_attempt_at <= $1) OR (status = 'sending' AND lease_until <= $1)"
                                  " ORDER BY next_attempt_at LIMIT $2",
                                  {now, static_cast<std::int64_t>(limit)});
  std::vector<std::string> ids;
  for (int i = 0; i < rows.size(); ++i) ids.push_back(rows.get<std::string>(i, "id"));
  return ids;
}

std::vector<Message> page(soci::session& sql, const MessageFilter& filter, int limit,
                          const std::optional<std::string>& after_id) {
  return prepared::run(sql,
                       "SELECT " AGORA_NOTIFY_COLUMNS
                       " FROM notification.messages"
                       " WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR channel = $2)"
                       " AND ($3::text IS NULL OR template = $3) AND ($4::text IS NULL OR recipient = $4)"
                       " AND ($5::uuid IS NULL OR user_id = $5) AND ($6::uuid IS NULL OR (created_at, id) <"
                       " (SELECT created_at, id FROM notification.messages WHERE id = $6))"
                       " ORDER BY created_at DESC, id DESC LIMIT $7",
                       {filter.status, filter.channel, filter.template_name, filter.recipient, filter.user_id, after_id,
                        static_cast<std::int64_t>(limit)})
      .all<Message>();
}

}  // namespace agora::notification::message_store
