#pragma once
// Sends messages on threads of its own, outside any transaction. For each message handed to it:
// takes the message's lease (counting the attempt; not due or another sender holding it: skip),
// renders it, hands it to the provider, then records the outcome and publishes notification.sent
// or notification.failed in one transaction. A temporary failure is queued again after a backoff;
// the resume job hands over messages due again and those whose sender died mid-send.
#include "app/channel.hpp"
#include "app/template_lookup.hpp"
#include "domain/message.hpp"
#include "domain/send_pace.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/work_queue.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace agora {
class Database;
class Metrics;
}  // namespace agora

namespace agora::notification {

struct SenderOptions {
  int threads = 2;
  std::map<std::string, double, std::less<>> per_second;  // channels' send rates; a channel not named: no limit
  std::chrono::milliseconds lease{60000};                 // a message is held this long while it is sent
  RetryPolicy retry;
};

class MessageSender {
 public:
  MessageSender(Database& db, const Clock& clock, Metrics& metrics, const TemplateLookup& templates,
                SenderOptions options);

  // Before start(): messages on channel `name` go to `channel`; a message on a channel not added
  // fails for good.
  void add_channel(std::string_view name, Channel& channel);
  // Whether a channel was added under `name`: one not set up reaches no one.
  bool has_channel(std::string_view name) const { return channels_.contains(name); }

  void start() { queue_.start(); }
  // Lets the sends under way finish; messages still queued are found again by resume().
  void stop() { queue_.stop(); }
  // Sends the message soon, unless it is queued already. Any thread.
  void submit(const std::string& message_id);
  // Submits the messages due: queued for a retry whose time came, or left by a sender that died.
  void resume();

 private:
  void run(const std::string& message_id);

  Database& db_;
  const Clock& clock_;
  Metrics& metrics_;
  const TemplateLookup& templates_;
  std::map<std::string, Channel*, std::less<>> channels_;
  std::map<std::string, std::unique_ptr<SendPace>, std::less<>> paces_;  // by channel, from options.per_second
  const SenderOptions options_;
  WorkQueue<std::string> queue_;  // message ids
};

}  // namespace agora::notification
