// Redis and PostgreSQL pools: commands, a store going away and coming back, retries, jobs.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/module.hpp>
#include <agora/core/redis.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <optional>
#include <thread>

using namespace agora;
using agora::test::eventually;
using namespace std::chrono_literals;

TEST_CASE("redis answers commands, fails fast while down, and reconnects when back") {
  Metrics metrics;
  Redis redis({.url = test::Stores::get().redis_url(), .pool_size = 4, .timeout = 300ms}, metrics);
  redis.ping();
  REQUIRE(redis.command({"SET", "agora:test", "value with spaces\r\nand newline"}).str == "OK");
  REQUIRE(redis.command({"GET", "agora:test"}).str == "value with spaces\r\nand newline");
  REQUIRE(redis.command({"GET", "agora:missing"}).type == RedisReply::Type::nil);
  REQUIRE(redis.command({"INCR", "agora:counter"}).integer == 1);
  try {
    redis.command({"INCR", "agora:test"});
    FAIL("INCR of a string succeeded");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::internal);
  }

  test::Stores::get().stop_redis();
  const auto before = std::chrono::steady_clock::now();
  try {
    redis.ping();
    FAIL("ping succeeded with redis down");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::unavailable);
  }
  REQUIRE(std::chrono::steady_clock::now() - before < 3s);

  test::Stores::get().start_redis();
  redis.ping();
  REQUIRE(redis.command({"SET", "agora:after", "1"}).str == "OK");
}

TEST_CASE("a transaction that hits a serialization failure is retried, and never loses an update") {
  Metrics metrics;
  Database db({.url = test::Stores::get().fresh_database(), .pool_size = 8}, metrics);
  {
    auto conn = db.acquire();
    *conn << "CREATE TABLE public.balance (id int PRIMARY KEY, amount bigint NOT NULL)";
    *conn << "INSERT INTO public.balance VALUES (1, 0)";
  }
  std::atomic<int> attempts{0}, committed{0}, gave_up{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        try {
          db.transact(
              [&](Tx& tx) {
                ++attempts;
                long long amount = 0;
                tx.sql() << "SELECT amount FROM public.balance WHERE id = 1", soci::into(amount);
                std::this_thread::sleep_for(1ms);
                tx.sql() << "UPDATE public.balance SET amount = :a WHERE id = 1", soci::use(amount + 1);
              },
              Isolation::serializable);
          ++committed;
        } catch (const Error& e) {
          if (e.kind() == ErrorKind::conflict) ++gave_up;  // anything else fails the count below
        }
      }
    });
  for (auto& t : threads) t.join();
  auto conn = db.acquire();
  long long amount = 0;
  *conn << "SELECT amount FROM public.balance WHERE id = 1", soci::into(amount);
  REQUIRE(committed + gave_up == 40);
  REQUIRE(amount == committed);             // no lost update
  REQUIRE(attempts > committed + gave_up);  // conflicts were retried
  REQUIRE(committed >= 30);
}

TEST_CASE("after_commit hooks run after a commit and never after a rollback") {
  Metrics metrics;
  Database db({.url = test::Stores::get().fresh_database(), .pool_size = 2}, metrics);
  int ran = 0;
  db.transact([&](Tx& tx) { tx.after_commit([&] { ++ran; }); });
  REQUIRE(ran == 1);
  REQUIRE_THROWS(db.transact([&](Tx& tx) {
    tx.after_commit([&] { ++ran; });
    throw std::runtime_error("roll back");
  }));
  REQUIRE(ran == 1);
}

TEST_CASE("an exhausted pool answers unavailable instead of hanging") {
  Metrics metrics;
  Database db({.url = test::Stores::get().fresh_database(), .pool_size = 1, .acquire_timeout = 200ms}, metrics);
  auto held = db.acquire();
  REQUIRE(db.in_use() == 1);
  try {
    db.acquire();
    FAIL("a second connection was handed out");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::unavailable);
  }
}

TEST_CASE("a database that cannot be reached answers unavailable") {
  Metrics metrics;
  Database db({.url = "postgresql://nobody@127.0.0.1:1/none", .pool_size = 1}, metrics);
  try {
    db.ping();
    FAIL("ping succeeded");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::unavailable);
  }
  REQUIRE(db.in_use() == 0);
}

TEST_CASE("background jobs run at their interval and survive a throwing run") {
  Jobs jobs;
  std::atomic<int> runs{0}, failing_runs{0};
  jobs.every("counter", 20ms, [&] { ++runs; });
  jobs.every("thrower", 20ms, [&] {
    ++failing_runs;
    throw std::runtime_error("boom");
  });
  jobs.start();
  std::this_thread::sleep_for(300ms);
  jobs.stop();
  REQUIRE(runs >= 3);
  REQUIRE(failing_runs >= 3);
  const int after_stop = runs;
  std::this_thread::sleep_for(100ms);
  REQUIRE(runs == after_stop);
}

TEST_CASE("a redis script runs by its SHA1, and is sent whole again when the server forgot it") {
  Metrics metrics;
  Redis redis({.url = test::Stores::get().redis_url(), .pool_size = 2}, metrics);
  const RedisScript bump("return redis.call('INCRBY', KEYS[1], ARGV[1])");
  REQUIRE(bump.sha1().size() == 40);
  redis.command({"DEL", "agora:script"});
  REQUIRE(redis.run(bump, {"agora:script"}, {"2"}).integer == 2);
  REQUIRE(redis.command({"SCRIPT", "EXISTS", bump.sha1()}).elements.at(0).integer == 1);
  redis.command({"SCRIPT", "FLUSH"});
  REQUIRE(redis.run(bump, {"agora:script"}, {"3"}).integer == 5);
  const RedisScript broken("return redis.call('NOSUCHCOMMAND')");
  REQUIRE_THROWS_AS(redis.run(broken, {}, {}), Error);
}

namespace {

// run_async's outcome, waited for: the reply, or the kind of the error it reported.
struct AsyncOutcome {
  std::optional<RedisReply> reply;
  std::optional<ErrorKind> error;
};

AsyncOutcome run_and_wait(Redis& redis, const RedisScript& script, std::vector<std::string> keys,
                          std::vector<std::string> args) {
  std::promise<AsyncOutcome> promise;
  redis.run_async(script, std::move(keys), std::move(args), [&](RedisReply r, std::exception_ptr error) {
    AsyncOutcome out;
    if (!error) {
      out.reply = std::move(r);
    } else {
      try {
        std::rethrow_exception(error);
      } catch (const Error& e) {
        out.error = e.kind();
      }
    }
    promise.set_value(std::move(out));
  });
  auto future = promise.get_future();
  REQUIRE(future.wait_for(5s) == std::future_status::ready);
  return future.get();
}

}  // namespace

TEST_CASE("scripts run without blocking down one connection, fail while redis is down, and run again when it is back") {
  Metrics metrics;
  Redis redis({.url = test::Stores::get().redis_url(), .pool_size = 2, .timeout = 300ms}, metrics);
  const RedisScript bump("return redis.call('INCRBY', KEYS[1], ARGV[1])");
  redis.command({"DEL", "agora:async"});

  // Many callers at once: each gets its own reply, in the order sent.
  std::vector<std::promise<long long>> replies(200);
  for (std::size_t i = 0; i < replies.size(); ++i)
    redis.run_async(bump, {"agora:async"}, {"1"},
                    [&, i](RedisReply r, std::exception_ptr error) { replies[i].set_value(error ? -1 : r.integer); });
  for (std::size_t i = 0; i < replies.size(); ++i)
    REQUIRE(replies[i].get_future().get() == static_cast<long long>(i + 1));

  redis.command({"SCRIPT", "FLUSH"});  // a server that forgot the script gets it whole
  REQUIRE(run_and_wait(redis, bump, {"agora:async"}, {"5"}).reply->integer == 205);
  const RedisScript broken("return redis.call('NOSUCHCOMMAND')");
  REQUIRE(run_and_wait(redis, broken, {}, {}).error == ErrorKind::internal);

  test::Stores::get().stop_redis();
  REQUIRE(run_and_wait(redis, bump, {"agora:async"}, {"1"}).error == ErrorKind::unavailable);
  test::Stores::get().start_redis();
  REQUIRE(eventually([&] { return run_and_wait(redis, bump, {"agora:async"}, {"1"}).reply.has_value(); }));
}

TEST_CASE("a script that redis does not answer in time fails as unavailable instead of hanging") {
  Metrics metrics;
  Redis redis({.url = test::Stores::get().redis_url(), .pool_size = 2, .timeout = 200ms}, metrics);
  Redis other({.url = test::Stores::get().redis_url(), .pool_size = 2, .timeout = 5s}, metrics);
  const RedisScript ping("return redis.call('PING')");
  REQUIRE(run_and_wait(redis, ping, {}, {}).reply.has_value());
  // A script that spins for a second holds the server longer than the timeout.
  const RedisScript spin(
      "local t = redis.call('TIME') local until_us = t[1] * 1000000 + t[2] + 1000000 "
      "repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] >= until_us return 1");
  std::thread sleeper([&] { other.run(spin, {}, {}); });
  std::this_thread::sleep_for(50ms);
  const auto before = std::chrono::steady_clock::now();
  REQUIRE(run_and_wait(redis, ping, {}, {}).error == ErrorKind::unavailable);
  REQUIRE(std::chrono::steady_clock::now() - before < 900ms);
  sleeper.join();
  REQUIRE(run_and_wait(redis, ping, {}, {}).reply.has_value());
}
