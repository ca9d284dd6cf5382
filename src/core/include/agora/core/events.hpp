#pragma once
// Durable in-process events: envelope, subscriptions, and the event log each subscriber reads.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace soci {
class session;
}

namespace agora {

class Tx;
class Database;
class Metrics;

struct Event {
  std::string id;    // UUIDv7
  std::string type;  // "order.created"
  int version = 1;
  std::string topic;      // "order.events"
  std::string key;        // aggregate id: per-key order holds for every subscriber
  Timestamp occurred_at;  // when its transaction appended it to the log, right before the commit
  std::string region;
  std::string traceparent;
  boost::json::value payload;

  std::string trace_id() const;
  boost::json::object envelope() const;  // all fields as JSON (payload included)
};
BOOST_DESCRIBE_STRUCT(Event, (), (id, type, version, topic, key, occurred_at, region, traceparent, payload))

// What names an event: the topic it goes on, its type, and the version of its payload's meaning.
struct EventName {
  std::string_view topic;  // "order.events"
  std::string_view type;   // "order.created"
  int version = 1;
};

// An event as a type: a struct in its producer's events.hpp with its name (static constexpr
// EventName kName), key() (the aggregate id) and its payload to and from JSON
// (agora/core/event_json.hpp).
template <class T>
concept TypedEvent = requires(const T& e) {
  { T::kName } -> std::convertible_to<EventName>;
  { e.key() } -> std::convertible_to<std::string>;
};

// A payload that does not read as what its type and version promise. Retrying cannot change a
// payload, so the event is dead-lettered at once with this reason.
class UnreadableEvent : public std::runtime_error {
 public:
  explicit UnreadableEvent(const std::string& reason);
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
  // How long a woken dispatcher waits to read more at once; 0: events.coalesce. A subscriber no
  // one waits on (the Kafka mirror) reads larger batches, in fewer passes, with a longer wait.
  std::chrono::milliseconds coalesce{0};
};

// One subscriber's typed handlers, one per event type and version it reads; subscription() makes
// the Subscription. An event of a version no handler reads passes by without reaching one.
//   bus.subscribe(EventHandlers().on<order::Created>(reserve).on<order::Cancelled>(release)
//                     .subscription("inventory.order_reactions"));
// A handler is void(Tx&, const T&) or void(Tx&, const T&, const Event&) (for the envelope).
class EventHandlers {
 public:
  template <TypedEvent T, class F>
  EventHandlers& on(F handler);
  Subscription subscription(std::string name) const;

 private:
  struct Route {
    std::string topic;
    std::string type;
    int version;
    EventHandler handle;
  };
  // Reads e's payload as T; UnreadableEvent naming what is wrong when it does not read.
  template <class T>
  static T read(const Event& e);
  [[noreturn]] static void unreadable(const Event& e, const std::exception& why);
  std::vector<Route> routes_;
};

// What every instance hears when an event commits: enough to refresh an in-process cache.
struct Notice {
  std::string topic;
  std::string type;
  std::string key;  // "" when the key was too long to announce: treat as any key of the topic
};

// A per-instance, non-durable view of committed events (the publisher's own at its commit, every
// other instance's by NOTIFY). For caches only: anything that must happen once is a Subscription.
struct Watch {
  std::vector<std::string> topics;
  std::function<void(const Notice&)> on_event;  // on the bus's one notice thread: keep it short
  std::function<void()> on_gap;                 // notices may have been missed (connection lost): drop everything
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
  std::chrono::hours retention{24 * 7};  // delivered events kept this long
  // false: a dispatcher's pass commits without waiting for its WAL flush (an event's handling is
  // then lost whole in a database crash, and redone).
  bool durable_passes = false;
};

class EventBus final : public Outbox {
 public:
  EventBus(Database& db, Metrics& metrics, EventBusOptions options);
  ~EventBus() override;

  void subscribe(Subscription subscription);  // before start()
  // One typed event: bus.subscribe<catalog::order_events::Completed>("catalog.verified_purchases", f).
  template <TypedEvent T, class F>
  void subscribe(std::string name, F handler) {
    subscribe(EventHandlers().on<T>(std::move(handler)).subscription(std::move(name)));
  }
  void watch(Watch watch);  // before start()
  void start();             // dispatcher threads and LISTEN
  void stop();              // lets handlers in flight finish

  void write(soci::session& sql, const std::vector<Event>& events) override;
  void announce(soci::session& sql, const std::vector<Notice>& committed) noexcept override;

  std::vector<DeadLetter> dead_letters(std::size_t limit, std::int64_t after_id = 0);
  bool replay(std::int64_t dead_letter_id);  // false when there is no such dead letter
  // Events subscribers (or the one named) have not passed yet, retries included.
  std::int64_t backlog(std::string_view subscriber = {});
  void wake();  // run the dispatchers now

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

template <class T>
T EventHandlers::read(const Event& e) {
  try {
    return boost::json::value_to<T>(e.payload);
  } catch (const std::exception& why) {
    unreadable(e, why);
  }
}

template <TypedEvent T, class F>
EventHandlers& EventHandlers::on(F handler) {
  routes_.push_back({std::string(T::kName.topic), std::string(T::kName.type), T::kName.version,
                     [handler = std::move(handler)](Tx& tx, const Event& e) {
                       if constexpr (std::is_invocable_v<F&, Tx&, const T&, const Event&>)
                         handler(tx, read<T>(e), e);
                       else
                         handler(tx, read<T>(e));
                     }});
  return *this;
}

}  // namespace agora
