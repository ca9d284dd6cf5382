#include "app/message_sender.hpp"

#include "app/template_values.hpp"
#include "domain/channels.hpp"
#include "store/message_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/notification/events.hpp>
#include <boost/json/parse.hpp>

#include <chrono>
#include <map>
#include <thread>

namespace agora::notification {
namespace {

// Messages submitted per pass of the resume job; more wait for the next pass.
constexpr std::size_t kResumeBatch = 500;

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

// Renders the message with its template and hands it to its channel; sets its subject once rendered.
Delivery send(Message& m, const TemplateLookup& templates, Channel& channel, Timestamp now) {
  const auto t = templates.find(m.template_name, m.channel, m.locale);
  if (!t) return {Outcome::permanent_failure, "", "no " + m.channel + " template " + m.template_name};
  Rendered rendered;
  try {
    rendered = render(*t, m.channel, mustache_data(boost::json::parse(m.data)));
  } catch (const std::exception& e) {
    // A template that does not render will not on the next attempt either.
    return {Outcome::permanent_failure, "", log::describe(e)};
  }
  m.subject = rendered.subject;
  return channel.send(m, rendered, now);
}

}  // namespace

MessageSender::MessageSender(Database& db, const Clock& clock, Metrics& metrics, const TemplateLookup& templates,
                             SenderOptions options)
    : db_(db),
      clock_(clock),
      metrics_(metrics),
      templates_(templates),
      options_(options),
      queue_(
          options.threads, [this](const std::string& id) { run(id); },
          [](const std::string& id, const std::exception& e) {
            // Its lease runs out and the resume job hands it to a sender again.
            log::error("notification: a message could not be sent", {{"message_id", id}, {"error", log::describe(e)}});
          }) {
  for (const auto& [channel, rate] : options_.per_second)
    if (rate > 0) paces_.emplace(channel, std::make_unique<SendPace>(rate));
}

void MessageSender::add_channel(std::string_view name, Channel& channel) { channels_[std::string(name)] = &channel; }

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

  if (const auto pace = paces_.find(claimed->channel); pace != paces_.end())
    std::this_thread::sleep_for(pace->second->reserve(std::chrono::steady_clock::now()));
  const auto started = std::chrono::steady_clock::now();
  const auto channel = channels_.find(claimed->channel);
  const auto delivery = channel == channels_.end()
                            ? Delivery{Outcome::permanent_failure, "", "no channel " + claimed->channel + " is set up"}
                            : send(*claimed, templates_, *channel->second, now);
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
