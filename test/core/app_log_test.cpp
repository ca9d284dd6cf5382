// What an App writes to stdout: its configured log level, and one JSON access line per request.
#include "harness/capture_stdout.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"

#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/log.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <regex>
#include <sstream>

using namespace agora;
using test::capture_stdout;

namespace {

// Serves one request to an App built with the given log level; returns stdout meanwhile.
std::string serve_one_request(const std::string& level, const std::string& path = "/no/such/route") {
  const auto config = test::test_config({{"log.level", level}});
  return capture_stdout([&] {
    App app(config, {}, embedded_migrations());
    app.start();
    test::HttpClient http("http://127.0.0.1:" + std::to_string(app.port()));
    http.request("GET", path, "", {{"X-Request-Id", "log-test-\"1\""}});
    app.stop();
  });
}

std::vector<boost::json::object> access_lines(const std::string& text) {
  std::vector<boost::json::object> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.find(R"("msg":"http_request")") != std::string::npos) out.push_back(boost::json::parse(line).as_object());
  return out;
}

}  // namespace

TEST_CASE("an App built with log.level warn writes no access lines") {
  REQUIRE(access_lines(serve_one_request("warn")).empty());
}

TEST_CASE("at log.level info an App writes one JSON access line per request") {
  const auto lines = access_lines(serve_one_request("info"));
  REQUIRE(lines.size() == 1);
  const auto& line = lines.front();
  REQUIRE(std::regex_match(std::string(line.at("ts").as_string()),
                           std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)")));
  REQUIRE(line.at("level") == "info");
  REQUIRE(line.at("method") == "GET");
  REQUIRE(line.at("path") == "/no/such/route");
  REQUIRE(line.at("route") == "unmatched");
  REQUIRE(line.at("status") == 404);
  REQUIRE(line.at("duration_ms").as_double() >= 0.0);
  REQUIRE(line.at("request_id") == "log-test-\"1\"");  // escaped in the line, intact once parsed
  REQUIRE(line.at("remote") == "127.0.0.1");
}

TEST_CASE("log lines stay valid JSON when a client sends bytes that are not UTF-8") {
  const auto text = serve_one_request("info", "/no/%FF%C0/route?q=%ED%A0%80");
  std::istringstream lines(text);
  std::size_t access = 0;
  for (std::string line; std::getline(lines, line);) {
    CAPTURE(line);
    REQUIRE_NOTHROW(boost::json::parse(line));  // Boost.JSON refuses invalid UTF-8
    access += line.find(R"("msg":"http_request")") != std::string::npos;
  }
  REQUIRE(access == 1);
  const auto logged = capture_stdout([] {
    log::warn("bad \xFF input", {{"value", "x\xC0y"}});
    log::flush();
  });
  REQUIRE_NOTHROW(boost::json::parse(logged.substr(0, logged.find('\n'))));
}

TEST_CASE("log fields write decimals as people read them, and NaN as null") {
  const auto logged = capture_stdout([] {
    log::warn("rated", {{"average", 4.25}, {"share", 0.1}, {"nan", std::numeric_limits<double>::quiet_NaN()}});
    log::flush();
  });
  REQUIRE_THAT(logged, Catch::Contains(R"("msg":"rated","average":4.25,"share":0.1,"nan":null})"));
}
