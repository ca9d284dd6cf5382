#pragma once
// Statements for login throttling, password reset requests, TOTP enrolment and recovery codes.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::user {

struct ThrottleState {
  int failures = 0;
  std::optional<Timestamp> locked_until;
  Timestamp last_failure;
};
BOOST_DESCRIBE_STRUCT(ThrottleState, (), (failures, locked_until, last_failure))

struct TotpEnrolment {
  std::string secret_base32;
  bool confirmed = false;
  long long last_step = 0;
};
BOOST_DESCRIBE_STRUCT(TotpEnrolment, (), (secret_base32, confirmed, last_step))

namespace security_store {

std::optional<ThrottleState> throttle(soci::session& sql, const std::string& key, bool for_update = false);
void save_throttle(soci::session& sql, const std::string& key, const ThrottleState& s);
void clear_throttle(soci::session& sql, const std::string& key);
void clear_throttles_starting(soci::session& sql, const std::string& key_prefix);

void add_reset_request(soci::session& sql, const std::string& email, Timestamp now);
// Removes up to `limit` of the oldest requests and returns their emails; rows another
// transaction is taking are skipped.
std::vector<std::string> take_reset_requests(soci::session& sql, int limit);

std::optional<TotpEnrolment> totp_for_update(soci::session& sql, const std::string& user_id);
// Starts (or restarts) an unconfirmed enrolment.
void begin_totp(soci::session& sql, const std::string& user_id, const std::string& secret_base32);
void confirm_totp(soci::session& sql, const std::string& user_id, Timestamp now, long long step);
void use_totp_step(soci::session& sql, const std::string& user_id, long long step);
void remove_totp(soci::session& sql, const std::string& user_id);

void replace_recovery_codes(soci::session& sql, const std::string& user_id, const std::vector<std::string>& hashes);
// Marks the code used; false when it is not the user's or was used before.
bool use_recovery_code(soci::session& sql, const std::string& user_id, const std::string& hash, Timestamp now);

}  // namespace security_store
}  // namespace agora::user
