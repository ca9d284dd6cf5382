// The agora command line: flags, config errors and the commands an operator runs.
#include "harness/harness.hpp"
#include "harness/process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace agora;

namespace {

struct Run {
  int code;
  std::string output;
};

Run agora_cli(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  static int n = 0;
  const auto log =
      std::filesystem::temp_directory_path() / ("agora-cli-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
  args.insert(args.begin(), AGORA_BINARY);
  args.push_back("--config-dir");
  args.push_back(std::string(AGORA_SOURCE_DIR) + "/config");
  const int code = test::run(args, {.log_file = log.string(), .as_postgres_user = false, .env = std::move(env)});
  std::stringstream out;
  out << std::ifstream(log).rdbuf();
  std::filesystem::remove(log);
  return {code, out.str()};
}

}  // namespace

TEST_CASE("unknown commands and flags exit non-zero and say what was wrong") {
  auto r = agora_cli({"serve", "--no-such-flag"});
  REQUIRE(r.code == 2);
  REQUIRE_THAT(r.output, Catch::Contains("--no-such-flag"));
  r = agora_cli({"launch"});
  REQUIRE(r.code == 2);
  REQUIRE_THAT(r.output, Catch::Contains("unknown command 'launch'"));
}

TEST_CASE("a bad config value exits non-zero naming the key") {
  auto r = agora_cli({"config"}, {{"AGORA_HTTP_PORT", "eighty"}});
  REQUIRE(r.code == 2);
  REQUIRE_THAT(r.output, Catch::Contains("http.port"));
  r = agora_cli({"config"}, {{"AGORA_LOG_LEVEL", "chatty"}});
  REQUIRE(r.code == 2);
  REQUIRE_THAT(r.output, Catch::Contains("log.level"));
  r = agora_cli({"serve"}, {{"AGORA_DATABASE_URL", "mysql://nope"}, {"AGORA_KAFKA_ENABLED", "false"}});
  REQUIRE(r.code == 2);
  REQUIRE_THAT(r.output, Catch::Contains("database.url"));
}

TEST_CASE("agora config prints the effective config with secrets redacted") {
  const auto r = agora_cli(
      {"config"}, {{"AGORA_DATABASE_URL", "postgresql://agora:topsecret@db:5432/agora"}, {"AGORA_HTTP_PORT", "9090"}});
  REQUIRE(r.code == 0);
  REQUIRE_THAT(r.output, Catch::Contains("http.port = 9090"));
  REQUIRE_THAT(r.output, Catch::Contains("postgresql://agora:***@db:5432/agora"));
  REQUIRE(r.output.find("topsecret") == std::string::npos);
}

TEST_CASE("agora config prints every module's section, and refuses a module key that is unknown or out of range") {
  auto r = agora_cli({"config"}, {{"AGORA_CATALOG_BASE_CURRENCY", "EUR"}});
  REQUIRE(r.code == 0);
  REQUIRE_THAT(r.output, Catch::Contains("catalog.base_currency = \"EUR\"") &&
                             Catch::Contains("inventory.allocation = \"priority\"") &&
                             Catch::Contains("fx.refresh_interval_s = 3600") &&
                             Catch::Contains("auth.external.issuer = \"\""));
  r = agora_cli({"config"}, {{"AGORA_CATALOG_PAGE_TTL_S", "0"}});
  REQUIRE(r.code == 2);
  REQUIRE_THAT(r.output, Catch::Contains("catalog.page_ttl_s: 0 is out of range"));
  r = agora_cli({"config"}, {{"AGORA_INVENTORY_ALLOCATION", "random"}});
  REQUIRE(r.code == 2);
  REQUIRE_THAT(r.output, Catch::Contains("inventory.allocation: expected one of priority, region"));
  const auto file = std::filesystem::temp_directory_path() / ("agora-typo-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(file) << "[catalog]\nbase_curency = \"EUR\"\n";
  r = agora_cli({"config", "--config", file.string()});
  std::filesystem::remove(file);
  REQUIRE(r.code == 2);
  REQUIRE_THAT(r.output, Catch::Contains("catalog.base_curency") && Catch::Contains("unknown key"));
}

TEST_CASE("agora migrate --status lists pending migrations, then applied ones") {
  const auto url = test::Stores::get().empty_database();
  auto r = agora_cli({"migrate", "--status"}, {{"AGORA_DATABASE_URL", url}});
  REQUIRE(r.code == 0);
  REQUIRE_THAT(r.output, Catch::Contains("pending  platform       0001_events.sql"));
  REQUIRE(agora_cli({"migrate"}, {{"AGORA_DATABASE_URL", url}}).code == 0);
  r = agora_cli({"migrate", "--status"}, {{"AGORA_DATABASE_URL", url}});
  REQUIRE_THAT(r.output, Catch::Contains("applied  platform       0001_events.sql") && Catch::Contains("0 pending"));
}
