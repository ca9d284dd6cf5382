#include "app/message_intake.hpp"

#include "app/template_values.hpp"
#include "domain/mime.hpp"
#include "store/device_token_store.hpp"
#include "store/message_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/json_text.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/notification/events.hpp>
#include <agora/user/api.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
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

MessageIntake::MessageIntake(const Clock& clock, Metrics& metrics, MessageSender& sender,
                             const TemplateLookup& templates, Inbox& inbox, user::Api& users,
                             std::string default_locale)
    : clock_(clock),
      metrics_(metrics),
      sender_(sender),
      templates_(templates),
      inbox_(inbox),
      users_(users),
      default_locale_(std::move(default_locale)) {}

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
  if (preferences && !user->phone.empty() && sender_.has_channel(kSms)) addresses.emplace(kSms, user->phone);
  if (preferences) addresses.emplace(kInApp, *notice.user_id);
  // A push message goes to the user, and from there to each of their devices.
  if (preferences && sender_.has_channel(kPush) && device_token_store::any_of_user(tx.sql(), *notice.user_id))
    addresses.emplace(kPush, *notice.user_id);
  if (!notice.only.empty())
    std::erase_if(addresses,
                  [&](const auto& a) { return std::ranges::find(notice.only, a.first) == notice.only.end(); });

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
  const auto data = json_text::serialize(notice.values);
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
    m.category = notice.category;
    m.locale = locale;
    m.data = data;
    m.next_attempt_at = now;
    m.created_at = now;
    if (channel == kInApp)
      deliver_in_app(tx, m);
    else if (message_store::insert(tx.sql(), m))
      tx.after_commit([this, id = m.id] { sender_.submit(id); });
  }
}

void MessageIntake::deliver_in_app(Tx& tx, Message& m) {
  m.attempts = 1;
  std::optional<Rendered> rendered;
  try {
    const auto t = templates_.find(m.template_name, m.channel, m.locale);
    if (!t) throw Error(ErrorKind::not_found, "no in_app template " + m.template_name);
    rendered = render(*t, m.channel, mustache_data(boost::json::parse(m.data)));
    m.status = Status::sent;
    m.subject = rendered->subject;
    m.provider_id = m.id;
    m.sent_at = m.created_at;
  } catch (const std::exception& e) {
    m.status = Status::failed;
    m.last_error = log::describe(e);
  }
  if (!message_store::insert(tx.sql(), m)) return;  // the notice came before
  if (rendered) {
    inbox_.add(tx, m, *rendered);
    tx.publish(events::Sent{m.id, m.event_id, m.channel, m.template_name, m.id, m.attempts});
  } else {
    log::warn("notification: an in-app message was not stored", {{"message_id", m.id}, {"error", *m.last_error}});
    tx.publish(events::Failed{m.id, m.event_id, m.channel, m.template_name, *m.last_error, m.attempts});
  }
  tx.after_commit([this, sent = rendered.has_value()] {
    metrics_
        .counter(sent ? "agora_notification_sent_total" : "agora_notification_failed_total",
                 sent ? "Messages sent, by channel" : "Messages that failed for good, by channel",
                 {{"channel", std::string(kInApp)}})
        .inc();
  });
}

}  // namespace agora::notification
