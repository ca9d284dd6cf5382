#include "email/email_channel.hpp"

#include "domain/mime.hpp"

namespace agora::notification {
namespace {

// The email's Message-ID: the same on every attempt, so a copy sent twice reads as one to mail clients.
std::string message_id_of(const Message& m, const SmtpOptions& smtp) {
  const auto domain = domain_of(smtp.from);
  return "<" + m.id + "@" + (domain.empty() ? "localhost" : domain) + ">";
}

}  // namespace

Delivery EmailChannel::send(const Message& m, const Rendered& r, Timestamp now) {
  const auto message_id = message_id_of(m, smtp_.options());
  const auto bytes = mime_message(
      {.from = smtp_.options().from,
       .to = m.recipient,
       .subject = r.subject,
       .text = r.text,
       .html = r.html,
       .message_id = message_id,
       .date = now,
       .boundary = "=_agora_" + m.id,
       .unsubscribe_url = m.category == Category::marketing && m.user_id ? unsubscribe_.link(*m.user_id) : ""});
  return smtp_.send(m.recipient, bytes, message_id);
}

}  // namespace agora::notification
