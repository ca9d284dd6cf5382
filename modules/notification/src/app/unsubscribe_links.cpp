#include "app/unsubscribe_links.hpp"

#include <agora/core/digest.hpp>
#include <agora/core/error.hpp>
#include <agora/user/api.hpp>

namespace agora::notification {

UnsubscribeLinks::UnsubscribeLinks(std::string api_url, std::string secret, user::Api& users)
    : api_url_(std::move(api_url)), secret_(std::move(secret)), users_(users) {}

std::string UnsubscribeLinks::token_of(std::string_view user_id) const {
  return hmac_sha256_hex(secret_, "unsubscribe/" + std::string(user_id));
}

std::string UnsubscribeLinks::link(const std::string& user_id) const {
  return api_url_ + std::string(kUnsubscribePath) + "?user=" + user_id + "&token=" + token_of(user_id);
}

void UnsubscribeLinks::unsubscribe(const std::string& user_id, const std::string& token) {
  if (!equal_in_constant_time(token, token_of(user_id)))
    throw Error(ErrorKind::forbidden, "this unsubscribe link is not valid");
  users_.withdraw_marketing_consent(user_id);
}

}  // namespace agora::notification
