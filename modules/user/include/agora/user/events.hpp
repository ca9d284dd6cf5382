#pragma once
// Events the user module publishes on topic user.events, key = user id, one struct each (see
// TypedEvent in agora/core/events.hpp); publish with tx.publish(events::Registered{...}). A field is
// only ever added to a version; a change of meaning is a new version. The README's event tables are
// made from this file by scripts/event_docs.py.
#include <agora/core/event_json.hpp>

namespace agora::user::events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "user.events";

// An account was made: mail the verification token to the user.
struct Registered {
  static constexpr EventName kName{kTopic, "user.registered", 1};
  std::string user_id;
  std::string email;
  std::string name;
  std::optional<std::string> verification_token;  // null for an account made verified (agora users create-admin)
  std::optional<Timestamp> verification_expires_at;
  std::string key() const { return user_id; }
};
BOOST_DESCRIBE_STRUCT(Registered, (), (user_id, email, name, verification_token, verification_expires_at))

// The user proved they own the address.
struct EmailVerified {
  static constexpr EventName kName{kTopic, "user.email_verified", 1};
  std::string user_id;
  std::string email;
  std::string key() const { return user_id; }
};
BOOST_DESCRIBE_STRUCT(EmailVerified, (), (user_id, email))

// Profile, preferences, addresses, roles, password, MFA or lock status changed.
struct Updated {
  static constexpr EventName kName{kTopic, "user.updated", 1};
  std::string user_id;
  std::vector<std::string> changed;  // names of what changed
  std::string key() const { return user_id; }
};
BOOST_DESCRIBE_STRUCT(Updated, (), (user_id, changed))

// Personal data erased: other modules erase theirs.
struct Deleted {
  static constexpr EventName kName{kTopic, "user.deleted", 1};
  std::string user_id;
  std::string key() const { return user_id; }
};
BOOST_DESCRIBE_STRUCT(Deleted, (), (user_id))

// Mail the reset token to the user.
struct PasswordResetRequested {
  static constexpr EventName kName{kTopic, "user.password_reset_requested", 1};
  std::string user_id;
  std::string email;
  std::string name;
  std::string reset_token;
  Timestamp expires_at;
  std::string key() const { return user_id; }
};
BOOST_DESCRIBE_STRUCT(PasswordResetRequested, (), (user_id, email, name, reset_token, expires_at))

// Two-step sign-in was turned on: a security notice to the user.
struct MfaEnabled {
  static constexpr EventName kName{kTopic, "user.mfa_enabled", 1};
  std::string user_id;
  std::string email;
  std::string key() const { return user_id; }
};
BOOST_DESCRIBE_STRUCT(MfaEnabled, (), (user_id, email))

}  // namespace agora::user::events
