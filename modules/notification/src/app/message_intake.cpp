#include "app/message_intake.hpp"

#include "domain/mime.hpp"
#include "store/message_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <agora/user/api.hpp>
#include <boost/json/serialize.hpp>

#include <map>

namespace agora::notification {
namespace {

const std::vector<std::string>& chosen_for(Category c, const user::Preferences& p) {
  switch (c) {
    case Category::order:
      return p.order_channels;
    case Category::security:
      return p.security_channels;
    case Category::marketing:
      break;
  }
  return p.marketing_channels;
}

}  // namespace

MessageIntake::MessageIntake(const Clock& clock, MessageSender& sender, user::Api& users, std::string default_locale)
    : clock_(clock), sender_(sender), users_(users), default_locale_(std::move(default_locale)) {}

void MessageIntake::enqueue(Tx& tx, const Event& envelope, const Notice& notice) {
  std::optional<user::UserSummary> user;
  std::optional<user::Preferences> preferences;
  if (notice.user_id) {
    user = users_.find(*notice.user_id);
    if (user && user->status == "active") preferences = users_.preferences(*notice.user_id);
  }
  // Each channel's address for the recipient; a channel without one does not reach them.
  std::map<std::string, std::string, std::less<>> addresses;
  const auto email = !notice.email.empty() ? notice.email : user ? user->email : "";
  if (plausible_address(email)) addresses.emplace(kEmail, email);
  if (preferences && !user->phone.empty()) addresses.emplace(kSms, user->phone);

  ChannelChoice choice{.has_preferences = preferences.has_value()};
  if (preferences) {
    choice.chosen = chosen_for(notice.category, *preferences);
    choice.marketing_consent = preferences->marketing_consent;
  }
  for (const auto& [channel, _] : addresses) choice.reachable.push_back(channel);
  const auto channels = channels_for(notice.category, choice);
  if (channels.empty()) {
    log::warn("notification: no channel reaches the recipient",
              {{"event_id", envelope.id}, {"template", notice.template_name}, {"email", email}});
    return;
  }

  auto locale = user && !user->locale.empty() ? user->locale : preferences ? preferences->language : "";
  if (locale.empty()) locale = default_locale_;
  const auto now = clock_.now();
  const auto data = boost::json::serialize(notice.values);
  for (const auto& channel : channels) {
    Message m;
    m.id = new_id();
    m.event_id = envelope.id;
    m.event_type = envelope.type;
    m.dedupe_key = notice.dedupe_key;
    m.channel = channel;
    m.recipient = addresses.at(channel);
    m.user_id = notice.user_id;
    m.template_name = notice.template_name;
    m.locale = locale;
    m.data = data;
    m.next_attempt_at = now;
    m.created_at = now;
    if (message_store::insert(tx.sql(), m)) tx.after_commit([this, id = m.id] { sender_.submit(id); });
  }
}

}  // namespace agora::notification
