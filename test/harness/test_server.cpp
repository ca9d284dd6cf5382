// agora_test_server: the agora command line plus a test-only "probe" module, for tests that
// need a real server process to kill, signal or run twice.
//   POST /probe/events {"key", "n"}  publishes probe.happened on probe.events
//   GET  /probe/slow?ms=N            answers after N ms (graceful shutdown tests)
// Its subscriber records each event in test_probe.effects; with PROBE_HANG_FILE set it
// creates that file after recording and then hangs, so a test can SIGKILL it mid-handler.
#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/core/http.hpp>

#include <cstdlib>
#include <fstream>
#include <thread>

namespace {

using namespace agora;

class ProbeModule final : public Module {
 public:
  std::string_view name() const override { return "probe"; }

  void install(Platform& p) override {
    p.router.add(http::Method::post, "/probe/events", [&p](const http::Request& req) {
      const auto body = req.json().as_object();
      const std::string key(body.at("key").as_string());
      const auto n = body.at("n").as_int64();
      const auto event = p.db.transact([&](Tx& tx) {
        return tx.publish("probe.events", "probe.happened", 1, key, {{"n", n}});
      });
      return http::Response::json({{"id", event.id}}, 201);
    });
    p.router.add(http::Method::get, "/probe/slow", [](const http::Request& req) {
      const auto ms = std::stoi(std::string(req.query_param("ms").value_or("100")));
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      return http::Response::json({{"slept_ms", ms}});
    });
    p.events.subscribe(
        {.name = "probe-recorder",
         .topics = {"probe.events"},
         .types = {},
         .handler =
             [](Tx& tx, const Event& e) {
               const int n = static_cast<int>(e.payload.at("n").as_int64());
               tx.sql() << "INSERT INTO test_probe.effects (event_id, key, n) VALUES (CAST(:id AS uuid), :k, :n)",
                   soci::use(e.id), soci::use(e.key), soci::use(n);
               if (const char* hang = std::getenv("PROBE_HANG_FILE")) {
                 std::ofstream(hang) << e.id;
                 std::this_thread::sleep_for(std::chrono::hours(1));
               }
             },
         .max_attempts = 0});
  }
};

}  // namespace

int main(int argc, char** argv) {
  auto migrations = agora::embedded_migrations();
  migrations.push_back({"test_probe", 1, "0001_effects.sql",
                        "CREATE SCHEMA test_probe;"
                        "CREATE TABLE test_probe.effects (event_id uuid NOT NULL, key text NOT NULL, n int NOT NULL,"
                        " recorded_at timestamptz NOT NULL DEFAULT now());"});
  return agora::run_cli(argc, argv, {[] { return std::make_unique<ProbeModule>(); }}, std::move(migrations));
}
