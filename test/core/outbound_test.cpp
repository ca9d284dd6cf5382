// The client for calls to outside services: any status is an answer with its headers and body; a
// call that gets no answer (refused, too slow, too long, a name that does not resolve) fails as
// unavailable within its timeout.
#include "harness/eventually.hpp"
#include "harness/silent_server.hpp"
#include "http_test_server.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/error.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/outbound.hpp>
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace agora;
using namespace std::chrono_literals;

namespace {

ErrorKind kind_of_failure(const outbound::Request& r) {
  try {
    outbound::send(r);
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("the call was answered");
  return ErrorKind::internal;
}

// A call in the background to a server that never answers: `failed` turns true when its timeout ends it.
std::thread unanswered_call(outbound::Destination& d, std::string url, std::chrono::milliseconds timeout,
                            std::atomic<bool>& failed) {
  return std::thread([&d, url = std::move(url), timeout, &failed] {
    try {
      d.send({.url = url, .timeout = timeout});
    } catch (const Error&) {
      failed = true;
    }
  });
}

}  // namespace

TEST_CASE("an answer of any status comes back with its headers and body") {
  test::TestServer s;
  const auto got = outbound::send({.url = s.base() + "/items/42?q=lamp", .headers = {{"X-Request-Id", "req-1"}}});
  REQUIRE(got.status == 200);
  REQUIRE(boost::json::parse(got.body) == boost::json::parse(R"({"id": "42", "q": "lamp"})"));
  REQUIRE(got.header("content-type") == "application/json");
  REQUIRE(got.header("x-request-id") == "req-1");  // the server echoes the id it was given
  REQUIRE_FALSE(got.header("no-such-header"));

  const auto posted = outbound::send({.method = "POST",
                                      .url = s.base() + "/items",
                                      .headers = {{"Content-Type", "application/json"}},
                                      .body = R"({"name": ")" + std::string(5000, 'x') + R"("})"});
  REQUIRE(posted.status == 201);
  REQUIRE(boost::json::parse(posted.body).at("received").at("name").as_string().size() == 5000);

  REQUIRE(outbound::send({.url = s.base() + "/nowhere"}).status == 404);
  const auto refused = outbound::send({.method = "POST", .url = s.base() + "/validate", .body = "{}"});
  REQUIRE(refused.status == 422);
  REQUIRE(refused.header("content-type").value_or("").starts_with("application/problem+json"));
}

TEST_CASE("a call with no answer fails as unavailable, within its timeout") {
  test::TestServer s;
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(kind_of_failure({.url = s.base() + "/slow", .timeout = 100ms}) ==
          ErrorKind::unavailable);  // answers in 500 ms
  REQUIRE(std::chrono::steady_clock::now() - started < 450ms);
  REQUIRE(kind_of_failure({.url = s.base() + "/items/42", .max_body = 5}) == ErrorKind::unavailable);

  REQUIRE(kind_of_failure({.url = "http://127.0.0.1:1/items/1"}) == ErrorKind::unavailable);  // refused

  const auto resolving = std::chrono::steady_clock::now();
  REQUIRE(kind_of_failure({.url = "http://agora-outbound-test.invalid/", .timeout = 1000ms}) == ErrorKind::unavailable);
  REQUIRE(std::chrono::steady_clock::now() - resolving < 3s);
}

TEST_CASE("failed calls in a row open a destination's circuit: calls fail at once until a trial call answers") {
  test::TestServer s;
  ManualClock clock(*parse_rfc3339("2026-12-01T00:00:00Z"));
  Metrics metrics;
  outbound::Destination d("shop-api", {.max_in_flight = 4, .failures_to_open = 3, .open_for = 10s}, clock, metrics);
  const auto gauge = [&] {
    const std::string series = "agora_outbound_circuit_state{destination=\"shop-api\"} ";
    const auto text = metrics.render();
    const auto at = text.find(series);
    REQUIRE(at != std::string::npos);
    return text.substr(at + series.size(), 1);
  };

  // A 4xx is an answer; 5xx answers and calls with no answer are failures.
  REQUIRE(d.send({.url = s.base() + "/nowhere"}).status == 404);
  REQUIRE(d.send({.url = s.base() + "/boom"}).status == 500);
  REQUIRE(d.send({.url = s.base() + "/boom"}).status == 500);
  REQUIRE(d.state() == outbound::CircuitState::closed);
  REQUIRE(d.send({.url = s.base() + "/items/1"}).status == 200);  // an answer starts the count again
  REQUIRE(d.send({.url = s.base() + "/boom"}).status == 500);
  REQUIRE(d.send({.url = s.base() + "/boom"}).status == 500);
  REQUIRE_THROWS_AS(d.send({.url = s.base() + "/slow", .timeout = 50ms}), Error);
  REQUIRE(d.state() == outbound::CircuitState::open);
  REQUIRE(gauge() == "2");

  // Open: nothing goes out, however healthy the service is meanwhile.
  const auto started = std::chrono::steady_clock::now();
  try {
    d.send({.url = s.base() + "/slow"});
    FAIL("an open circuit let a call out");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::unavailable);
    REQUIRE_THAT(e.what(), Catch::Contains("shop-api") && Catch::Contains("open"));
  }
  REQUIRE(std::chrono::steady_clock::now() - started < 400ms);  // /slow answers in 500 ms

  // After open_for, one trial call: it fails, and the circuit opens again for another open_for.
  clock.advance(10s);
  REQUIRE(d.state() == outbound::CircuitState::half_open);
  REQUIRE(d.send({.url = s.base() + "/boom"}).status == 500);
  REQUIRE(d.state() == outbound::CircuitState::open);
  clock.advance(9s);
  REQUIRE_THROWS_AS(d.send({.url = s.base() + "/items/1"}), Error);

  // The next trial answers: closed, and calls go out again.
  clock.advance(1s);
  REQUIRE(d.send({.url = s.base() + "/items/1"}).status == 200);
  REQUIRE(d.state() == outbound::CircuitState::closed);
  REQUIRE(gauge() == "0");
  REQUIRE(d.send({.url = s.base() + "/items/2"}).status == 200);
  REQUIRE_THAT(metrics.render(),
               Catch::Contains("agora_outbound_calls_total{destination=\"shop-api\",outcome=\"refused\"} 2"));
}

TEST_CASE("a destination takes a bounded number of calls at once; one more fails at once") {
  test::TestServer s;
  test::SilentServer silent;
  ManualClock clock(*parse_rfc3339("2026-12-01T00:00:00Z"));
  Metrics metrics;
  outbound::Destination d("slow-api", {.max_in_flight = 1, .failures_to_open = 2, .open_for = 10s}, clock, metrics);
  std::atomic<bool> first_failed{false};
  std::thread first = unanswered_call(d, silent.url("/"), 1500ms, first_failed);
  REQUIRE(test::eventually([&] { return silent.connections > 0; }));  // the first call is out
  const auto started = std::chrono::steady_clock::now();
  REQUIRE_THROWS_AS(d.send({.url = s.base() + "/items/1"}), Error);
  REQUIRE(std::chrono::steady_clock::now() - started < 300ms);
  first.join();
  REQUIRE(first_failed);
  // One failure (the first call's timeout) and one refusal: a refusal is not a failure of the
  // service, so two failures in a row have not happened and the circuit is closed.
  REQUIRE(d.state() == outbound::CircuitState::closed);
  REQUIRE(d.send({.url = s.base() + "/items/1"}).status == 200);
}

TEST_CASE("only the trial call decides a half-open circuit, not a call that went out before it opened") {
  test::TestServer s;
  ManualClock clock(*parse_rfc3339("2026-12-01T00:00:00Z"));
  Metrics metrics;
  outbound::Destination d("shop-api", {.max_in_flight = 4, .failures_to_open = 2, .open_for = 10s}, clock, metrics);
  test::SilentServer silent;  // the trial waits on it until its timeout

  std::atomic<long> early_status{0};
  std::thread early([&] { early_status = d.send({.url = s.base() + "/slow"}).status; });  // answers in 500 ms
  REQUIRE(test::eventually([&] {
    return metrics.render().find("agora_outbound_in_flight{destination=\"shop-api\"} 1") != std::string::npos;
  }));
  REQUIRE(d.send({.url = s.base() + "/boom"}).status == 500);
  REQUIRE(d.send({.url = s.base() + "/boom"}).status == 500);
  REQUIRE(d.state() == outbound::CircuitState::open);
  clock.advance(10s);
  std::atomic<bool> trial_failed{false};
  std::thread trial = unanswered_call(d, silent.url("/"), 2000ms, trial_failed);
  early.join();  // the early call answers while the trial is out
  REQUIRE(early_status == 200);
  REQUIRE(d.state() == outbound::CircuitState::half_open);  // still the trial's to decide
  trial.join();
  REQUIRE(trial_failed);
  REQUIRE(d.state() == outbound::CircuitState::open);
}
