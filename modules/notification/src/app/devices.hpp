#pragma once
// The devices users get push messages on: registered, listed and removed by their user only (another
// user's token is not found), and removed whoever holds them when FCM says a token is no longer valid.
#include "store/device_token_store.hpp"

#include <agora/core/clock.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace agora {
class Database;
}

namespace agora::notification {

// A user keeps this many devices at most; registering one more removes the one seen longest ago.
inline constexpr int kMaxDevicesPerUser = 20;

class Devices {
 public:
  Devices(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The token as the user's device on `platform` (android, ios, web): new, seen again, or moved from
  // another user. Error{validation} naming token or platform when they are not one.
  device_token_store::Saved register_device(const std::string& user_id, const std::string& token,
                                            const std::string& platform);
  std::vector<DeviceToken> list(const std::string& user_id);
  // Error{not_found} unless the user holds the token.
  void remove(const std::string& user_id, const std::string& token);
  // FCM no longer takes the token: it goes, whoever holds it.
  void forget(const std::string& token);

  // What a registration token may be: 1 to 4096 of A-Z a-z 0-9 - _ : . (FCM's tokens are base64url
  // with colons; nothing that would need escaping in a path).
  static bool plausible_token(const std::string& token);
  static bool known_platform(const std::string& platform);
  static constexpr std::string_view kTokenProblem =
      "must be an FCM registration token (up to 4096 of A-Z a-z 0-9 - _ : .)";
  static constexpr std::string_view kPlatformProblem = "must be android, ios or web";

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace agora::notification
