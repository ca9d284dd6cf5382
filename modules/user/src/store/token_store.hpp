#pragma once
// Statements for refresh tokens (rotated in families) and single-use tokens; tokens are
// looked up by their SHA-256 (hex), never stored in the clear.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace soci {
class session;
}

namespace agora::user {

struct RefreshToken {
  std::string token_hash;
  std::string family_id;
  std::string user_id;
  Timestamp expires_at;
  bool used = false;
  bool revoked = false;
};
BOOST_DESCRIBE_STRUCT(RefreshToken, (), (token_hash, family_id, user_id, expires_at, used, revoked))

struct OneTimeToken {
  std::string user_id;
  std::string purpose;
  Timestamp expires_at;
  bool used = false;
};
BOOST_DESCRIBE_STRUCT(OneTimeToken, (), (user_id, purpose, expires_at, used))

namespace token_store {

void insert_refresh(soci::session& sql, const RefreshToken& t, Timestamp now);
std::optional<RefreshToken> refresh_for_update(soci::session& sql, const std::string& token_hash);
void mark_refresh_used(soci::session& sql, const std::string& token_hash, Timestamp now);
void revoke_family(soci::session& sql, const std::string& family_id, Timestamp now);
void revoke_all(soci::session& sql, const std::string& user_id, Timestamp now);

void insert_one_time(soci::session& sql, const std::string& token_hash, const OneTimeToken& t);
std::optional<OneTimeToken> one_time_for_update(soci::session& sql, const std::string& token_hash);
void mark_one_time_used(soci::session& sql, const std::string& token_hash, Timestamp now);
// Voids the user's unused tokens of a purpose (a new reset link voids the older ones).
void void_one_time(soci::session& sql, const std::string& user_id, const std::string& purpose, Timestamp now);

}  // namespace token_store
}  // namespace agora::user
