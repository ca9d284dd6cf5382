#include "options.hpp"

#include "domain/channels.hpp"

#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>

#include <algorithm>
#include <cctype>

namespace agora::notification {
namespace {

bool letters_and_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isalnum(c); });
}

bool http_url(std::string_view url) { return url.starts_with("https://") || url.starts_with("http://"); }

TwilioOptions read_sms_options(const Config& c) {
  TwilioOptions o{.api_base_url = c.string("notification.sms.api_base_url"),
                  .account_sid = c.string("notification.sms.account_sid"),
                  .auth_token = c.string("notification.sms.auth_token"),
                  .from = c.string("notification.sms.from"),
                  .messaging_service_sid = c.string("notification.sms.messaging_service_sid"),
                  .callback_url = c.string("notification.sms.callback_url"),
                  .timeout = c.millis("notification.sms.timeout_ms")};
  if (!o.configured()) return o;
  const auto refuse = [](std::string_view key, std::string_view why) {
    throw ConfigError("config key notification.sms." + std::string(key) + ": " + std::string(why));
  };
  if (!letters_and_digits(o.account_sid)) refuse("account_sid", "is a Twilio account SID (AC...)");
  if (o.auth_token.empty()) refuse("auth_token", "is required with an account_sid");
  if (o.from.empty() && o.messaging_service_sid.empty())
    refuse("from", "or messaging_service_sid is required with an account_sid");
  if (!http_url(o.api_base_url)) refuse("api_base_url", "is an http:// or https:// URL");
  if (!o.callback_url.empty() && !http_url(o.callback_url)) refuse("callback_url", "is an http:// or https:// URL");
  return o;
}

}  // namespace

ConfigSection config_section() {
  return {
      "notification",
      {{"shop_name", "Agora", "the shop's name as messages give it (in subjects and greetings)"},
       {"shop_url", "http://localhost:8080",
        "the storefront's address: verification and password reset links open its /verify-email and "
        "/reset-password pages with ?token="},
       {"api_url", "http://localhost:8080",
        "where Agora's API is reached from outside: marketing email's one-click unsubscribe links point at its "
        "/api/v1/notifications/unsubscribe"},
       {"unsubscribe_secret", "",
        "the key unsubscribe links are signed with (env:NAME or file:/path); \"\" makes one per process (links "
        "in email sent before a restart stop working)"},
       {"locale", "en", "the locale messages are written in (the default templates are in en)"},
       {"smtp.host", "localhost", "the SMTP server email is sent through"},
       {"smtp.port", 587, "its port (587 for STARTTLS, 465 for implicit TLS, 25 for none)", 1, 65535},
       {.name = "smtp.tls",
        .default_value = "starttls",
        .description = "\"starttls\": upgrade the connection and refuse a server that cannot; \"implicit\": TLS "
                       "from the first byte (smtps); \"none\": plain text (a local relay, tests)",
        .one_of = {"none", "starttls", "implicit"}},
       {"smtp.ca_file", "",
        "the CA certificates (PEM) the server's certificate is checked against (a private CA); \"\": the "
        "system's"},
       {"smtp.user", "", "the user to authenticate as (\"\": no authentication)"},
       {"smtp.password", "", "its password; give it as env:NAME or file:/path"},
       {"smtp.from", "Agora <shop@localhost>", "the From of every email, an address or \"Name <address>\""},
       {"smtp.connect_timeout_ms", 10000, "a connection not made this long fails the attempt", 100, 600'000},
       {"smtp.timeout_ms", 30000,
        "an email not handed over this long after the start fails the attempt; below "
        "lease_ms",
        100, 600'000},
       {"sms.api_base_url", "https://api.twilio.com", "where Twilio's API is called (an emulator's URL in tests)"},
       {"sms.account_sid", "",
        "the Twilio account (AC...) SMS is sent through; \"\": SMS is not offered (users who chose it get "
        "their messages on another channel)"},
       {"sms.auth_token", "",
        "the account's auth token, required with an account_sid; it verifies Twilio's status callbacks too; give "
        "it as env:NAME or file:/path"},
       {"sms.from", "", "the sender: one of the account's numbers (E.164) or an alphanumeric sender id"},
       {"sms.messaging_service_sid", "",
        "a Messaging Service (MG...) that picks the sender, instead of from; one of the two is required"},
       {"sms.callback_url", "",
        "the public URL of /api/v1/notifications/sms/status as Twilio reaches and signs it "
        "(https://shop.example.com/api/v1/notifications/sms/status); \"\": no delivery reports"},
       {"sms.timeout_ms", 10000, "a Twilio call unanswered this long is tried again (and may send it twice)", 100,
        600'000},
       {"push.service_account", "",
        "the Google service account key (JSON) push messages go out through FCM with: the key itself or its "
        "file's path; give it as file:/path or env:NAME. \"\": no push messages"},
       {"push.api_base_url", "https://fcm.googleapis.com",
        "FCM's HTTP v1 API (the access token comes from the "
        "key's token_uri)"},
       {"push.timeout_ms", 10000, "a call to FCM or to the token_uri unanswered this long fails; below lease_ms", 100,
        600'000},
       {"sender_threads", 2, "threads sending messages", 1, 64},
       {"email_per_second", 0, "emails sent per second at most (the SMTP relay's limit); 0: no limit", 0, 100'000},
       {"sms_per_second", 0, "SMS sent per second at most (Twilio's limit for the sender); 0: no limit", 0, 100'000},
       {"push_per_second", 0, "push messages sent per second at most; 0: no limit", 0, 100'000},
       {"stream_threads", 2, "threads sending new in-app messages to the users' live streams", 1, 64},
       {"lease_ms", 60000,
        "a message is held this long while it is sent; longer than any send takes, or another sender sends it "
        "again",
        1000, 3'600'000},
       {"max_attempts", 8, "a message not sent after this many attempts fails for good", 1, 100},
       {"retry_base_ms", 30000, "a temporary failure is tried again after this, doubled per attempt", 1, 3'600'000},
       {"retry_max_ms", 3'600'000, "the longest wait between two attempts", 1, 86'400'000},
       {"resume_interval_ms", 1000, "how often messages due, or left by a sender that died, are looked for", 1,
        3'600'000}}};
}

Options read_options(const Config& c) {
  Options o;
  o.smtp = {.host = c.string("notification.smtp.host"),
            .port = static_cast<int>(c.integer("notification.smtp.port")),
            .tls = smtp_tls_from(c.string("notification.smtp.tls")),
            .ca_file = c.string("notification.smtp.ca_file"),
            .user = c.string("notification.smtp.user"),
            .password = c.string("notification.smtp.password"),
            .from = c.string("notification.smtp.from"),
            .connect_timeout = c.millis("notification.smtp.connect_timeout_ms"),
            .timeout = c.millis("notification.smtp.timeout_ms")};
  o.sms = read_sms_options(c);
  o.push = {.service_account = c.string("notification.push.service_account"),
            .api_base_url = c.string("notification.push.api_base_url"),
            .timeout = c.millis("notification.push.timeout_ms")};
  o.sender.threads = static_cast<int>(c.integer("notification.sender_threads"));
  for (const auto channel : {kEmail, kSms, kPush})
    if (const auto rate = c.integer("notification." + std::string(channel) + "_per_second"); rate > 0)
      o.sender.per_second.emplace(channel, static_cast<double>(rate));
  o.stream_threads = static_cast<int>(c.integer("notification.stream_threads"));
  o.sender.lease = c.millis("notification.lease_ms");
  o.sender.retry = {.base = c.millis("notification.retry_base_ms"),
                    .max = c.millis("notification.retry_max_ms"),
                    .max_attempts = static_cast<int>(c.integer("notification.max_attempts"))};
  o.shop_name = c.string("notification.shop_name");
  o.shop_url = c.string("notification.shop_url");
  o.api_url = c.string("notification.api_url");
  while (o.api_url.ends_with('/')) o.api_url.pop_back();
  o.unsubscribe_secret = c.string("notification.unsubscribe_secret");
  if (o.unsubscribe_secret.empty()) {
    log::info("notification.unsubscribe_secret is not set: unsubscribe links last until this process stops");
    o.unsubscribe_secret = new_secret();
  }
  while (o.shop_url.ends_with('/')) o.shop_url.pop_back();
  o.locale = c.string("notification.locale");
  o.resume_interval = c.millis("notification.resume_interval_ms");
  return o;
}

}  // namespace agora::notification
