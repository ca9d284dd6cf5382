#include "store/device_token_store.hpp"

#include <agora/core/prepared.hpp>

namespace agora::notification::device_token_store {

Saved save(soci::session& sql, const std::string& token, const std::string& user_id, const std::string& platform,
           Timestamp now) {
  // A token moving to another user is registered anew (created now); xmax is 0 in a row inserted.
  const auto rows = prepared::run(
      sql,
      "INSERT INTO notification.device_tokens AS d (token, user_id, platform, created_at, last_seen_at)"
      " VALUES ($1, $2, $3, $4, $4)"
      " ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id, platform = EXCLUDED.platform,"
      "  created_at = CASE WHEN d.user_id = EXCLUDED.user_id THEN d.created_at ELSE EXCLUDED.created_at END,"
      "  last_seen_at = EXCLUDED.last_seen_at"
      " RETURNING token, user_id, platform, created_at, last_seen_at, (xmax = 0) AS inserted",
      {token, user_id, platform, now});
  return {rows.as<DeviceToken>(0), rows.get<bool>(0, "inserted")};
}

std::int64_t keep_latest(soci::session& sql, const std::string& user_id, int keep) {
  return prepared::run(sql,
                       "DELETE FROM notification.device_tokens WHERE user_id = $1 AND token IN"
                       " (SELECT token FROM notification.device_tokens WHERE user_id = $1"
                       "  ORDER BY last_seen_at DESC, token OFFSET $2)",
                       {user_id, static_cast<std::int64_t>(keep)})
      .affected();
}

std::vector<DeviceToken> of_user(soci::session& sql, const std::string& user_id) {
  return prepared::run(sql,
                       "SELECT token, user_id, platform, created_at, last_seen_at FROM notification.device_tokens"
                       " WHERE user_id = $1 ORDER BY last_seen_at DESC, token",
                       {user_id})
      .all<DeviceToken>();
}

bool any_of_user(soci::session& sql, const std::string& user_id) {
  return !prepared::run(sql, "SELECT 1 AS one FROM notification.device_tokens WHERE user_id = $1 LIMIT 1", {user_id})
              .empty();
}

bool remove(soci::session& sql, const std::string& user_id, const std::string& token) {
  return prepared::run(sql, "DELETE FROM notification.device_tokens WHERE token = $1 AND user_id = $2",
                       {token, user_id})
             .affected() == 1;
}

bool remove_any(soci::session& sql, const std::string& token) {
  return prepared::run(sql, "DELETE FROM notification.device_tokens WHERE token = $1", {token}).affected() == 1;
}

}  // namespace agora::notification::device_token_store
