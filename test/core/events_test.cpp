// The durable event bus: the log written in the publishing transaction, read per subscriber,
// retries, dead letters and replay, exactly-once database effects, per-key order.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"

#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/core/http.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/trace.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <thread>

using namespace agora;
using namespace std::chrono_literals;

namespace {
using agora::test::eventually;

int count(Database& db, const std::string& query) {
  auto conn = db.acquire();
  int n = -1;
  *conn << query, soci::into(n);
  return n;
}

EventBusOptions fast_bus(int max_attempts = 3) {
  return {.poll_interval = 50ms,
          .retry_base = 20ms,
          .retry_max = 200ms,
          .max_attempts = max_attempts,
          .retention = std::chrono::hours(1)};
}

// Records what a subscriber saw, thread-safely.
struct Recorder {
  std::mutex mutex;
  std::vector<Event> events;
  EventHandler handler() {
    return [this](Tx&, const Event& e) {
      std::lock_guard lock(mutex);
      events.push_back(e);
    };
  }
  std::size_t size() {
    std::lock_guard lock(mutex);
    return events.size();
  }
};

struct Bus {
  Metrics metrics;
  Database db;
  EventBus bus;
  explicit Bus(const std::string& url, EventBusOptions options = fast_bus())
      : db({.url = url, .pool_size = 8}, metrics), bus(db, metrics, options) {}
};

}  // namespace

TEST_CASE("a dispatcher opens its next window through the xid index, however large the outbox") {
  // 500,000 events before the subscriber's position, one after; the statistics say so, so that the
  // pass's plan, made at its first call on a connection, is made for a large outbox.
  Bus b(test::Stores::get().fresh_database());
  auto conn = b.db.acquire();
  for (int t = 0; t < 250; ++t)  // in 250 transactions, as many publishers would
    *conn << "INSERT INTO platform.outbox (id, topic, type, version, key, occurred_at, region, payload)"
             " SELECT gen_random_uuid(), 'bulk.events', 'bulk.made', 1, 'k' || i, now(), 'eu', '{}'"
             " FROM generate_series(1, 2000) AS i";
  *conn << "INSERT INTO platform.positions (subscriber, partition, since, upto, last_seq, max_seq)"
           " VALUES ('windowed', 0, pg_current_snapshot()::text, pg_current_snapshot()::text, 0, 0)";
  b.db.transact([](Tx& tx) { tx.publish("things.events", "thing.created", 1, "k", {}); });
  *conn << "ANALYZE platform.outbox";

  *conn << "BEGIN";
  long long last = 0, max = 0, rows_read = 0;
  *conn << "SELECT o_last, o_max FROM platform.open_window('windowed', 0)", soci::into(last), soci::into(max);
  *conn << "SELECT seq_tup_read + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables"
           " WHERE relid = 'platform.outbox'::regclass",
      soci::into(rows_read);
  *conn << "ROLLBACK";
  CHECK(max - last == 1);  // the window holds the one event after the position
  CHECK(rows_read < 100);  // not the 20,000 before it
}

TEST_CASE("a rolled-back transaction publishes nothing") {
  Bus b(test::Stores::get().fresh_database());
  Recorder seen;
  b.bus.subscribe({.name = "recorder", .topics = {"things.events"}, .types = {}, .handler = seen.handler()});
  b.bus.start();
  REQUIRE_THROWS(b.db.transact([](Tx& tx) {
    tx.publish("things.events", "thing.created", 1, "thing-1", {{"n", 1}});
    throw std::runtime_error("the change failed after publishing");
  }));
  std::this_thread::sleep_for(300ms);
  REQUIRE(seen.size() == 0);
  REQUIRE(count(b.db, "SELECT count(*) FROM platform.outbox") == 0);
  REQUIRE(b.bus.backlog() == 0);
}

TEST_CASE("a transaction's events arrive in publishing order, without those of a savepoint that rolled back") {
  Bus b(test::Stores::get().fresh_database());
  Recorder seen;
  b.bus.subscribe({.name = "recorder", .topics = {"things.events"}, .types = {}, .handler = seen.handler()});
  b.bus.start();
  b.db.transact([](Tx& tx) {
    for (int i = 0; i < 300; ++i) {
      tx.publish("things.events", "thing.counted", 1, "thing-" + std::to_string(i % 3), {{"n", i}});
      if (i % 100 == 50)
        REQUIRE_THROWS(tx.savepoint([&] {
          tx.sql() << "CREATE TABLE undone (n int)";
          tx.publish("things.events", "thing.undone", 1, "thing-0", {{"n", i}});
          throw std::runtime_error("this part failed");
        }));
    }
  });
  REQUIRE(eventually([&] { return seen.size() == 300; }));
  std::this_thread::sleep_for(200ms);
  std::lock_guard lock(seen.mutex);
  REQUIRE(seen.events.size() == 300);
  std::map<std::string, std::int64_t> last;  // per key, n only grows
  for (const auto& e : seen.events) {
    REQUIRE(e.type == "thing.counted");
    const auto n = e.payload.at("n").as_int64();
    REQUIRE(n > last.try_emplace(e.key, -1).first->second);
    last[e.key] = n;
  }
  REQUIRE(count(b.db, "SELECT count(*) FROM pg_tables WHERE tablename = 'undone'") == 0);
}

TEST_CASE("a committed event reaches each subscriber once, with its envelope") {
  Bus b(test::Stores::get().fresh_database());
  Recorder first, second, other_topic;
  b.bus.subscribe({.name = "first", .topics = {"things.events"}, .types = {}, .handler = first.handler()});
  b.bus.subscribe({.name = "second", .topics = {"*"}, .types = {"thing.created"}, .handler = second.handler()});
  b.bus.subscribe({.name = "other", .topics = {"orders.events"}, .types = {}, .handler = other_topic.handler()});
  b.bus.start();

  const std::string traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  Event published;
  {
    ScopedTrace trace({"req-1", traceparent});
    published = b.db.transact([](Tx& tx) {
      return tx.publish("things.events", "thing.created", 2, "thing-1", {{"name", "lamp"}});
    });
  }
  REQUIRE(eventually([&] { return first.size() == 1 && second.size() == 1; }));
  std::this_thread::sleep_for(200ms);
  REQUIRE(first.size() == 1);
  REQUIRE(second.size() == 1);
  REQUIRE(other_topic.size() == 0);

  const Event& got = first.events.front();
  REQUIRE(got.id == published.id);
  REQUIRE(got.type == "thing.created");
  REQUIRE(got.version == 2);
  REQUIRE(got.topic == "things.events");
  REQUIRE(got.key == "thing-1");
  REQUIRE(got.region == "local");
  REQUIRE(got.trace_id() == "4bf92f3577b34da6a3ce929d0e0e4736");
  REQUIRE(got.payload.at("name").as_string() == "lamp");
  REQUIRE(to_rfc3339(got.occurred_at) == to_rfc3339(published.occurred_at));
  REQUIRE(eventually([&] { return b.bus.backlog() == 0; }));
}

TEST_CASE("an event committed while the dispatcher is down is delivered when it starts") {
  Bus b(test::Stores::get().fresh_database());
  Recorder seen;
  b.bus.subscribe({.name = "late", .topics = {"things.events"}, .types = {}, .handler = seen.handler()});
  b.db.transact([](Tx& tx) { tx.publish("things.events", "thing.created", 1, "k", {}); });
  REQUIRE(b.bus.backlog("late") == 1);
  b.bus.start();
  REQUIRE(eventually([&] { return seen.size() == 1; }));
}

TEST_CASE("a handler's database work and the removal of its delivery commit together") {
  Bus b(test::Stores::get().fresh_database());
  {
    auto conn = b.db.acquire();
    *conn << "CREATE TABLE public.effects (event_id uuid NOT NULL)";
  }
  std::atomic<int> calls{0};
  b.bus.subscribe({.name = "writer", .topics = {"things.events"}, .types = {}, .handler = [&](Tx& tx, const Event& e) {
                     tx.sql() << "INSERT INTO public.effects VALUES (CAST(:id AS uuid))", soci::use(e.id);
                     // fail after the write on the first call: the write must roll back with it
                     if (++calls == 1) throw std::runtime_error("crash after the work");
                   }});
  b.bus.start();
  b.db.transact([](Tx& tx) { tx.publish("things.events", "thing.created", 1, "k", {}); });
  REQUIRE(eventually([&] { return b.bus.backlog() == 0; }));
  REQUIRE(calls == 2);
  REQUIRE(count(b.db, "SELECT count(*) FROM public.effects") == 1);
}

TEST_CASE("in a batch of deliveries, a failing handler's work is undone alone and retried; the rest commit once") {
  Bus b(test::Stores::get().fresh_database());
  {
    auto conn = b.db.acquire();
    *conn << "CREATE TABLE public.effects (n int NOT NULL)";
  }
  std::atomic<int> fails{0};
  b.bus.subscribe({.name = "writer",
                   .topics = {"things.events"},
                   .types = {},
                   .handler =
                       [&](Tx& tx, const Event& e) {
                         const int n = static_cast<int>(e.payload.at("n").as_int64());
                         tx.sql() << "INSERT INTO public.effects VALUES (:n)", soci::use(n);
                         if (n == 7 && ++fails <= 2) throw std::runtime_error("the seventh fails twice");
                       },
                   .batch = 16});
  // Committed before the dispatcher starts, so that its first claim takes them all in one batch.
  b.db.transact([](Tx& tx) {
    for (int n = 0; n < 12; ++n)
      tx.publish("things.events", "thing.created", 1, "key-" + std::to_string(n), {{"n", n}});
  });
  b.bus.start();
  REQUIRE(eventually([&] { return b.bus.backlog() == 0; }));
  REQUIRE(fails == 3);
  REQUIRE(count(b.db, "SELECT count(*) FROM public.effects") == 12);
  REQUIRE(count(b.db, "SELECT count(DISTINCT n) FROM public.effects") == 12);
  REQUIRE(count(b.db, "SELECT count(*) FROM platform.dead_letters") == 0);
}

TEST_CASE("per-key order holds under concurrent publishers and two instances of three dispatchers each") {
  const auto url = test::Stores::get().fresh_database();
  Bus one(url), two(url);
  {
    auto conn = one.db.acquire();
    *conn << "CREATE TABLE public.counters (key text PRIMARY KEY, n int NOT NULL)";
    *conn << "INSERT INTO public.counters SELECT 'key-' || i, 0 FROM generate_series(0, 3) i";
  }
  std::mutex mutex;
  std::map<std::string, std::vector<std::int64_t>> seen;
  auto record = [&](Tx&, const Event& e) {
    std::lock_guard lock(mutex);
    seen[e.key].push_back(e.payload.at("n").as_int64());
  };
  for (Bus* b : {&one, &two}) {
    b->bus.subscribe({.name = "ordered", .topics = {"counters.events"}, .types = {}, .handler = record, .workers = 3});
    b->bus.start();
  }

  constexpr int kThreads = 6, kPerThread = 20;
  std::vector<std::thread> publishers;
  for (int t = 0; t < kThreads; ++t)
    publishers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string key = "key-" + std::to_string((t + i) % 4);
        one.db.transact([&](Tx& tx) {
          int n = 0;
          tx.sql() << "UPDATE public.counters SET n = n + 1 WHERE key = :k RETURNING n", soci::use(key), soci::into(n);
          tx.publish("counters.events", "counter.incremented", 1, key, {{"n", n}});
        });
      }
    });
  for (auto& p : publishers) p.join();

  REQUIRE(eventually(
      [&] {
        std::lock_guard lock(mutex);
        std::size_t total = 0;
        for (auto& [k, v] : seen) total += v.size();
        return total == kThreads * kPerThread;
      },
      30s));
  for (auto& [key, ns] : seen) {
    INFO("key " << key);
    for (std::size_t i = 0; i < ns.size(); ++i) REQUIRE(ns[i] == static_cast<std::int64_t>(i + 1));
  }
}

namespace {

// Bearer tokens "admin" and "customer" for the admin endpoints; a test-only authenticator.
class TokenAuthenticator final : public http::Authenticator {
 public:
  std::optional<http::Principal> authenticate(const http::Request& req) override {
    const auto h = req.header("authorization");
    if (!h) return std::nullopt;
    if (*h == "Bearer admin") return http::Principal{"admin-1", {"admin"}};
    if (*h == "Bearer customer") return http::Principal{"customer-1", {"customer"}};
    throw Error(ErrorKind::unauthorized, "unknown token");
  }
};

class FlakyModule final : public Module {
 public:
  std::atomic<bool> failing{true};
  std::atomic<int> attempts{0};
  std::atomic<int> successes{0};
  std::string_view name() const override { return "flaky"; }
  void install(Platform& p) override {
    p.router.set_authenticator(std::make_shared<TokenAuthenticator>());
    p.events.subscribe({.name = "flaky",
                        .topics = {"flaky.events"},
                        .types = {},
                        .handler =
                            [this](Tx&, const Event&) {
                              ++attempts;
                              if (failing) throw std::runtime_error("downstream said no");
                              ++successes;
                            },
                        .max_attempts = 3});
  }
};

}  // namespace

TEST_CASE("a failing handler is retried, dead-lettered, and replayed by the admin endpoint") {
  auto config = test::test_config();
  auto* flaky = new FlakyModule;
  App app(config, {[flaky] { return std::unique_ptr<Module>(flaky); }}, embedded_migrations());
  app.start();
  test::HttpClient http("http://127.0.0.1:" + std::to_string(app.port()));

  app.platform().db.transact([](Tx& tx) { tx.publish("flaky.events", "flaky.happened", 1, "f-1", {{"n", 1}}); });
  REQUIRE(eventually([&] { return app.platform().events.dead_letters(10).size() == 1; }));
  REQUIRE(flaky->attempts == 3);

  auto list = http.request("GET", "/api/v1/admin/events/dead-letters", "", {{"Authorization", "Bearer admin"}});
  REQUIRE(list.status == 200);
  const auto items = list.json().at("items").as_array();
  REQUIRE(items.size() == 1);
  REQUIRE(items[0].at("subscriber").as_string() == "flaky");
  REQUIRE(items[0].at("attempts").as_int64() == 3);
  REQUIRE(items[0].at("last_error").as_string() == "downstream said no");
  REQUIRE(items[0].at("event").at("type").as_string() == "flaky.happened");
  const std::string id(items[0].at("id").as_string());

  REQUIRE(http.request("GET", "/api/v1/admin/events/dead-letters").status == 401);
  REQUIRE(http.request("GET", "/api/v1/admin/events/dead-letters", "", {{"Authorization", "Bearer customer"}}).status ==
          403);
  REQUIRE(http.request("POST", "/api/v1/admin/events/dead-letters/" + id + "/replay", "",
                       {{"Authorization", "Bearer customer"}})
              .status == 403);
  REQUIRE(
      http.request("POST", "/api/v1/admin/events/dead-letters/999999/replay", "", {{"Authorization", "Bearer admin"}})
          .status == 404);
  REQUIRE(http.request("POST", "/api/v1/admin/events/dead-letters/abc/replay", "", {{"Authorization", "Bearer admin"}})
              .status == 404);
  const auto bad_page = http.request("GET", "/api/v1/admin/events/dead-letters?limit=501&cursor=x", "",
                                     {{"Authorization", "Bearer admin"}});
  REQUIRE(bad_page.status == 422);
  const auto errors = bad_page.json().at("errors").as_array();
  REQUIRE(errors.size() == 2);
  REQUIRE(errors[0].at("field").as_string() == "limit");
  REQUIRE(errors[1].at("field").as_string() == "cursor");

  flaky->failing = false;
  auto replay = http.request("POST", "/api/v1/admin/events/dead-letters/" + id + "/replay", "",
                             {{"Authorization", "Bearer admin"}});
  REQUIRE(replay.status == 202);
  REQUIRE(eventually([&] { return flaky->successes == 1; }));
  REQUIRE(app.platform().events.dead_letters(10).empty());
  REQUIRE(http.request("POST", "/api/v1/admin/events/dead-letters/" + id + "/replay", "",
                       {{"Authorization", "Bearer admin"}})
              .status == 404);
  app.stop();
}

TEST_CASE("every instance's watchers hear each committed event, and a rolled-back one is never heard") {
  const auto url = test::Stores::get().fresh_database();
  Bus publisher(url);
  Bus other(url);
  std::mutex mutex;
  std::vector<Notice> heard;
  std::atomic<int> gaps{0};
  other.bus.watch({.topics = {"things.events"},
                   .on_event =
                       [&](const Notice& n) {
                         std::lock_guard lock(mutex);
                         heard.push_back(n);
                       },
                   .on_gap = [&] { ++gaps; }});
  other.bus.start();
  publisher.bus.start();
  REQUIRE(eventually([&] { return gaps > 0; }));  // listening: a fresh start counts as a gap

  REQUIRE_THROWS(publisher.db.transact([](Tx& tx) {
    tx.publish("things.events", "thing.updated", 1, "thing-0", {});
    throw std::runtime_error("rolled back");
  }));
  publisher.db.transact([](Tx& tx) {
    tx.publish("other.events", "other.updated", 1, "other-1", {});
    tx.publish("things.events", "thing.updated", 1, "thing-1", {});
    tx.publish("things.events", "thing.updated", 1, std::string(9000, 'k'), {});
  });
  REQUIRE(eventually([&] {
    std::lock_guard lock(mutex);
    return heard.size() >= 2;
  }));
  std::this_thread::sleep_for(200ms);
  std::unique_lock lock(mutex);
  REQUIRE(heard.size() == 2);
  REQUIRE(heard[0].type == "thing.updated");
  REQUIRE(heard[0].key == "thing-1");
  REQUIRE(heard[1].key.empty());  // too long to announce: any key of the topic
  heard.clear();
  lock.unlock();

  // More notices than one NOTIFY payload holds: every one is heard.
  publisher.db.transact([](Tx& tx) {
    for (int i = 0; i < 300; ++i)
      tx.publish("things.events", "thing.updated", 1, "thing-" + std::to_string(i) + std::string(40, 'x'), {});
  });
  REQUIRE(eventually([&] {
    std::lock_guard again(mutex);
    return heard.size() >= 300;
  }));
}

TEST_CASE("the publishing instance's watchers hear its commit once, at the commit, with the whole key") {
  const auto url = test::Stores::get().fresh_database();
  Bus b(url);
  std::mutex mutex;
  std::vector<Notice> heard;
  b.bus.watch({.topics = {"things.events"},
               .on_event =
                   [&](const Notice& n) {
                     std::lock_guard lock(mutex);
                     heard.push_back(n);
                   },
               .on_gap = [] {}});
  b.bus.start();
  const auto long_key = std::string(9000, 'k');
  b.db.transact([&](Tx& tx) {
    tx.publish("things.events", "thing.updated", 1, "thing-1", {});
    tx.publish("things.events", "thing.updated", 1, long_key, {});
  });
  REQUIRE(eventually([&] {
    std::lock_guard lock(mutex);
    return heard.size() >= 2;
  }));
  std::this_thread::sleep_for(300ms);  // its own NOTIFY has come back by now, and is not told again
  std::lock_guard lock(mutex);
  REQUIRE(heard.size() == 2);
  REQUIRE(heard[0].key == "thing-1");
  REQUIRE(heard[1].key == long_key);  // not cut short: it never went through a NOTIFY payload
}

TEST_CASE("a subscriber of some types of a topic is woken by a commit of one of them, here and elsewhere") {
  const auto url = test::Stores::get().fresh_database();
  auto slow_poll = fast_bus();
  slow_poll.poll_interval = 60s;  // only a wake-up can deliver within the test's patience
  Bus reader(url, slow_poll);
  Bus other(url, slow_poll);
  Recorder seen;
  reader.bus.subscribe(
      {.name = "wanted", .topics = {"things.events"}, .types = {"thing.wanted"}, .handler = seen.handler()});
  reader.bus.start();
  other.bus.start();
  std::this_thread::sleep_for(300ms);  // listening
  other.db.transact([](Tx& tx) { tx.publish("things.events", "thing.wanted", 1, "a", {}); });
  REQUIRE(eventually([&] { return seen.size() == 1; }, 10s));
  reader.db.transact([](Tx& tx) {
    tx.publish("things.events", "thing.unwanted", 1, "b", {});
    tx.publish("things.events", "thing.wanted", 1, "c", {});
  });
  REQUIRE(eventually([&] { return seen.size() == 2; }, 10s));
  std::lock_guard lock(seen.mutex);
  REQUIRE(seen.events[1].key == "c");
}

TEST_CASE("an event whose transaction commits after later ones were handled is still delivered") {
  Bus b(test::Stores::get().fresh_database());
  Recorder seen;
  b.bus.subscribe({.name = "recorder", .topics = {"things.events"}, .types = {}, .handler = seen.handler()});
  b.bus.start();
  // Transaction A writes its event row first (the lower seq) and commits last: a reader that only
  // remembered the highest seq it had handled would skip it for good.
  std::promise<void> a_wrote, b_handled;
  auto a = std::async(std::launch::async, [&] {
    const auto id = new_id();
    b.db.transact([&](Tx& tx) {
      tx.sql() << "INSERT INTO platform.outbox (id, topic, type, version, key, occurred_at, region, payload)"
                  " VALUES (CAST(:id AS uuid), 'things.events', 'thing.late', 1, 'a', now(), 'local', '{}')",
          soci::use(id);
      a_wrote.set_value();
      b_handled.get_future().wait_for(40s);  // bounded: a failing test ends instead of hanging
    });
  });
  a_wrote.get_future().wait();
  b.db.transact([](Tx& tx) { tx.publish("things.events", "thing.early", 1, "b", {}); });
  REQUIRE(eventually([&] { return seen.size() == 1; }));
  b_handled.set_value();
  a.get();
  b.bus.wake();
  REQUIRE(eventually([&] { return seen.size() == 2; }));
  std::lock_guard lock(seen.mutex);
  REQUIRE(seen.events[0].type == "thing.early");
  REQUIRE(seen.events[1].type == "thing.late");
}

TEST_CASE("a key's later events wait behind its event that waits for a retry, while other keys go on") {
  Bus b(test::Stores::get().fresh_database());
  std::mutex mutex;
  std::vector<std::string> order;
  std::atomic<int> failures{0};
  b.bus.subscribe({.name = "ordered", .topics = {"things.events"}, .types = {}, .handler = [&](Tx&, const Event& e) {
                     const auto label = e.key + ":" + std::to_string(e.payload.at("n").as_int64());
                     if (label == "k:1" && ++failures <= 2) throw std::runtime_error("k:1 fails twice");
                     std::lock_guard lock(mutex);
                     order.push_back(label);
                   }});
  b.bus.start();
  for (const auto& [key, n] : std::vector<std::pair<std::string, int>>{{"k", 1}, {"k", 2}, {"other", 1}, {"k", 3}})
    b.db.transact([&](Tx& tx) { tx.publish("things.events", "thing.changed", 1, key, {{"n", n}}); });
  REQUIRE(eventually([&] {
    std::lock_guard lock(mutex);
    return order.size() == 4;
  }));
  REQUIRE(failures == 3);
  std::lock_guard lock(mutex);
  const auto at = [&](const std::string& label) {
    return std::find(order.begin(), order.end(), label) - order.begin();
  };
  REQUIRE(at("k:1") < at("k:2"));
  REQUIRE(at("k:2") < at("k:3"));
  REQUIRE(at("other:1") < at("k:1"));  // not held up by another key's retries
  // A handler runs before its pass commits: the retry row goes with that commit.
  REQUIRE(eventually([&] { return count(b.db, "SELECT count(*) FROM platform.retries") == 0; }));
}

TEST_CASE("a subscriber run with some number of workers refuses another: its keys would change partition") {
  const auto url = test::Stores::get().fresh_database();
  {
    Bus b(url);
    b.bus.subscribe(
        {.name = "sized", .topics = {"things.events"}, .types = {}, .handler = [](Tx&, const Event&) {}, .workers = 2});
    b.bus.start();
  }
  Bus again(url);
  again.bus.subscribe(
      {.name = "sized", .topics = {"things.events"}, .types = {}, .handler = [](Tx&, const Event&) {}, .workers = 3});
  REQUIRE_THROWS_WITH(again.bus.start(), Catch::Contains("was run with 2 workers"));
}

TEST_CASE("a commit wakes only the dispatchers of subscriptions that read its topic") {
  auto options = fast_bus();
  options.poll_interval = 60s;  // no polling: only a NOTIFY wakes a dispatcher here
  Bus b(test::Stores::get().fresh_database(), options);
  Recorder a_seen, b_seen;
  b.bus.subscribe({.name = "reads-a", .topics = {"a.events"}, .types = {}, .handler = a_seen.handler()});
  b.bus.subscribe({.name = "reads-b", .topics = {"b.events"}, .types = {}, .handler = b_seen.handler()});
  b.bus.start();
  std::this_thread::sleep_for(500ms);  // the passes every dispatcher makes when it starts listening
  const auto window_of_b = [&] {
    auto conn = b.db.acquire();
    std::string upto;
    *conn << "SELECT upto FROM platform.positions WHERE subscriber = 'reads-b'", soci::into(upto);
    return upto;
  };
  const auto before = window_of_b();

  b.db.transact([](Tx& tx) { tx.publish("a.events", "a.happened", 1, "k", {{"n", 1}}); });
  REQUIRE(eventually([&] { return a_seen.size() == 1; }, 5s));
  std::this_thread::sleep_for(300ms);
  REQUIRE(window_of_b() == before);  // reads-b made no pass for an event it does not read

  b.db.transact([](Tx& tx) { tx.publish("b.events", "b.happened", 1, "k", {{"n", 2}}); });
  REQUIRE(eventually([&] { return b_seen.size() == 1; }, 5s));  // woken at once, not by polling
  REQUIRE(a_seen.size() == 1);
}
