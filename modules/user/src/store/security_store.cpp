#include "store/security_store.hpp"

#include <agora/core/sql_values.hpp>

#include <soci/soci.h>

namespace agora::user::security_store {

std::optional<ThrottleState> throttle(soci::session& sql, const std::string& key, bool for_update) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT failures, " AGORA_US("locked_until") ", " AGORA_US("last_failure")
                                  " FROM \"user\".login_throttle WHERE key = :key") +
                          (for_update ? " FOR UPDATE" : ""),
       soci::use(key));
  for (const auto& r : rows) {
    ThrottleState s;
    s.failures = r.get<int>(0);
    if (r.get_indicator(1) != soci::i_null) s.locked_until = from_micros(r.get<long long>(1));
    s.last_failure = from_micros(r.get<long long>(2));
    return s;
  }
  return std::nullopt;
}

void save_throttle(soci::session& sql, const std::string& key, const ThrottleState& s) {
  const long long locked = s.locked_until ? micros(*s.locked_until) : 0;
  soci::indicator locked_ind = s.locked_until ? soci::i_ok : soci::i_null;
  const long long last = micros(s.last_failure);
  sql << "INSERT INTO \"user\".login_throttle (key, failures, locked_until, last_failure)"
         " VALUES (:key, :failures, " AGORA_TS(":locked") ", " AGORA_TS(":last") ")"
         " ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, locked_until = EXCLUDED.locked_until,"
         " last_failure = EXCLUDED.last_failure",
      soci::use(key), soci::use(s.failures), soci::use(locked, locked_ind), soci::use(last);
}

void clear_throttle(soci::session& sql, const std::string& key) {
  sql << "DELETE FROM \"user\".login_throttle WHERE key = :key", soci::use(key);
}

void clear_throttles_starting(soci::session& sql, const std::string& key_prefix) {
  sql << "DELETE FROM \"user\".login_throttle WHERE starts_with(key, :prefix)", soci::use(key_prefix);
}

void add_reset_request(soci::session& sql, const std::string& email, Timestamp now) {
  const auto at = micros(now);
  sql << "INSERT INTO \"user\".password_reset_requests (email, requested_at) VALUES (:email, " AGORA_TS(":at") ")"
         " ON CONFLICT (email) DO NOTHING",
      soci::use(email), soci::use(at);
}

std::vector<std::string> take_reset_requests(soci::session& sql, int limit) {
  soci::rowset<std::string> rows =
      (sql.prepare << "DELETE FROM \"user\".password_reset_requests WHERE id IN"
                      " (SELECT id FROM \"user\".password_reset_requests ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED)"
                      " RETURNING email",
       soci::use(limit));
  return {rows.begin(), rows.end()};
}

std::optional<TotpEnrolment> totp_for_update(soci::session& sql, const std::string& user_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT secret, CAST(confirmed_at IS NOT NULL AS int), last_step FROM \"user\".mfa_totp"
                      " WHERE user_id = CAST(:user AS uuid) FOR UPDATE",
       soci::use(user_id));
  for (const auto& r : rows) return TotpEnrolment{r.get<std::string>(0), r.get<int>(1) != 0, r.get<long long>(2)};
  return std::nullopt;
}

void begin_totp(soci::session& sql, const std::string& user_id, const std::string& secret_base32) {
  sql << "INSERT INTO \"user\".mfa_totp (user_id, secret) VALUES (CAST(:user AS uuid), :secret)"
         " ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, confirmed_at = NULL, last_step = 0",
      soci::use(user_id), soci::use(secret_base32);
}

void confirm_totp(soci::session& sql, const std::string& user_id, Timestamp now, long long step) {
  const auto at = micros(now);
  sql << "UPDATE \"user\".mfa_totp SET confirmed_at = " AGORA_TS(":at") ", last_step = :step"
         " WHERE user_id = CAST(:user AS uuid)",
      soci::use(at), soci::use(step), soci::use(user_id);
}

void use_totp_step(soci::session& sql, const std::string& user_id, long long step) {
  sql << "UPDATE \"user\".mfa_totp SET last_step = :step WHERE user_id = CAST(:user AS uuid)", soci::use(step),
      soci::use(user_id);
}

void remove_totp(soci::session& sql, const std::string& user_id) {
  sql << "DELETE FROM \"user\".mfa_totp WHERE user_id = CAST(:user AS uuid)", soci::use(user_id);
  sql << "DELETE FROM \"user\".recovery_codes WHERE user_id = CAST(:user AS uuid)", soci::use(user_id);
}

void replace_recovery_codes(soci::session& sql, const std::string& user_id, const std::vector<std::string>& hashes) {
  sql << "DELETE FROM \"user\".recovery_codes WHERE user_id = CAST(:user AS uuid)", soci::use(user_id);
  for (const auto& h : hashes)
    sql << "INSERT INTO \"user\".recovery_codes (code_hash, user_id) VALUES (:hash, CAST(:user AS uuid))",
        soci::use(h), soci::use(user_id);
}

bool use_recovery_code(soci::session& sql, const std::string& user_id, const std::string& hash, Timestamp now) {
  const auto at = micros(now);
  soci::statement st = (sql.prepare << "UPDATE \"user\".recovery_codes SET used_at = " AGORA_TS(":at")
                                       " WHERE code_hash = :hash AND user_id = CAST(:user AS uuid) AND used_at IS NULL",
                        soci::use(at), soci::use(hash), soci::use(user_id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace agora::user::security_store
