#include "events/listener.hpp"
#include "events/outbox_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/trace.hpp>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace agora {

namespace {

bool matches(const Subscription& s, const Event& e) {
  const auto has = [](const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
  return (has(s.topics, "*") || has(s.topics, e.topic)) && (s.types.empty() || has(s.types, e.type));
}

// A NOTIFY payload is at most 8000 bytes. A notice is "topic<US>type<US>key", notices are
// separated by new lines; neither separator occurs in topics or types.
constexpr char kNoticeSeparator = '\x1f';
constexpr std::size_t kMaxPayload = 7900;
constexpr std::size_t kMaxKey = 1000;

std::string notice_text(const Notice& n) {
  std::string text = n.topic + kNoticeSeparator + n.type + kNoticeSeparator;
  if (n.key.size() <= kMaxKey && n.key.find_first_of("\x1f\n") == std::string::npos) text += n.key;
  return text;
}

std::optional<Notice> parse_notice(std::string_view text) {
  const auto a = text.find(kNoticeSeparator);
  const auto b = a == std::string_view::npos ? a : text.find(kNoticeSeparator, a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  return Notice{std::string(text.substr(0, a)), std::string(text.substr(a + 1, b - a - 1)),
                std::string(text.substr(b + 1))};
}

}  // namespace

struct EventBus::Impl {
  Database& db;
  Metrics& metrics;
  EventBusOptions options;
  std::vector<Subscription> subscriptions;
  std::vector<Watch> watches;

  std::mutex mutex;
  std::condition_variable wakeup;
  std::uint64_t generation = 0;
  bool running = false;
  std::vector<std::thread> threads;
  std::unique_ptr<NotifyListener> listener;

  Gauge& backlog_gauge;
  Gauge& age_gauge;
  Gauge& dead_gauge;

  Impl(Database& d, Metrics& m, EventBusOptions o)
      : db(d),
        metrics(m),
        options(o),
        backlog_gauge(m.gauge("agora_outbox_backlog", "Event deliveries not yet handled")),
        age_gauge(m.gauge("agora_outbox_oldest_age_seconds", "Age of the oldest event with a pending delivery")),
        dead_gauge(m.gauge("agora_events_dead_letters", "Event deliveries dead-lettered and awaiting replay")) {}

  void wake() {
    {
      std::lock_guard lock(mutex);
      ++generation;
    }
    wakeup.notify_all();
  }

  void on_notify(std::string_view channel, std::string_view payload) {
    if (channel == "agora_events") return wake();
    while (!payload.empty()) {
      const auto end = std::min(payload.find('\n'), payload.size());
      if (const auto notice = parse_notice(payload.substr(0, end))) tell_watchers(*notice);
      payload.remove_prefix(std::min(end + 1, payload.size()));
    }
  }

  void tell_watchers(const Notice& notice) {
    for (const auto& w : watches) {
      if (std::find(w.topics.begin(), w.topics.end(), notice.topic) == w.topics.end()) continue;
      try {
        w.on_event(notice);
      } catch (const std::exception& e) {
        log::warn("event watcher failed", {{"topic", notice.topic}, {"type", notice.type}, {"error", e.what()}});
      }
    }
  }

  void on_listening() {
    wake();  // catch up with deliveries committed while not listening
    for (const auto& w : watches) {
      try {
        w.on_gap();
      } catch (const std::exception& e) {
        log::warn("event watcher failed to reset", {{"error", e.what()}});
      }
    }
  }

  std::chrono::milliseconds backoff(int attempts) const {
    auto delay = options.retry_base;
    for (int i = 1; i < attempts && delay < options.retry_max; ++i) delay *= 2;
    return std::min(delay, options.retry_max);
  }

  // Handles a batch of one subscriber's due deliveries in one transaction; false when none was due.
  // A handler that throws is undone alone (savepoint) and its delivery retried later or dead-lettered.
  bool dispatch_batch(const Subscription& s, Counter& ok) {
    std::vector<long long> done;
    std::vector<std::pair<const outbox_store::Claimed*, std::string>> failed;
    std::vector<outbox_store::Claimed> claimed;
    db.transact([&](Tx& tx) {
      done.clear();
      failed.clear();
      claimed = outbox_store::claim(tx.sql(), s.name, std::max(1, s.batch));
      if (claimed.empty()) return;
      if (s.on_batch) {
        std::vector<Event> events;
        for (const auto& c : claimed) events.push_back(c.event);
        s.on_batch(events);
      }
      for (const auto& c : claimed) {
        ScopedTrace trace({"", c.event.traceparent});
        try {
          tx.savepoint([&] { s.handler(tx, c.event); });
          done.push_back(c.delivery_id);
        } catch (const std::exception& e) {
          std::string error = e.what();
          if (error.size() > 2000) error.resize(2000);
          record_failure(tx, s, c, error);
          failed.emplace_back(&c, std::move(error));
        }
      }
      outbox_store::remove_deliveries(tx.sql(), done);
    });
    ok.inc(static_cast<double>(done.size()));
    for (const auto& [c, error] : failed) {
      const bool dead = is_dead(s, c->attempts + 1);
      metrics.counter("agora_events_failures_total", "Event handler failures", {{"subscriber", s.name}, {"outcome", dead ? "dead_letter" : "retry"}}).inc();
      log::warn(dead ? "event dead-lettered" : "event handler failed; will retry",
                {{"subscriber", s.name}, {"event_id", c->event.id}, {"type", c->event.type},
                 {"attempts", c->attempts + 1}, {"error", error}});
    }
    return !claimed.empty();
  }

  bool is_dead(const Subscription& s, int attempts) const {
    const int max_attempts = s.max_attempts == 0 ? options.max_attempts : s.max_attempts;
    return max_attempts > 0 && attempts >= max_attempts;
  }

  void record_failure(Tx& tx, const Subscription& s, const outbox_store::Claimed& c, const std::string& error) {
    const int attempts = c.attempts + 1;
    if (is_dead(s, attempts))
      outbox_store::dead_letter(tx.sql(), c.delivery_id, attempts, error);
    else
      outbox_store::schedule_retry(tx.sql(), c.delivery_id, attempts, error, backoff(attempts));
  }

  void run(const Subscription& s) {
    Counter& ok = metrics.counter("agora_events_handled_total", "Events handled", {{"subscriber", s.name}});
    while (true) {
      std::uint64_t seen;
      {
        std::lock_guard lock(mutex);
        if (!running) return;
        seen = generation;
      }
      bool did = false;
      try {
        did = dispatch_batch(s, ok);
      } catch (const std::exception& e) {
        log::warn("event dispatch failed", {{"subscriber", s.name}, {"error", e.what()}});
      }
      if (did) continue;
      std::unique_lock lock(mutex);
      wakeup.wait_for(lock, options.poll_interval, [&] { return !running || generation != seen; });
    }
  }

  void housekeeping() {
    auto last_prune = std::chrono::steady_clock::now() - std::chrono::hours(1);
    while (true) {
      try {
        auto conn = db.acquire();
        const auto s = outbox_store::stats(*conn);
        backlog_gauge.set(static_cast<double>(s.backlog));
        age_gauge.set(s.oldest_age_seconds);
        dead_gauge.set(static_cast<double>(s.dead_letters));
        if (std::chrono::steady_clock::now() - last_prune > std::chrono::minutes(10)) {
          outbox_store::prune(*conn, options.retention);
          last_prune = std::chrono::steady_clock::now();
        }
      } catch (const std::exception& e) {
        log::warn("outbox housekeeping failed", {{"error", e.what()}});
      }
      std::unique_lock lock(mutex);
      if (wakeup.wait_for(lock, std::max(options.poll_interval, std::chrono::milliseconds(1000)), [&] { return !running; }))
        return;
    }
  }
};

EventBus::EventBus(Database& db, Metrics& metrics, EventBusOptions options)
    : impl_(std::make_unique<Impl>(db, metrics, options)) {
  db.set_outbox(this);
}

EventBus::~EventBus() {
  stop();
  impl_->db.set_outbox(nullptr);
}

void EventBus::subscribe(Subscription subscription) {
  std::lock_guard lock(impl_->mutex);
  if (impl_->running) throw Error(ErrorKind::internal, "subscribe() after the event bus started");
  for (const auto& s : impl_->subscriptions)
    if (s.name == subscription.name)
      throw Error(ErrorKind::internal, "two subscriptions named " + subscription.name);
  impl_->subscriptions.push_back(std::move(subscription));
}

void EventBus::watch(Watch watch) {
  std::lock_guard lock(impl_->mutex);
  if (impl_->running) throw Error(ErrorKind::internal, "watch() after the event bus started");
  impl_->watches.push_back(std::move(watch));
}

void EventBus::start() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->running) return;
  impl_->running = true;
  for (const auto& s : impl_->subscriptions)
    for (int i = 0; i < std::max(1, s.workers); ++i) impl_->threads.emplace_back([this, &s] { impl_->run(s); });
  impl_->threads.emplace_back([this] { impl_->housekeeping(); });
  std::vector<std::string> channels{"agora_events"};
  if (!impl_->watches.empty()) channels.emplace_back("agora_notices");
  impl_->listener = std::make_unique<NotifyListener>(
      impl_->db.options().url, std::move(channels),
      [this](std::string_view channel, std::string_view payload) { impl_->on_notify(channel, payload); },
      [this] { impl_->on_listening(); });
  impl_->listener->start();
}

void EventBus::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->running) return;
    impl_->running = false;
  }
  impl_->wakeup.notify_all();
  if (impl_->listener) impl_->listener->stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
}

void EventBus::write(soci::session& sql, const std::vector<Event>& events) {
  std::vector<std::string> lock_names;
  for (const auto& e : events) lock_names.push_back("agora.events/" + e.topic + "/" + e.key);
  outbox_store::lock_keys(sql, lock_names);
  const auto seqs = outbox_store::insert_events(sql, events);
  std::vector<outbox_store::NewDelivery> deliveries;
  for (std::size_t i = 0; i < events.size(); ++i)
    for (const auto& s : impl_->subscriptions)
      if (matches(s, events[i])) deliveries.push_back({seqs[i], s.name, events[i].key});
  outbox_store::insert_deliveries(sql, deliveries);
}

void EventBus::announce(soci::session& sql, const std::vector<Notice>& committed) noexcept {
  try {
    std::string payload;
    for (const auto& n : committed) {
      auto text = notice_text(n);
      if (!payload.empty() && payload.size() + 1 + text.size() > kMaxPayload) {
        outbox_store::announce(sql, payload);
        payload.clear();
      }
      payload += (payload.empty() ? "" : "\n") + text;
    }
    outbox_store::announce(sql, payload);
  } catch (const std::exception& e) {
    // The change is committed; the dispatchers' polling finds its deliveries.
    log::warn("could not announce committed events", {{"error", e.what()}, {"events", committed.size()}});
  }
}

std::vector<DeadLetter> EventBus::dead_letters(std::size_t limit, std::int64_t after_id) {
  auto conn = impl_->db.acquire();
  return outbox_store::dead_letters(*conn, limit, after_id);
}

bool EventBus::replay(std::int64_t id) {
  return impl_->db.transact([&](Tx& tx) {
    const auto subscriber = outbox_store::dead_letter_subscriber(tx.sql(), id);
    if (!subscriber) return false;
    const bool known = std::any_of(impl_->subscriptions.begin(), impl_->subscriptions.end(),
                                   [&](const Subscription& s) { return s.name == *subscriber; });
    if (!known)
      throw Error(ErrorKind::conflict, "dead letter " + std::to_string(id) + " belongs to subscriber " + *subscriber +
                                           ", which this server does not run");
    outbox_store::requeue_dead_letter(tx.sql(), id);
    return true;
  });
}

std::int64_t EventBus::backlog() {
  auto conn = impl_->db.acquire();
  return outbox_store::stats(*conn).backlog;
}

void EventBus::wake() { impl_->wake(); }

}  // namespace agora
