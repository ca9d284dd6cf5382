// A real agora server process: killed mid-handler, and stopped with SIGTERM mid-request.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"
#include "harness/process.hpp"

#include <agora/core/db.hpp>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <catch2/catch.hpp>

#include <signal.h>
#include <filesystem>
#include <future>
#include <thread>

using namespace agora;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {
using agora::test::eventually;

int count(const std::string& url, const std::string& query) {
  soci::session sql(soci::postgresql, conninfo(url));
  int n = -1;
  sql << query, soci::into(n);
  return n;
}

struct ServerProcess {
  pid_t pid = -1;
  unsigned short port = 0;

  ServerProcess(const std::string& db_url, std::map<std::string, std::string> extra_env = {}) {
    port = test::free_port();
    std::map<std::string, std::string> env{{"AGORA_DATABASE_URL", db_url},
                                           {"AGORA_REDIS_URL", test::Stores::get().redis_url()},
                                           {"AGORA_KAFKA_ENABLED", "false"},
                                           {"AGORA_HTTP_HOST", "127.0.0.1"},
                                           {"AGORA_HTTP_PORT", std::to_string(port)},
                                           {"AGORA_HTTP_SHUTDOWN_GRACE_MS", "5000"},
                                           {"AGORA_EVENTS_POLL_INTERVAL_MS", "100"},
                                           {"AGORA_LOG_LEVEL", "warn"}};
    env.insert(extra_env.begin(), extra_env.end());
    pid = test::spawn(
        {AGORA_TEST_SERVER, "serve", "--migrate", "--config-dir", std::string(AGORA_SOURCE_DIR) + "/config"},
        {.log_file = "/dev/null", .as_postgres_user = false, .env = env});
    test::HttpClient probe(base());
    REQUIRE(eventually([&] {
      try {
        return probe.request("GET", "/health/live").status == 200;
      } catch (const std::exception&) {
        return false;
      }
    }));
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port); }
  ~ServerProcess() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      test::wait_exit(pid);
    }
  }
};

}  // namespace

TEST_CASE("a database handler's effect happens once when the process is killed after the work") {
  const auto url = test::Stores::get().fresh_database();
  const fs::path hang_file = fs::temp_directory_path() / ("agora-hang-" + std::to_string(::getpid()));
  fs::remove(hang_file);
  {
    ServerProcess server(url, {{"PROBE_HANG_FILE", hang_file.string()}});
    test::HttpClient http(server.base());
    REQUIRE(http.request("POST", "/probe/events", R"({"key":"k-1","n":7})", {{"Content-Type", "application/json"}})
                .status == 201);
    // The handler has inserted its row and now hangs inside the open transaction.
    REQUIRE(eventually([&] { return fs::exists(hang_file); }));
    kill(server.pid, SIGKILL);
    REQUIRE(test::wait_exit(server.pid) == 128 + SIGKILL);
    server.pid = -1;
  }
  fs::remove(hang_file);
  REQUIRE(count(url, "SELECT count(*) FROM test_probe.effects") == 0);

  ServerProcess restarted(url);
  REQUIRE(eventually([&] { return count(url, "SELECT count(*) FROM test_probe.effects") == 1; }));
  std::this_thread::sleep_for(500ms);  // the position moved with the effect: the event is not handled again
  REQUIRE(count(url, "SELECT count(*) FROM test_probe.effects WHERE key = 'k-1' AND n = 7") == 1);
  REQUIRE(count(url, "SELECT count(*) FROM test_probe.effects") == 1);
}

TEST_CASE("SIGTERM lets a request in flight finish, then the server exits 0") {
  const auto url = test::Stores::get().fresh_database();
  ServerProcess server(url);
  auto slow = std::async(std::launch::async, [&] {
    test::HttpClient http(server.base());
    return http.request("GET", "/probe/slow?ms=1500");
  });
  std::this_thread::sleep_for(400ms);
  const auto signalled = std::chrono::steady_clock::now();
  REQUIRE(kill(server.pid, SIGTERM) == 0);
  const auto response = slow.get();
  REQUIRE(response.status == 200);
  REQUIRE(response.json().at("slept_ms").as_int64() == 1500);
  REQUIRE(test::wait_exit(server.pid, 10s) == 0);
  server.pid = -1;
  REQUIRE(std::chrono::steady_clock::now() - signalled < 6s);
  test::HttpClient after(server.base());
  REQUIRE_THROWS(after.request("GET", "/health/live"));
}

TEST_CASE("a server whose port is taken exits with an error, after stopping what it started") {
  const auto url = test::Stores::get().fresh_database();
  ServerProcess first(url);
  // The real agora: its catalog reloads its read model when the event listener connects.
  const auto pid =
      test::spawn({AGORA_BINARY, "serve", "--migrate", "--config-dir", std::string(AGORA_SOURCE_DIR) + "/config"},
                  {.log_file = "/dev/null",
                   .as_postgres_user = false,
                   .env = {{"AGORA_DATABASE_URL", url},
                           {"AGORA_REDIS_URL", test::Stores::get().redis_url()},
                           {"AGORA_KAFKA_ENABLED", "false"},
                           {"AGORA_HTTP_HOST", "127.0.0.1"},
                           {"AGORA_HTTP_PORT", std::to_string(first.port)},
                           {"AGORA_FX_PROVIDERS", "fixed"},
                           {"AGORA_FX_FIXED_BASE", "EUR"},
                           {"AGORA_FX_FIXED_RATES", "USD=1.08"},
                           {"AGORA_LOG_LEVEL", "warn"}}});
  const int code = test::wait_exit(pid, 30s);
  REQUIRE(code > 0);
  REQUIRE(code < 128);  // an exit with an error, not a signal (it was SIGSEGV: listeners ran on into freed modules)
}
