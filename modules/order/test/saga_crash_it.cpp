// The real agora process killed (SIGKILL) at each step of the saga where money moves, and started
// again: every order ends in a final state, charged at most once as the Stripe emulator counts it,
// with the stock right.
#include "harness/process.hpp"
#include "harness/stripe_emulator.hpp"
#include "order_app.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <agora/core/db.hpp>

#include <csignal>
#include <optional>

namespace agora::order::test {
namespace {

long long query_number(const std::string& url, const std::string& sql) {
  soci::session s(soci::postgresql, conninfo(url));
  long long n = -1;
  s << sql, soci::into(n);
  return n;
}

// "payment.lease_ms" -> AGORA_PAYMENT_LEASE_MS
std::map<std::string, std::string> as_environment(const Config& config, const Overrides& settings) {
  std::map<std::string, std::string> env;
  const auto put = [&](std::string key, const std::string& value) {
    for (auto& c : key) c = c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    env["AGORA_" + key] = value;
  };
  for (const auto& [k, v] : settings) put(k, v);
  put("database.url", config.string("database.url"));
  put("redis.url", config.string("redis.url"));
  put("events.poll_interval_ms", "50");
  put("events.retry_base_ms", "50");
  put("kafka.enabled", "false");
  put("http.host", "127.0.0.1");
  put("log.level", "warn");
  return env;
}

// The agora binary on the test's database, with `failpoints` armed.
struct AgoraProcess {
  pid_t pid = -1;
  unsigned short port = agora::test::free_port();

  AgoraProcess(std::map<std::string, std::string> env, const std::string& failpoints) {
    env["AGORA_HTTP_PORT"] = std::to_string(port);
    if (!failpoints.empty()) env["FAILPOINTS"] = failpoints;
    pid = agora::test::spawn({AGORA_BINARY, "serve", "--config-dir", std::string(AGORA_SOURCE_DIR) + "/config"},
                             {.log_file = "/tmp/agora-crash-" + std::to_string(port) + ".log", .env = env});
    agora::test::HttpClient probe(base());
    REQUIRE(eventually([&] {
      try {
        return probe.request("GET", "/health/live").status == 200;
      } catch (const std::exception&) {
        return false;
      }
    }));
  }
  ~AgoraProcess() {
    if (pid <= 0) return;
    ::kill(pid, SIGKILL);
    agora::test::wait_exit(pid);
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port); }
};

}  // namespace

TEST_CASE("killed at each step where money moves and started again, the order is paid once and its stock taken once") {
  const std::string point =
      GENERATE(as<std::string>{}, "payment.before_call.authorize", "payment.after_answer.authorize",
               "payment.before_call.capture", "payment.after_answer.capture");
  CAPTURE(point);
  agora::test::StripeEmulator stripe;
  // Leases shorter than in production, so that the restarted process takes the dead one's call soon.
  const auto settings = agora::test::shop_defaults(stripe.config({{"payment.lease_ms", "1500"},
                                                                  {"payment.stripe_timeout_ms", "1000"},
                                                                  {"payment.resume_interval_ms", "100"},
                                                                  {"order.checkout_wait_ms", "3000"}}));
  std::optional<OrderApp> shop(std::in_place, settings);
  shop->product("CRASH-1", 1500, 5);
  const auto cart = shop->cart({{"CRASH-1", 2}});
  const auto env = as_environment(shop->config, settings);
  const auto url = shop->config.string("database.url");
  shop.reset();  // the shop is set up: from here on only the agora processes run it

  {
    AgoraProcess doomed(env, point);
    agora::test::HttpClient http(doomed.base());
    const boost::json::object body{
        {"cart_id", cart.id},
        {"email", "crash@example.com"},
        {"payment", {{"gateway", "stripe"}, {"token", "pm_card_visa"}, {"return_url", "https://shop.example/back"}}}};
    try {
      http.request("POST", "/api/v1/checkout", boost::json::serialize(body),
                   {{"Content-Type", "application/json"}, {"Idempotency-Key", new_id()}, {"X-Cart-Token", cart.token}});
    } catch (const std::exception&) {
      // The process died before it answered.
    }
    REQUIRE(agora::test::wait_exit(doomed.pid, std::chrono::seconds(30)) == 128 + SIGKILL);
    doomed.pid = -1;
  }
  REQUIRE(query_number(url, "SELECT count(*) FROM \"order\".orders") == 1);

  AgoraProcess restarted(env, "");
  REQUIRE(eventually(
      [&] {
        return query_number(
                   url, "SELECT count(*) FROM \"order\".orders WHERE status = 'placed' AND payment_status = 'paid'") ==
               1;
      },
      std::chrono::seconds(30)));
  soci::session s(soci::postgresql, conninfo(url));
  std::string order_id;
  long long total = 0;
  s << "SELECT id::text, total FROM \"order\".orders", soci::into(order_id), soci::into(total);
  CHECK(stripe.counted("intents_created") == 1);  // of every order: this is the only one
  CHECK(stripe.counted("authorized", order_id) == 1);
  CHECK(stripe.counted("captured", order_id) == 1);
  CHECK(stripe.counted("amount_captured", order_id) == total);
  CHECK(stripe.counted("cancelled", order_id) == 0);
  REQUIRE(eventually(
      [&] { return query_number(url, "SELECT sum(on_hand) FROM inventory.stock WHERE sku = 'CRASH-1'") == 3; }));
  CHECK(query_number(url, "SELECT sum(reserved) FROM inventory.stock WHERE sku = 'CRASH-1'") == 0);
  CHECK(query_number(url, "SELECT count(*) FROM inventory.reservations WHERE status = 'committed'") == 1);
}

}  // namespace agora::order::test
