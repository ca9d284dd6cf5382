#include "store/token_store.hpp"

#include <agora/core/sql_values.hpp>

#include <soci/soci.h>

namespace agora::user::token_store {

void insert_refresh(soci::session& sql, const RefreshToken& t, Timestamp now) {
  const auto created = micros(now), expires = micros(t.expires_at);
  sql << "INSERT INTO \"user\".refresh_tokens (token_hash, family_id, user_id, created_at, expires_at)"
         " VALUES (:hash, CAST(:family AS uuid), CAST(:user AS uuid), " AGORA_TS(":created") ", " AGORA_TS(":expires") ")",
      soci::use(t.token_hash), soci::use(t.family_id), soci::use(t.user_id), soci::use(created), soci::use(expires);
}

std::optional<RefreshToken> refresh_for_update(soci::session& sql, const std::string& token_hash) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT CAST(family_id AS text), CAST(user_id AS text), " AGORA_US("expires_at")
                      ", CAST(used_at IS NOT NULL AS int), CAST(revoked_at IS NOT NULL AS int)"
                      " FROM \"user\".refresh_tokens WHERE token_hash = :hash FOR UPDATE",
       soci::use(token_hash));
  for (const auto& r : rows)
    return RefreshToken{token_hash, r.get<std::string>(0), r.get<std::string>(1), from_micros(r.get<long long>(2)),
                        r.get<int>(3) != 0, r.get<int>(4) != 0};
  return std::nullopt;
}

void mark_refresh_used(soci::session& sql, const std::string& token_hash, Timestamp now) {
  const auto at = micros(now);
  sql << "UPDATE \"user\".refresh_tokens SET used_at = " AGORA_TS(":at") " WHERE token_hash = :hash", soci::use(at),
      soci::use(token_hash);
}

void revoke_family(soci::session& sql, const std::string& family_id, Timestamp now) {
  const auto at = micros(now);
  sql << "UPDATE \"user\".refresh_tokens SET revoked_at = " AGORA_TS(":at")
         " WHERE family_id = CAST(:family AS uuid) AND revoked_at IS NULL",
      soci::use(at), soci::use(family_id);
}

void revoke_all(soci::session& sql, const std::string& user_id, Timestamp now) {
  const auto at = micros(now);
  sql << "UPDATE \"user\".refresh_tokens SET revoked_at = " AGORA_TS(":at")
         " WHERE user_id = CAST(:user AS uuid) AND revoked_at IS NULL",
      soci::use(at), soci::use(user_id);
}

void insert_one_time(soci::session& sql, const std::string& token_hash, const OneTimeToken& t) {
  const auto expires = micros(t.expires_at);
  sql << "INSERT INTO \"user\".one_time_tokens (token_hash, purpose, user_id, expires_at)"
         " VALUES (:hash, :purpose, CAST(:user AS uuid), " AGORA_TS(":expires") ")",
      soci::use(token_hash), soci::use(t.purpose), soci::use(t.user_id), soci::use(expires);
}

std::optional<OneTimeToken> one_time_for_update(soci::session& sql, const std::string& token_hash) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT CAST(user_id AS text), purpose, " AGORA_US("expires_at")
                      ", CAST(used_at IS NOT NULL AS int) FROM \"user\".one_time_tokens WHERE token_hash = :hash"
                      " FOR UPDATE",
       soci::use(token_hash));
  for (const auto& r : rows)
    return OneTimeToken{r.get<std::string>(0), r.get<std::string>(1), from_micros(r.get<long long>(2)),
                        r.get<int>(3) != 0};
  return std::nullopt;
}

void mark_one_time_used(soci::session& sql, const std::string& token_hash, Timestamp now) {
  const auto at = micros(now);
  sql << "UPDATE \"user\".one_time_tokens SET used_at = " AGORA_TS(":at") " WHERE token_hash = :hash", soci::use(at),
      soci::use(token_hash);
}

void void_one_time(soci::session& sql, const std::string& user_id, const std::string& purpose, Timestamp now) {
  const auto at = micros(now);
  sql << "UPDATE \"user\".one_time_tokens SET used_at = " AGORA_TS(":at")
         " WHERE user_id = CAST(:user AS uuid) AND purpose = :purpose AND used_at IS NULL",
      soci::use(at), soci::use(user_id), soci::use(purpose);
}

}  // namespace agora::user::token_store
