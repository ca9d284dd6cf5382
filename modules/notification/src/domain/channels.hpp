#pragma once
// The channels a message goes out on, and which of them a recipient gets: what they chose for the
// message's category, among the channels that can reach them.
#include <boost/describe/enum.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace agora::notification {

inline constexpr std::string_view kEmail = "email";
inline constexpr std::string_view kSms = "sms";
inline constexpr std::string_view kPush = "push";
inline constexpr std::string_view kInApp = "in_app";
inline constexpr std::string_view kChannels[] = {kEmail, kSms, kPush, kInApp};

// What a message is about, as the user's preferences group messages.
enum class Category {
  order,      // orders, payments, shipments, refunds: transactional
  security,   // verification, password reset: transactional
  marketing,  // sent only with the user's consent
};
BOOST_DESCRIBE_ENUM(Category, order, security, marketing)

// What a recipient chose (a guest: nothing, has_preferences false) and which channels reach them.
struct ChannelChoice {
  bool has_preferences = false;
  std::vector<std::string> chosen;  // the user's channels for the category
  bool marketing_consent = false;
  std::vector<std::string> reachable;  // channels with an address for the recipient
};

// The channels to send on: the chosen ones that reach the recipient. A transactional message always
// goes out on one channel at least: with none of the chosen reachable (or no preferences), on email
// if it reaches them, else in-app. Marketing goes only on chosen channels, and only with consent.
std::vector<std::string> channels_for(Category category, const ChannelChoice& choice);

}  // namespace agora::notification
