// Issue 18, item 4: password hashing is CPU work a client can ask for, so it is bounded.
#include "auth_fixture.hpp"
#include "domain/throttle.hpp"
#include "harness/eventually.hpp"

#include <agora/core/config.hpp>

#include <optional>
#include <thread>

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;
using namespace std::chrono_literals;

TEST_CASE("registering a taken email again answers 409 without hashing the password") {
  AuthFixture f;
  f.auth.register_user("ava@example.com", kPassword, "Ava");
  const auto before = f.hashing_done();
  REQUIRE(error_kind_of([&] { f.auth.register_user("AVA@example.com ", kPassword, "Eve"); }) == ErrorKind::conflict);
  REQUIRE(f.hashing_done() == before);
  REQUIRE(f.u.register_user("ava@example.com").status == 409);
}

TEST_CASE("while every hashing slot is taken, registration and login answer 503 with a retry time at once") {
  AuthFixture f(HashingLimits{.concurrency = 1, .queue = 0, .max_wait = 5s});
  f.auth.register_user("bo@example.com", kPassword, "Bo");
  std::optional<HashingSlots::Slot> held = f.hasher.slots().take();  // a long hash in flight
  REQUIRE(f.hasher.slots().load().saturated);

  const auto refused = [](const std::function<void()>& call) {
    try {
      call();
    } catch (const Error& e) {
      return e.kind() == ErrorKind::unavailable && e.retry_after() == 1s;
    }
    return false;
  };
  REQUIRE(refused([&] { f.auth.register_user("cy@example.com", kPassword, "Cy"); }));
  REQUIRE(refused([&] { f.auth.password_grant("bo@example.com", kPassword, "192.0.2.1"); }));
  REQUIRE(f.hasher.slots().load().turned_away == 2);

  held.reset();
  REQUIRE(f.auth.register_user("cy@example.com", kPassword, "Cy").email == "cy@example.com");
  REQUIRE(f.auth.password_grant("bo@example.com", kPassword, "192.0.2.1").tokens);
}

TEST_CASE("a request that finds every hashing slot taken waits in the short queue and then hashes") {
  AuthFixture f(HashingLimits{.concurrency = 1, .queue = 1, .max_wait = 30s});
  std::optional<HashingSlots::Slot> held = f.hasher.slots().take();
  std::optional<Account> registered;
  std::thread waiting([&] { registered = f.auth.register_user("di@example.com", kPassword, "Di"); });
  REQUIRE(agora::test::eventually([&] { return f.hasher.slots().load().waiting == 1; }));
  // The queue is full: the next one is turned away at once rather than holding another worker.
  REQUIRE(error_kind_of([&] { f.auth.register_user("ed@example.com", kPassword, "Ed"); }) == ErrorKind::unavailable);
  held.reset();
  waiting.join();
  REQUIRE(registered);
  REQUIRE(f.hasher.slots().load().running == 0);
}

TEST_CASE("hashing settings that could hold every HTTP worker are refused at start") {
  using Settings = std::map<std::string, std::string>;
  REQUIRE_THROWS_AS(UserApp(Settings{{"http.workers", "8"}, {"auth.hash_concurrency", "4"}, {"auth.hash_queue", "4"}}),
                    ConfigError);
  UserApp u(Settings{{"http.workers", "8"}, {"auth.hash_concurrency", "3"}, {"auth.hash_queue", "4"}});
  const auto metrics = u.call("GET", "/metrics");
  REQUIRE_THAT(metrics.body, Catch::Contains("agora_user_password_hashing_running 0"));
  REQUIRE_THAT(metrics.body, Catch::Contains("agora_user_password_hashing_waiting 0"));
}
