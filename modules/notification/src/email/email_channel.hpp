#pragma once
// Email as a channel: the rendered message as a MIME email with a Message-ID stable across
// attempts (and, for a user's marketing, a one-click unsubscribe link), handed to the SMTP server.
#include "app/channel.hpp"
#include "app/unsubscribe_links.hpp"
#include "email/smtp_client.hpp"

namespace agora::notification {

class EmailChannel final : public Channel {
 public:
  EmailChannel(SmtpOptions options, const UnsubscribeLinks& unsubscribe)
      : smtp_(std::move(options)), unsubscribe_(unsubscribe) {}
  Delivery send(const Message& m, const Rendered& r, Timestamp now) override;

 private:
  SmtpClient smtp_;
  const UnsubscribeLinks& unsubscribe_;
};

}  // namespace agora::notification
