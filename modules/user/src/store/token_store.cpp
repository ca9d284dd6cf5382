#include "store/token_store.hpp"

#include "store/first_row.hpp"

#include <agora/core/prepared.hpp>

namespace agora::user::token_store {

void insert_refresh(soci::session& sql, const RefreshToken& t, Timestamp now) {
  prepared::run(sql,
                "INSERT INTO \"user\".refresh_tokens (token_hash, family_id, user_id, created_at, expires_at)"
                " VALUES ($1, $2, $3, $4, $5)",
                {t.token_hash, t.family_id, t.user_id, now, t.expires_at});
}

std::optional<RefreshToken> refresh_for_update(soci::session& sql, const std::string& token_hash) {
  return first_row<RefreshToken>(prepared::run(sql,
                                               "SELECT token_hash, family_id, user_id, expires_at,"
                                               " used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked"
                                               " FROM \"user\".refresh_tokens WHERE token_hash = $1 FOR UPDATE",
                                               {token_hash}));
}

void mark_refresh_used(soci::session& sql, const std::string& token_hash, Timestamp now) {
  prepared::run(sql, "UPDATE \"user\".refresh_tokens SET used_at = $1 WHERE token_hash = $2", {now, token_hash});
}

void revoke_family(soci::session& sql, const std::string& family_id, Timestamp now) {
  prepared::run(sql, "UPDATE \"user\".refresh_tokens SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL",
                {now, family_id});
}

void revoke_all(soci::session& sql, const std::string& user_id, Timestamp now) {
  prepared::run(sql, "UPDATE \"user\".refresh_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
                {now, user_id});
}

void insert_one_time(soci::session& sql, const std::string& token_hash, const OneTimeToken& t) {
  prepared::run(
      sql, "INSERT INTO \"user\".one_time_tokens (token_hash, purpose, user_id, expires_at) VALUES ($1, $2, $3, $4)",
      {token_hash, t.purpose, t.user_id, t.expires_at});
}

std::optional<OneTimeToken> one_time_for_update(soci::session& sql, const std::string& token_hash) {
  return first_row<OneTimeToken>(prepared::run(sql,
                                               "SELECT user_id, purpose, expires_at, used_at IS NOT NULL AS used"
                                               " FROM \"user\".one_time_tokens WHERE token_hash = $1 FOR UPDATE",
                                               {token_hash}));
}

void mark_one_time_used(soci::session& sql, const std::string& token_hash, Timestamp now) {
  prepared::run(sql, "UPDATE \"user\".one_time_tokens SET used_at = $1 WHERE token_hash = $2", {now, token_hash});
}

void void_one_time(soci::session& sql, const std::string& user_id, const std::string& purpose, Timestamp now) {
  prepared::run(
      sql, "UPDATE \"user\".one_time_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
      {now, user_id, purpose});
}

}  // namespace agora::user::token_store
