#include "harness/test_app.hpp"

#include <agora/core/migrations.hpp>
#include <boost/json/serialize.hpp>

namespace agora::test {
namespace {

std::string url_of(const App& app) { return "http://127.0.0.1:" + std::to_string(app.port()); }

std::string started(App& app, const std::function<void(App&)>& before_start) {
  if (before_start) before_start(app);
  app.start();
  return url_of(app);
}

}  // namespace

TestApp::TestApp(Config c, std::vector<ModuleFactory> modules, const std::function<void(App&)>& before_start)
    : config(std::move(c)),
      app(config, std::move(modules), embedded_migrations(), clock),
      http(started(app, before_start)) {}

std::string TestApp::base_url() const { return url_of(app); }

HttpResult TestApp::call(const std::string& method, const std::string& path, const boost::json::value& body,
                         const std::string& bearer, std::map<std::string, std::string> headers) {
  if (!body.is_null()) headers["Content-Type"] = "application/json";
  if (!bearer.empty()) headers["Authorization"] = "Bearer " + bearer;
  return http.request(method, path, body.is_null() ? "" : boost::json::serialize(body), headers);
}

long long TestApp::count(const std::string& sql) {
  auto conn = db().acquire();
  long long n = -1;
  *conn << sql, soci::into(n);
  return n;
}

}  // namespace agora::test
