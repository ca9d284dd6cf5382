#pragma once
// The notification module's config section [notification] and the options read from it.
#include "app/message_sender.hpp"
#include "email/smtp_client.hpp"
#include "push/push_channel.hpp"
#include "sms/twilio_client.hpp"

#include <agora/core/config.hpp>

#include <chrono>
#include <string>

namespace agora::notification {

struct Options {
  SmtpOptions smtp;
  TwilioOptions sms;  // SMS is offered only when sms.configured()
  PushOptions push;
  SenderOptions sender;
  std::string shop_name;  // what the templates call the shop
  std::string shop_url;   // the storefront, whose pages the account links open
  std::string api_url;    // where Agora's API is reached from outside: unsubscribe links
  std::string unsubscribe_secret;
  std::string locale;  // the locale messages are written in until users have one
  std::chrono::milliseconds resume_interval{1000};
  int stream_threads = 2;
};

// Every key of [notification] with its type, default, range and meaning.
ConfigSection config_section();
Options read_options(const Config& c);

}  // namespace agora::notification
