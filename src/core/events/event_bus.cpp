#include "events/listener.hpp"
#include "events/outbox_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/trace.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_set>

namespace agora {

namespace {

// A NOTIFY payload is at most 8000 bytes. It starts with its sender's tag (kSender, the instance id,
// a new line): an instance skips its own, having heard them at its commit already. Then a notice
// is "topic<US>type<US>key", notices are separated by new lines; neither separator occurs in topics
// or types. agora_events carries "topic<US>type" lines, once each.
constexpr char kSender = '\x1e';
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

// The lines of a NOTIFY payload after its sender's tag.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = std::min(text.find('\n'), text.size());
    if (end > 0 && text[0] != kSender) lines.push_back(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return lines;
}

// What committed, as far as waking a dispatcher goes: an empty type is any type of the topic.
struct Kind {
  std::string_view topic;
  std::string_view type;
};

std::vector<Kind> kinds_of(const std::vector<std::string_view>& lines) {
  std::vector<Kind> kinds;
  for (const auto line : lines) {
    const auto at = line.find(kNoticeSeparator);
    kinds.push_back(at == std::string_view::npos ? Kind{line, {}} : Kind{line.substr(0, at), line.substr(at + 1)});
  }
  return kinds;
}

template <class Range, class T>
bool contains(const Range& r, const T& value) {
  return std::find(r.begin(), r.end(), value) != r.end();
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
  std::vector<std::uint64_t> generations;  // per subscription: bumped when an event it may read commits
  bool running = false;
  std::vector<std::thread> threads;
  std::unique_ptr<NotifyListener> listener;
  std::atomic<bool> positions_ready{false};

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

  // Notices for the watchers, this instance's own (at its commits) and other instances' (from the
  // listener), told in order on one thread; nullopt is a gap.
  std::string instance = new_id();
  std::mutex notice_mutex;
  std::condition_variable notice_ready;
  std::deque<std::optional<Notice>> notices;
  bool telling = false;
  std::thread teller;

  void wake() { wake_readers_of({}); }

  // Wakes the dispatchers of subscriptions reading any of the kinds (all of them for none): a
  // dispatcher woken for events it does not read would still cost the database a pass.
  void wake_readers_of(const std::vector<Kind>& kinds) {
    {
      std::lock_guard lock(mutex);
      for (std::size_t i = 0; i < subscriptions.size() && i < generations.size(); ++i)
        if (kinds.empty() || reads_any(subscriptions[i], kinds)) ++generations[i];
    }
    wakeup.notify_all();
  }

  static bool reads_any(const Subscription& s, const std::vector<Kind>& kinds) {
    return has_all(s.topics) || std::any_of(kinds.begin(), kinds.end(), [&](const Kind& k) {
             return contains(s.topics, k.topic) && (k.type.empty() || s.types.empty() || contains(s.types, k.type));
           });
  }

  // This instance's commit: its dispatchers and watchers hear of it now, not after a round trip
  // through the database.
  void committed_here(const std::vector<Notice>& committed) {
    std::vector<Kind> kinds;
    for (const auto& n : committed) kinds.push_back({n.topic, n.type});
    wake_readers_of(kinds);
    if (!watches.empty())
      for (const auto& n : committed) tell(n);
  }

  void on_notify(std::string_view channel, std::string_view payload) {
    if (payload.starts_with(kSender) && payload.substr(1).starts_with(instance)) return;  // heard at the commit
    if (channel == "agora_events") return wake_readers_of(kinds_of(split_lines(payload)));
    for (const auto line : split_lines(payload))
      if (auto notice = parse_notice(line)) tell(std::move(*notice));
  }

  void tell(std::optional<Notice> notice) {
    {
      std::lock_guard lock(notice_mutex);
      if (!telling) return;
      notices.push_back(std::move(notice));
    }
    notice_ready.notify_one();
  }

  void run_teller() {
    std::unique_lock lock(notice_mutex);
    while (true) {
      notice_ready.wait(lock, [&] { return !telling || !notices.empty(); });
      if (!telling) return;
      auto batch = std::move(notices);
      notices.clear();
      lock.unlock();
      for (const auto& n : batch) n ? tell_watchers(*n) : tell_gap();
      lock.lock();
    }
  }

  void tell_watchers(const Notice& notice) {
    for (const auto& w : watches) {
      if (!contains(w.topics, notice.topic)) continue;
      try {
        w.on_event(notice);
      } catch (const std::exception& e) {
        log::warn("event watcher failed",
                  {{"topic", notice.topic}, {"type", notice.type}, {"error", log::describe(e)}});
      }
    }
  }

  void tell_gap() {
    for (const auto& w : watches) {
      try {
        w.on_gap();
      } catch (const std::exception& e) {
        log::warn("event watcher failed to reset", {{"error", log::describe(e)}});
      }
    }
  }

  void on_listening() {
    wake();              // catch up with deliveries committed while not listening
    tell(std::nullopt);  // and watchers with notices sent meanwhile
  }

  std::chrono::milliseconds backoff(int attempts) const {
    auto delay = options.retry_base;
    for (int i = 1; i < attempts && delay < options.retry_max; ++i) delay *= 2;
    return std::min(delay, options.retry_max);
  }

  // Why a handler failed, as kept in retries and dead letters and shown to admins. An unreadable
  // payload is dead at once: a retry would read the same payload.
  struct Failure {
    std::string error;
    bool unreadable = false;
  };

  bool is_dead(const Subscription& s, int attempts, const Failure& failure) const {
    if (failure.unreadable) return true;
    const int max_attempts = s.max_attempts == 0 ? options.max_attempts : s.max_attempts;
    return max_attempts > 0 && attempts >= max_attempts;
  }
  // A subscription that retries forever (the Kafka mirror) holds its partition at a failed event
  // instead of setting it aside: nothing behind it can go ahead anyway.
  static bool holds(const Subscription& s) { return s.max_attempts < 0; }

  static outbox_store::Reader reader(const Subscription& s, int partition) {
    return {s.name, partitions(s), partition, has_all(s.topics) ? std::vector<std::string>{} : s.topics, s.types};
  }
  static int partitions(const Subscription& s) { return std::max(1, s.workers); }
  static bool has_all(const std::vector<std::string>& topics) {
    return std::find(topics.begin(), topics.end(), "*") != topics.end();
  }

  // What one pass over a partition did, for the dispatcher loop and the log.
  struct Pass {
    bool more = false;                                  // a full batch (or retries) was handled: look again at once
    std::vector<Timestamp> handled;                     // when each event handled was published
    std::optional<std::string> held;                    // a holding subscription stopped at a failed event
    std::vector<std::pair<Event, std::string>> failed;  // set aside for a retry, or dead-lettered: why
  };

  // Thrown out of an optimistic pass when a handler fails: the pass is rolled back and redone with a
  // savepoint per handler, so that the failure is undone alone. The failed handler is not called
  // again in the redo (its error stands for this attempt); those before it run again, their first
  // run having been rolled back.
  struct RedoCarefully : std::exception {
    std::string event_id;
    Failure failure;
  };

  static Failure failure_of(const std::exception& e) {
    std::string error = log::describe(e);
    if (error.size() > 2000) error.resize(2000);
    return {std::move(error), dynamic_cast<const UnreadableEvent*>(&e) != nullptr};
  }

  // Runs one handler; how it failed when it threw. An optimistic pass (failed == nullptr) runs it
  // without a savepoint, one statement less each way per event, and gives up at the first failure.
  std::optional<Failure> run_handler(Tx& tx, const Subscription& s, const Event& e, const RedoCarefully* failed) {
    ScopedTrace trace({"", e.traceparent});
    if (!failed) {
      try {
        s.handler(tx, e);
        return std::nullopt;
      } catch (const std::exception& ex) {
        RedoCarefully redo;
        redo.event_id = e.id;
        redo.failure = failure_of(ex);
        throw redo;
      }
    }
    if (e.id == failed->event_id) return failed->failure;
    try {
      tx.savepoint([&] { s.handler(tx, e); });
      return std::nullopt;
    } catch (const std::exception& ex) {
      return failure_of(ex);
    }
  }

  Pass dispatch(const Subscription& s, int partition) {
    try {
      return dispatch_pass(s, partition, nullptr);
    } catch (const RedoCarefully& failed) {
      return dispatch_pass(s, partition, &failed);
    }
  }

  Pass dispatch_pass(const Subscription& s, int partition, const RedoCarefully* failed) {
    Pass pass;
    const auto r = reader(s, partition);
    db.transact([&](Tx& tx) {
      pass = {};
      const int limit = std::max(1, s.batch);
      auto claimed = outbox_store::claim(tx.sql(), r, limit, options.durable_passes);
      if (!claimed) return;  // another dispatcher has this partition
      const auto& position = claimed->position;
      const auto& events = claimed->events;
      std::unordered_set<std::string> waiting;
      if (position.retries_waiting) waiting = outbox_store::waiting_keys(tx.sql(), r);
      if (!waiting.empty()) handle_retries(tx, s, r, pass, failed);
      if (position.window_done()) return;
      if (s.on_batch && !events.empty()) {
        std::vector<Event> batch;
        for (const auto& l : events)
          if (!waiting.contains(l.event.key)) batch.push_back(l.event);
        s.on_batch(batch);
      }
      long long last = position.last_seq;
      for (const auto& l : events) {
        if (waiting.contains(l.event.key)) {
          outbox_store::wait_for_retry(tx.sql(), s.name, l.seq, l.event.key, 0, "", std::chrono::milliseconds(0));
        } else if (auto failure = run_handler(tx, s, l.event, failed)) {
          if (holds(s)) {
            pass.held = std::move(failure->error);
            break;
          }
          set_aside(tx, s, l, *failure);
          waiting.insert(l.event.key);
          pass.failed.emplace_back(l.event, std::move(failure->error));
        } else {
          pass.handled.push_back(l.event.occurred_at);
        }
        last = l.seq;
      }
      const bool window_read = !pass.held && static_cast<int>(events.size()) < limit;
      outbox_store::save_position(tx.sql(), r, window_read ? position.max_seq : last);
      pass.more = pass.more || static_cast<int>(events.size()) == limit;
    });
    return pass;
  }

  void handle_retries(Tx& tx, const Subscription& s, const outbox_store::Reader& r, Pass& pass,
                      const RedoCarefully* failed) {
    std::vector<long long> done;
    for (const auto& retry : outbox_store::due_retries(tx.sql(), r, std::max(1, s.batch))) {
      pass.more = true;
      if (auto failure = run_handler(tx, s, retry.event, failed)) {
        const int attempts = retry.attempts + 1;
        if (is_dead(s, attempts, *failure))
          outbox_store::dead_letter_retry(tx.sql(), retry.id, attempts, failure->error);
        else
          outbox_store::schedule_retry(tx.sql(), retry.id, attempts, failure->error, backoff(attempts));
        pass.failed.emplace_back(retry.event, std::move(failure->error));
      } else {
        pass.handled.push_back(retry.event.occurred_at);
        done.push_back(retry.id);
      }
    }
    outbox_store::remove_retries(tx.sql(), done);
  }

  void set_aside(Tx& tx, const Subscription& s, const outbox_store::LogEvent& l, const Failure& failure) {
    if (is_dead(s, 1, failure))
      outbox_store::dead_letter_event(tx.sql(), s.name, l.seq, l.event.key, 1, failure.error);
    else
      outbox_store::wait_for_retry(tx.sql(), s.name, l.seq, l.event.key, 1, failure.error, backoff(1));
  }

  // From the event's append (right before its transaction commits) to now, on the wall clock.
  static double seconds_since(Timestamp t) {
    return std::chrono::duration<double>(std::chrono::system_clock::now() - t).count();
  }

  void report(const Subscription& s, const Pass& pass) {
    for (const auto& [event, error] : pass.failed) {
      metrics.counter("agora_events_failures_total", "Event handler failures", {{"subscriber", s.name}}).inc();
      log::warn("event handler failed",
                {{"subscriber", s.name}, {"event_id", event.id}, {"type", event.type}, {"error", error}});
    }
    if (pass.held)
      log::warn("event handler failed; its partition waits", {{"subscriber", s.name}, {"error", *pass.held}});
  }

  // One dispatcher thread: the partition it prefers, looked at again whenever an event commits.
  void run(std::size_t index, int partition) {
    const Subscription& s = subscriptions[index];
    auto& handled = metrics.counter("agora_events_handled_total", "Events handled", {{"subscriber", s.name}});
    auto& lag = metrics.histogram("agora_events_lag_seconds",
                                  "From an event's append, right before its commit, to its handler's commit",
                                  {{"subscriber", s.name}}, lag_buckets());
    int held_for = 0;
    while (true) {
      std::uint64_t seen;
      {
        std::lock_guard lock(mutex);
        if (!running) return;
        seen = generations[index];
      }
      Pass pass;
      try {
        pass = dispatch(s, partition);
        handled.inc(static_cast<double>(pass.handled.size()));
        for (const auto published : pass.handled) lag.observe(seconds_since(published));
        report(s, pass);
      } catch (const std::exception& e) {
        log::warn("event dispatch failed", {{"subscriber", s.name}, {"error", log::describe(e)}});
      }
      held_for = pass.held ? held_for + 1 : 0;
      if (pass.more && !pass.held) continue;
      std::unique_lock lock(mutex);
      const auto wait = pass.held ? backoff(held_for) : options.poll_interval;
      wakeup.wait_for(lock, wait, [&] { return !running || (!pass.held && generations[index] != seen); });
      // Commits arriving close together are read in one pass: a pass per commit would cost the
      // database more than the events themselves.
      const auto coalesce = s.coalesce.count() > 0 ? s.coalesce : options.coalesce;
      if (!pass.held) wakeup.wait_for(lock, coalesce, [&] { return !running; });
    }
  }

  static std::vector<double> lag_buckets() {
    return {0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60};
  }

  void ensure_positions(soci::session& sql) {
    for (const auto& s : subscriptions) outbox_store::ensure_positions(sql, s.name, partitions(s));
  }

  void housekeeping() {
    auto last_prune = std::chrono::steady_clock::now() - std::chrono::hours(1);
    while (true) {
      try {
        auto conn = db.acquire();
        long long backlog = 0;
        double oldest = 0;
        for (const auto& s : subscriptions)
          for (int p = 0; p < partitions(s); ++p) {
            const auto st = outbox_store::stats(*conn, reader(s, p));
            backlog += st.backlog;
            oldest = std::max(oldest, st.oldest_age_seconds);
          }
        backlog_gauge.set(static_cast<double>(backlog));
        age_gauge.set(oldest);
        dead_gauge.set(static_cast<double>(outbox_store::dead_letter_count(*conn)));
        if (std::chrono::steady_clock::now() - last_prune > std::chrono::minutes(10)) {
          outbox_store::prune(*conn, options.retention);
          last_prune = std::chrono::steady_clock::now();
        }
      } catch (const std::exception& e) {
        log::warn("outbox housekeeping failed", {{"error", log::describe(e)}});
      }
      std::unique_lock lock(mutex);
      if (wakeup.wait_for(lock, std::max(options.poll_interval, std::chrono::milliseconds(1000)),
                          [&] { return !running; }))
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
    if (s.name == subscription.name) throw Error(ErrorKind::internal, "two subscriptions named " + subscription.name);
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
  {
    auto conn = impl_->db.acquire();
    impl_->ensure_positions(*conn);
  }
  impl_->positions_ready = true;
  impl_->running = true;
  impl_->generations.assign(impl_->subscriptions.size(), 0);
  for (std::size_t i = 0; i < impl_->subscriptions.size(); ++i)
    for (int p = 0; p < Impl::partitions(impl_->subscriptions[i]); ++p)
      impl_->threads.emplace_back([this, i, p] { impl_->run(i, p); });
  impl_->threads.emplace_back([this] { impl_->housekeeping(); });
  if (!impl_->watches.empty()) {
    std::lock_guard notices(impl_->notice_mutex);
    impl_->telling = true;
    impl_->teller = std::thread([this] { impl_->run_teller(); });
  }
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
  {
    std::lock_guard notices(impl_->notice_mutex);
    impl_->telling = false;
    impl_->notices.clear();
  }
  impl_->notice_ready.notify_all();
  if (impl_->teller.joinable()) impl_->teller.join();
}

void EventBus::write(soci::session& sql, const std::vector<Event>& events) {
  // A subscriber reads what commits after its position exists: until the dispatchers start, it is
  // made here too, in this transaction, so that what this instance publishes first is not missed.
  if (!impl_->positions_ready) impl_->ensure_positions(sql);
  outbox_store::append(sql, events);
}

void EventBus::announce(soci::session& sql, const std::vector<Notice>& committed) noexcept {
  try {
    impl_->committed_here(committed);
    // For the other instances: one NOTIFY pair per chunk, the chunk's kinds and its notices.
    const auto tag = kSender + impl_->instance + '\n';
    std::string kinds, notices;
    const auto send = [&] {
      outbox_store::announce(sql, tag + kinds, tag + notices);
      kinds.clear();
      notices.clear();
    };
    for (const auto& n : committed) {
      auto text = notice_text(n);
      if (!notices.empty() && notices.size() + 1 + text.size() > kMaxPayload) send();
      const auto kind = n.topic + kNoticeSeparator + n.type;
      if (!contains(split_lines(kinds), kind)) kinds += kind + '\n';
      notices += (notices.empty() ? "" : "\n") + text;
    }
    send();
  } catch (const std::exception& e) {
    // The change is committed; the other instances' dispatchers find its deliveries by polling.
    log::warn("could not announce committed events", {{"error", log::describe(e)}, {"events", committed.size()}});
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

std::int64_t EventBus::backlog(std::string_view subscriber) {
  auto conn = impl_->db.acquire();
  std::int64_t total = 0;
  for (const auto& s : impl_->subscriptions)
    if (subscriber.empty() || s.name == subscriber)
      for (int p = 0; p < Impl::partitions(s); ++p) total += outbox_store::stats(*conn, Impl::reader(s, p)).backlog;
  return total;
}

void EventBus::wake() { impl_->wake(); }

}  // namespace agora
