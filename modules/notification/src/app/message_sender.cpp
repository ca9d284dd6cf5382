#include "app/message_sender.hpp"

#include "app/template_values.hpp"
#include "domain/email_template.hpp"
#include "domain/mime.hpp"
#include "store/message_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/notification/events.hpp>
#include <boost/json/parse.hpp>

#include <array>
#include <chrono>
#include <map>

namespace agora::notification {
namespace {

// Messages submitted per pass of the resume job; more wait for the next pass.
constexpr std::size_t kResumeBatch = 500;
// The channels messages go out on, each with its metrics from the start.
constexpr std::array<std::string_view, 1> kChannels{"email"};

using Outcome = Delivery::Outcome;

std::string_view outcome_text(Outcome o) {
  switch (o) {
    case Outcome::sent:
      return "sent";
    case Outcome::temporary_failure:
      return "temporary_failure";
    case Outcome::permanent_failure:
      break;
  }
  return "permanent_failure";
}

// The email's Message-ID: the same on every attempt, so a copy sent twice reads as one to mail clients.
std::string message_id_of(const Message& m, const SmtpOptions& smtp) {
  const auto domain = domain_of(smtp.from);
  return "<" + m.id + "@" + (domain.empty() ? "localhost" : domain) + ">";
}

// Renders the message and hands it to the SMTP server; sets its subject once rendered.
Delivery send_email(Message& m, const SmtpClient& smtp, Timestamp now) {
  const auto* t = default_email_template(m.template_name, m.locale);
  if (!t) return {Outcome::permanent_failure, "", "no email template " + m.template_name};
  RenderedEmail rendered;
  try {
    rendered = render(*t, mustache_data(boost::json::parse(m.data)));
  } catch (const std::exception& e) {
    // A template that does not render will not on the next attempt either.
    return {Outcome::permanent_failure, "", log::describe(e)};
  }
  m.subject = rendered.subject;
  const auto message_id = message_id_of(m, smtp.options());
  const auto bytes = mime_message({.from = smtp.options().from,
                                   .to = m.recipient,
                                   .subject = rendered.subject,
                                   .text = rendered.text,
                                   .html = rendered.html,
                                   .message_id = message_id,
                                   .date = now,
                                   .boundary = "=_agora_" + m.id});
  return smtp.send(m.recipient, bytes, message_id);
}

}  // namespace

MessageSender::MessageSender(Database& db, const Clock& clock, Metrics& metrics, const SmtpClient& smtp,
                             SenderOptions options)
    : db_(db),
      clock_(clock),
      metrics_(metrics),
      smtp_(smtp),
      options_(options),
      queue_(
          options.threads, [this](const std::string& id) { run(id); },
          [](const std::string& id, const std::exception& e) {
            // Its lease runs out and the resume job hands it to a sender again.
            log::error("notification: a message could not be sent", {{"message_id", id}, {"error", log::describe(e)}});
          }) {}

void MessageSender::submit(const std::string& message_id) { queue_.submit(message_id, message_id); }

void MessageSender::resume() {
  std::vector<std::string> due;
  std::map<std::string, std::int64_t> waiting;
  {
    auto conn = db_.acquire();
    due = message_store::due(*conn, clock_.now(), kResumeBatch);
    waiting = message_store::waiting(*conn);
  }
  for (const auto& id : due) submit(id);
  for (const auto channel : kChannels)
    metrics_
        .gauge("agora_notification_waiting", "Messages queued or being sent, by channel",
               {{"channel", std::string(channel)}})
        .set(static_cast<double>(waiting[std::string(channel)]));
}

void MessageSender::run(const std::string& message_id) {
  const auto now = clock_.now();
  const auto lease_until = now + options_.lease;
  auto claimed = db_.transact([&](Tx& tx) { return message_store::claim(tx.sql(), message_id, now, lease_until); });
  if (!claimed) return;  // sent, failed, not due yet, or another sender holds it

  const auto started = std::chrono::steady_clock::now();
  const auto delivery = send_email(*claimed, smtp_, now);
  metrics_
      .histogram("agora_notification_send_seconds", "Time to hand a message to its provider, by channel",
                 {{"channel", claimed->channel}})
      .observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  metrics_
      .counter("agora_notification_messages_total", "Attempts to send messages by channel and outcome",
               {{"channel", claimed->channel}, {"outcome", std::string(outcome_text(delivery.outcome))}})
      .inc();

  const auto recorded = db_.transact([&](Tx& tx) -> std::optional<Message> {
    const auto m = message_store::lock(tx.sql(), message_id);
    // Another sender took it after this one's lease ran out: what it records stands.
    if (!m || m->status != Status::sending || m->lease_until != claimed->lease_until) return std::nullopt;
    auto after = after_attempt(*m, delivery, options_.retry, clock_.now());
    after.subject = claimed->subject;
    message_store::update(tx.sql(), after);
    if (after.status == Status::sent)
      tx.publish(events::Sent{after.id, after.event_id, after.channel, after.template_name,
                              after.provider_id.value_or(""), after.attempts});
    else if (after.status == Status::failed)
      tx.publish(events::Failed{after.id, after.event_id, after.channel, after.template_name,
                                after.last_error.value_or(""), after.attempts});
    return after;
  });
  if (!recorded) return;
  if (recorded->status == Status::failed)
    metrics_
        .counter("agora_notification_failed_total", "Messages that failed for good, by channel",
                 {{"channel", recorded->channel}})
        .inc();
  if (recorded->status == Status::sent)
    metrics_.counter("agora_notification_sent_total", "Messages sent, by channel", {{"channel", recorded->channel}})
        .inc();
  if (recorded->status != Status::sent)
    log::warn("notification: a message was not sent",
              {{"message_id", message_id},
               {"status", recorded->status == Status::failed ? "failed" : "queued"},
               {"attempts", recorded->attempts},
               {"error", recorded->last_error.value_or("")}});
}

}  // namespace agora::notification
