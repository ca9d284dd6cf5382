#pragma once
// A gateway's API emulator (a Node.js script under test/) on a free loopback port for one test:
// started with its environment, ready once GET /_emulator/state answers, stopped with the test. Its
// test-only routes under /_emulator are read and posted as JSON.
#include "harness/eventually.hpp"
#include "harness/http_client.hpp"
#include "harness/process.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <map>
#include <string>

namespace agora::test {

class NodeEmulator {
 public:
  // `folder`: under test/, holding emulator.mjs; `package`: an npm package it needs, installed by
  // `npm ci` in that folder ("" for none).
  NodeEmulator(const std::string& folder, std::map<std::string, std::string> env, const std::string& package = "")
      : port_(free_port()) {
    const auto dir = std::string(AGORA_SOURCE_DIR) + "/test/" + folder;
    if (!package.empty() && !std::filesystem::exists(dir + "/node_modules/" + package))
      FAIL("the " + package + " package is not installed: run `npm ci` in test/" + folder + " (scripts/test.sh does)");
    const auto log =
        std::filesystem::temp_directory_path() / ("agora-" + folder + "-" + std::to_string(port_) + ".log");
    env.emplace("PORT", std::to_string(port_));
    pid_ = spawn({"node", dir + "/emulator.mjs"}, {.log_file = log.string(), .env = std::move(env)});
    REQUIRE(eventually(
        [&] {
          try {
            return client_.request("GET", "/_emulator/state").status == 200;
          } catch (const std::exception&) {
            return false;
          }
        },
        std::chrono::seconds(30)));
  }
  ~NodeEmulator() {
    ::kill(pid_, SIGTERM);
    wait_exit(pid_);
  }
  NodeEmulator(const NodeEmulator&) = delete;
  NodeEmulator& operator=(const NodeEmulator&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  HttpClient& client() { return client_; }

  // A test-only route's answer, which must be 200.
  boost::json::value get(const std::string& path) {
    const auto r = client_.request("GET", path);
    REQUIRE(r.status == 200);
    return r.json();
  }
  boost::json::value post(const std::string& path, const boost::json::object& body = {}) {
    const auto r = client_.request("POST", path, boost::json::serialize(body), {{"Content-Type", "application/json"}});
    REQUIRE(r.status == 200);
    return r.json();
  }

 private:
  unsigned short port_;
  pid_t pid_ = -1;
  HttpClient client_{url()};
};

}  // namespace agora::test
