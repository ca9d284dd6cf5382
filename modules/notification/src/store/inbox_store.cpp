#include "store/inbox_store.hpp"

#include <agora/core/prepared.hpp>
#include <boost/describe/class.hpp>

namespace agora::notification {
BOOST_DESCRIBE_STRUCT(InboxItem, (), (id, user_id, template_name, title, body, data, created_at, stored_at, read_at))
}  // namespace agora::notification

namespace agora::notification::inbox_store {
namespace {

#define AGORA_INBOX_COLUMNS                                                                          \
  "id, user_id, template AS template_name, title, body, data::text AS data, created_at, stored_at, " \
  "read_at"

std::vector<InboxItem> items(const prepared::Rows& rows) {
  std::vector<InboxItem> out;
  out.reserve(rows.size());
  for (int i = 0; i < rows.size(); ++i) out.push_back(rows.as<InboxItem>(i));
  return out;
}

}  // namespace

void insert(soci::session& sql, const InboxItem& item) {
  prepared::run(sql,
                "INSERT INTO notification.inbox (id, user_id, template, title, body, data, created_at)"
                " VALUES ($1, $2, $3, $4, $5, CAST($6 AS jsonb), $7)",
                {item.id, item.user_id, item.template_name, item.title, item.body, item.data, item.created_at});
}

std::optional<std::vector<InboxItem>> page(soci::session& sql, const std::string& user_id, int limit,
                                           const std::string& cursor) {
  if (cursor.empty())
    return items(prepared::run(sql,
                               "SELECT " AGORA_INBOX_COLUMNS " FROM notification.inbox WHERE user_id = $1"
                               " ORDER BY created_at DESC, id DESC LIMIT $2",
                               {user_id, static_cast<std::int64_t>(limit)}));
  if (!find(sql, user_id, cursor)) return std::nullopt;
  return items(prepared::run(sql,
                             "SELECT " AGORA_INBOX_COLUMNS " FROM notification.inbox WHERE user_id = $1"
                             " AND (created_at, id) < (SELECT created_at, id FROM notification.inbox WHERE id = $3)"
                             " ORDER BY created_at DESC, id DESC LIMIT $2",
                             {user_id, static_cast<std::int64_t>(limit), cursor}));
}

std::vector<InboxItem> stored_since(soci::session& sql, const std::string& user_id, Timestamp from, int limit) {
  return items(prepared::run(sql,
                             "SELECT " AGORA_INBOX_COLUMNS " FROM notification.inbox WHERE user_id = $1"
                             " AND stored_at > $2 ORDER BY stored_at, id LIMIT $3",
                             {user_id, from, static_cast<std::int64_t>(limit)}));
}

std::optional<InboxItem> find(soci::session& sql, const std::string& user_id, const std::string& id) {
  const auto rows = prepared::run(
      sql, "SELECT " AGORA_INBOX_COLUMNS " FROM notification.inbox WHERE id = $1 AND user_id = $2", {id, user_id});
  if (rows.empty()) return std::nullopt;
  return rows.as<InboxItem>(0);
}

std::int64_t unread(soci::session& sql, const std::string& user_id) {
  return prepared::run(sql, "SELECT count(*) AS n FROM notification.inbox WHERE user_id = $1 AND read_at IS NULL",
                       {user_id})
      .get<std::int64_t>(0, "n");
}

bool mark_read(soci::session& sql, const std::string& user_id, const std::string& id, Timestamp now) {
  return prepared::run(sql,
                       "UPDATE notification.inbox SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2",
                       {id, user_id, now})
             .affected() == 1;
}

std::int64_t mark_all_read(soci::session& sql, const std::string& user_id, Timestamp now) {
  return prepared::run(sql, "UPDATE notification.inbox SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
                       {user_id, now})
      .affected();
}

Timestamp database_now(soci::session& sql) {
  return prepared::run(sql, "SELECT clock_timestamp() AS now").get<Timestamp>(0, "now");
}

}  // namespace agora::notification::inbox_store
