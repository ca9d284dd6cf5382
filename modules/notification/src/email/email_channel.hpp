#pragma once
// Email as a channel: the rendered message as a MIME email with a Message-ID stable across
// attempts, handed to the SMTP server.
#include "app/channel.hpp"
#include "email/smtp_client.hpp"

namespace agora::notification {

class EmailChannel final : public Channel {
 public:
  explicit EmailChannel(SmtpOptions options) : smtp_(std::move(options)) {}
  Delivery send(const Message& m, const Rendered& r, Timestamp now) override;

 private:
  SmtpClient smtp_;
};

}  // namespace agora::notification
