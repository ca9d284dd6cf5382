#include "store/security_store.hpp"

#include "store/first_row.hpp"

#include <agora/core/prepared.hpp>

namespace agora::user::security_store {

std::optional<ThrottleState> throttle(soci::session& sql, const std::string& key, bool for_update) {
  const std::string select = "SELECT failures, locked_until, last_failure FROM \"user\".login_throttle WHERE key = $1";
  return first_row<ThrottleState>(prepared::run(sql, for_update ? select + " FOR UPDATE" : select, {key}));
}

void save_throttle(soci::session& sql, const std::string& key, const ThrottleState& s) {
  prepared::run(
      sql,
      "INSERT INTO \"user\".login_throttle (key, failures, locked_until, last_failure) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, locked_until = EXCLUDED.locked_until,"
      " last_failure = EXCLUDED.last_failure",
      {key, s.failures, s.locked_until, s.last_failure});
}

void clear_throttle(soci::session& sql, const std::string& key) {
  prepared::run(sql, "DELETE FROM \"user\".login_throttle WHERE key = $1", {key});
}

void clear_throttles_starting(soci::session& sql, const std::string& key_prefix) {
  prepared::run(sql, "DELETE FROM \"user\".login_throttle WHERE starts_with(key, $1)", {key_prefix});
}

void add_reset_request(soci::session& sql, const std::string& email, Timestamp now) {
  prepared::run(sql,
                "INSERT INTO \"user\".password_reset_requests (email, requested_at) VALUES ($1, $2)"
                " ON CONFLICT (email) DO NOTHING",
                {email, now});
}

std::vector<std::string> take_reset_requests(soci::session& sql, int limit) {
  const auto rows = prepared::run(sql,
                                  "DELETE FROM \"user\".password_reset_requests WHERE id IN"
                                  " (SELECT id FROM \"user\".password_reset_requests ORDER BY id LIMIT $1"
                                  " FOR UPDATE SKIP LOCKED) RETURNING email",
                                  {limit});
  std::vector<std::string> emails;
  for (int i = 0; i < rows.size(); ++i) emails.push_back(rows.get<std::string>(i, "email"));
  return emails;
}

std::optional<TotpEnrolment> totp_for_update(soci::session& sql, const std::string& user_id) {
  return first_row<TotpEnrolment>(prepared::run(sql,
                                                "SELECT secret AS secret_base32, confirmed_at IS NOT NULL AS confirmed,"
                                                " last_step FROM \"user\".mfa_totp WHERE user_id = $1 FOR UPDATE",
                                                {user_id}));
}

void begin_totp(soci::session& sql, const std::string& user_id, const std::string& secret_base32) {
  prepared::run(sql,
                "INSERT INTO \"user\".mfa_totp (user_id, secret) VALUES ($1, $2)"
                " ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, confirmed_at = NULL, last_step = 0",
                {user_id, secret_base32});
}

void confirm_totp(soci::session& sql, const std::string& user_id, Timestamp now, long long step) {
  prepared::run(sql, "UPDATE \"user\".mfa_totp SET confirmed_at = $1, last_step = $2 WHERE user_id = $3",
                {now, step, user_id});
}

void use_totp_step(soci::session& sql, const std::string& user_id, long long step) {
  prepared::run(sql, "UPDATE \"user\".mfa_totp SET last_step = $1 WHERE user_id = $2", {step, user_id});
}

void remove_totp(soci::session& sql, const std::string& user_id) {
  prepared::run(sql, "DELETE FROM \"user\".mfa_totp WHERE user_id = $1", {user_id});
  prepared::run(sql, "DELETE FROM \"user\".recovery_codes WHERE user_id = $1", {user_id});
}

void replace_recovery_codes(soci::session& sql, const std::string& user_id, const std::vector<std::string>& hashes) {
  prepared::run(sql, "DELETE FROM \"user\".recovery_codes WHERE user_id = $1", {user_id});
  prepared::run(sql, "INSERT INTO \"user\".recovery_codes (code_hash, user_id) SELECT unnest($1::text[]), $2",
                {hashes, user_id});
}

bool use_recovery_code(soci::session& sql, const std::string& user_id, const std::string& hash, Timestamp now) {
  return prepared::run(sql,
                       "UPDATE \"user\".recovery_codes SET used_at = $1"
                       " WHERE code_hash = $2 AND user_id = $3 AND used_at IS NULL",
                       {now, hash, user_id})
             .affected() == 1;
}

}  // namespace agora::user::security_store
