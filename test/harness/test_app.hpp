#pragma once
// A real agora server for module tests: the given modules on the database of `config` (fresh from
// test_config), a manual clock, an HTTP client, and the calls every module test makes.
#include "harness/http_client.hpp"

#include <agora/core/app.hpp>
#include <agora/core/clock.hpp>
#include <agora/core/config.hpp>
#include <agora/core/db.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/module.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace agora::test {

class TestApp {
 public:
  ManualClock clock{std::chrono::system_clock::now()};
  Config config;
  App app;
  HttpClient http;

  // before_start runs once the modules are installed, before the server listens.
  TestApp(Config config, std::vector<ModuleFactory> modules, const std::function<void(App&)>& before_start = {});

  Database& db() { return app.platform().db; }
  Metrics& metrics() { return app.platform().metrics; }
  std::string base_url() const;

  // A JSON call (body null: none); `bearer` becomes "Authorization: Bearer <bearer>".
  HttpResult call(const std::string& method, const std::string& path, const boost::json::value& body = nullptr,
                  const std::string& bearer = "", std::map<std::string, std::string> headers = {});
  long long count(const std::string& sql);  // the first column of the query's first row
};

}  // namespace agora::test
