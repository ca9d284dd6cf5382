#include "harness/test_app.hpp"

#include "harness/eventually.hpp"

#include <agora/core/migrations.hpp>
#include <boost/json/serialize.hpp>

namespace agora::test {
namespace {

std::string url_of(const App& app) { return "http://127.0.0.1:" + std::to_string(app.port()); }

std::string started(App& app, EventRecorder& recorder, const std::function<void(App&)>& before_start) {
  recorder.attach(app.platform().events);
  if (before_start) before_start(app);
  app.start();
  return url_of(app);
}

}  // namespace

TestApp::TestApp(Config c, std::vector<ModuleFactory> modules, const std::function<void(App&)>& before_start)
    : config(std::move(c)),
      app(config, std::move(modules), embedded_migrations(), clock),
      http(started(app, recorder, before_start)) {}

std::string TestApp::base_url() const { return url_of(app); }

HttpResult TestApp::call(const std::string& method, const std::string& path, const boost::json::value& body,
                         const std::string& bearer, std::map<std::string, std::string> headers) {
  if (!body.is_null()) headers["Content-Type"] = "application/json";
  if (!bearer.empty()) headers["Authorization"] = "Bearer " + bearer;
  return http.request(method, path, body.is_null() ? "" : boost::json::serialize(body), headers);
}

void EventRecorder::attach(EventBus& bus) {
  bus_ = &bus;
  bus.subscribe({.name = "test.recorder", .topics = {"*"}, .handler = [this](Tx&, const Event& e) {
                   std::lock_guard lock(mutex_);
                   events_.push_back(e);
                 }});
}

std::size_t EventRecorder::size() const {
  std::lock_guard lock(mutex_);
  return events_.size();
}

bool EventRecorder::caught_up(std::chrono::milliseconds limit) {
  bus_->wake();
  return eventually([&] { return bus_->backlog("test.recorder") == 0; }, limit);
}

std::vector<Event> EventRecorder::recorded() const {
  std::lock_guard lock(mutex_);
  return events_;
}

long long TestApp::count(const std::string& sql, const std::vector<prepared::Param>& params) {
  auto conn = db().acquire();
  const auto rows = prepared::run(*conn, sql, params);
  return rows.empty() ? -1 : rows.get<long long>(0, 0);
}

bool TestApp::handled(std::string_view subscriber, std::chrono::milliseconds limit) {
  auto& bus = app.platform().events;
  bus.wake();
  return eventually([&] { return bus.backlog(subscriber) == 0; }, limit);
}

}  // namespace agora::test
