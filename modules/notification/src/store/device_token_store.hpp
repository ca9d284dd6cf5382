#pragma once
// SOCI statements for notification.device_tokens, rows read as DeviceToken. A user's reads and
// removals name the user: a token is only ever listed or removed by the user who holds it.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::notification {

// One device a user gets push messages on, by its FCM registration token.
struct DeviceToken {
  std::string token;
  std::string user_id;
  std::string platform;  // android, ios, web
  Timestamp created_at;
  Timestamp last_seen_at;
};
BOOST_DESCRIBE_STRUCT(DeviceToken, (), (token, user_id, platform, created_at, last_seen_at))

}  // namespace agora::notification

namespace agora::notification::device_token_store {

// Registers the token to the user (moving it from another user, who then no longer has it); seen
// now. `inserted`: it was not registered before.
struct Saved {
  DeviceToken device;
  bool inserted = false;
};
Saved save(soci::session& sql, const std::string& token, const std::string& user_id, const std::string& platform,
           Timestamp now);
// Removes the user's tokens beyond the `keep` seen last; returns how many went.
std::int64_t keep_latest(soci::session& sql, const std::string& user_id, int keep);
// The user's tokens, seen last first.
std::vector<DeviceToken> of_user(soci::session& sql, const std::string& user_id);
bool any_of_user(soci::session& sql, const std::string& user_id);
// False when the user holds no such token.
bool remove(soci::session& sql, const std::string& user_id, const std::string& token);
// Removes the token whoever holds it (FCM no longer knows it); false when it was gone already.
bool remove_any(soci::session& sql, const std::string& token);

}  // namespace agora::notification::device_token_store
