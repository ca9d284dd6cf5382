// What an App writes to stdout: its configured log level, and one JSON access line per request.
#include "harness/harness.hpp"
#include "harness/http_client.hpp"

#include <agora/core/app.hpp>
#include <agora/core/db.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <unistd.h>

using namespace agora;

namespace {

// Runs f with stdout (fd 1) redirected to a temporary file and returns what was written to it.
std::string capture_stdout(const std::function<void()>& f) {
  std::fflush(stdout);
  char path[] = "/tmp/agora-stdout-XXXXXX";
  const int file = mkstemp(path);
  const int saved = dup(1);
  dup2(file, 1);
  f();
  std::fflush(stdout);
  dup2(saved, 1);
  close(saved);
  close(file);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  unlink(path);
  return text.str();
}

// Serves one request to an App built with the given log level; returns stdout meanwhile.
std::string serve_one_request(const std::string& level) {
  const auto config = test::test_config({{"log.level", level}});
  return capture_stdout([&] {
    App app(config, {}, embedded_migrations());
    app.start();
    test::HttpClient http("http://127.0.0.1:" + std::to_string(app.port()));
    http.request("GET", "/no/such/route", "", {{"X-Request-Id", "log-test-\"1\""}});
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
