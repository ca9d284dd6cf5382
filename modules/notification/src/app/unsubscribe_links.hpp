#pragma once
// One-click unsubscribe from marketing (RFC 8058): a marketing email's List-Unsubscribe link names
// its user with an HMAC of the user id under a secret, so that the link works without signing in
// and only for that user; POSTing it withdraws the user's marketing consent.
#include <string>
#include <string_view>

namespace agora::user {
class Api;
}

namespace agora::notification {

// The route the links point at, under the API's public URL.
inline constexpr std::string_view kUnsubscribePath = "/api/v1/notifications/unsubscribe";

class UnsubscribeLinks {
 public:
  // api_url: where Agora's API is reached from outside ("https://shop.example.com").
  UnsubscribeLinks(std::string api_url, std::string secret, user::Api& users);
  std::string link(const std::string& user_id) const;
  // Withdraws the user's marketing consent; Error{forbidden} when the token is not the user's.
  void unsubscribe(const std::string& user_id, const std::string& token);

 private:
  std::string token_of(std::string_view user_id) const;
  const std::string api_url_;
  const std::string secret_;
  user::Api& users_;
};

}  // namespace agora::notification
