#pragma once
// Durable in-process events: envelope, subscriptions, and the event log each subscriber reads.
#include <agora/core/clock.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace agora {

class Tx;
class Database;
class Metrics;

struct Event {
  std::string id;  // UUIDv7
  std::string type;  // "order.created"
  int version = 1;
  std::string topic;  // "order.events"
  std::string key;    // aggregate id: per-key order holds for every subscriber
  Timestamp occurred_at;
  std::string region;
  std::string traceparent;
  boost::json::value payload;

  std::string trace_id() const;
  boost::json::object envelope() const;  // all fields as JSON (payload included)
};

// Handlers run inside a transaction that also moves the subscriber's position in the event log:
// database work they do through tx takes effect exactly once. Throwing makes the event retry.
using EventHandler = std::function<void(Tx& tx, const Event& event)>;

// A subscriber reads the log of committed events from its own position: one per key partition,
// created when an instance running it first starts (or publishes) and read from then on.
struct Subscription {
  std::string name;                 // stable: positions and retries are stored under it
  std::vector<std::string> topics;  // "*" subscribes to every topic
  std::vector<std::string> types;   // empty: every type of those topics
  EventHandler handler;
  // 0: events.max_attempts, then the event is dead-lettered and later events of its key go on.
  // < 0: retry forever, holding the whole partition at the failed event (the Kafka mirror).
  int max_attempts = 0;
  // Key partitions, each read by one dispatcher at a time across all instances (per-key order holds
  // in each); every instance runs a dispatcher thread per partition. Fixed once the subscriber ran:
  // another count is refused at start, since keys would move between partitions.
  int workers = 1;
  // Events handled per transaction, each in a savepoint: a failing one is undone and set aside for a
  // retry alone (later events of its key wait behind it), the others commit together.
  int batch = 64;
  // Called with a batch before its handlers run, to start slow work for all of them at once (the
  // Kafka mirror produces the whole batch, then each handler waits for its report).
  std::function<void(const std::vector<Event>&)> on_batch;
};

// What every instance hears when an event commits: enough to refresh an in-process cache.
struct Notice {
  std::string topic;
  std::string type;
  std::string key;  // "" when the key was too long to announce: treat as any key of the topic
};

// A per-instance, non-durable view of committed events (delivered by NOTIFY to every instance,
// including the publisher's). For caches only: anything that must happen once is a Subscription.
struct Watch {
  std::vector<std::string> topics;
  std::function<void(const Notice&)> on_event;  // on the listener thread: keep it short
  std::function<void()> on_gap;  // notices may have been missed (connection lost): drop everything
};

// Receives a transaction's published events right before it commits, and hears of them again
// once it committed.
class Outbox {
 public:
  virtual ~Outbox() = default;
  virtual void write(soci::session& sql, const std::vector<Event>& events) = 0;  // in publishing order
  // Right after the commit, on the same connection. Outside the transaction on purpose:
  // PostgreSQL serialises the commits of transactions that NOTIFY. Never throws.
  virtual void announce(soci::session& sql, const std::vector<Notice>& committed) noexcept = 0;
};

struct DeadLetter {
  std::int64_t id = 0;
  std::string subscriber;
  Event event;
  int attempts = 0;
  std::string last_error;
  Timestamp failed_at;
};

struct EventBusOptions {
  std::chrono::milliseconds poll_interval{1000};  // fallback when NOTIFY is missed
  std::chrono::milliseconds coalesce{1};          // a woken dispatcher waits this long to read more at once
  std::chrono::milliseconds retry_base{500};      // first backoff, doubled per attempt
  std::chrono::milliseconds retry_max{60000};
  int max_attempts = 10;
  std::chrono::hours retention{24 * 7};           // delivered events kept this long
  // false: a dispatcher's pass commits without waiting for its WAL flush (an event's handling is
  // then lost whole in a database crash, and redone).
  bool durable_passes = false;
};

class EventBus final : public Outbox {
 public:
  EventBus(Database& db, Metrics& metrics, EventBusOptions options);
  ~EventBus() override;

  void subscribe(Subscription subscription);  // before start()
  void watch(Watch watch);                     // before start()
  void start();                                // dispatcher threads and LISTEN
  void stop();                                 // lets handlers in flight finish

  void write(soci::session& sql, const std::vector<Event>& events) override;
  void announce(soci::session& sql, const std::vector<Notice>& committed) noexcept override;

  std::vector<DeadLetter> dead_letters(std::size_t limit, std::int64_t after_id = 0);
  bool replay(std::int64_t dead_letter_id);    // false when there is no such dead letter
  // Events subscribers (or the one named) have not passed yet, retries included.
  std::int64_t backlog(std::string_view subscriber = {});
  void wake();                                  // run the dispatchers now

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agora
