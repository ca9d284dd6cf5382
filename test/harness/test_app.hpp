#pragma once
// A real agora server for module tests: the given modules on the database of `config` (fresh from
// test_config), a manual clock, an HTTP client, and the calls every module test makes.
#include "harness/http_client.hpp"

#include <agora/core/app.hpp>
#include <agora/core/clock.hpp>
#include <agora/core/config.hpp>
#include <agora/core/db.hpp>
#include <agora/core/event_json.hpp>
#include <agora/core/events.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/module.hpp>
#include <agora/core/prepared.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace agora::test {

// Every event committed while it listens, as a subscriber of every topic ("test.recorder") sees it.
class EventRecorder {
 public:
  void attach(EventBus& bus);  // before the bus starts
  // Waits until it has seen every event committed so far; false when that takes over `limit`.
  bool caught_up(std::chrono::milliseconds limit = std::chrono::seconds(10));
  std::size_t size() const;  // events seen so far, of every type
  // The events of type T seen so far, in the order seen; key: of that key only.
  template <TypedEvent T>
  std::vector<T> seen(const std::string& key = {}) const {
    std::vector<T> out;
    for (const auto& e : recorded())
      if (e.topic == T::kName.topic && e.type == T::kName.type && e.version == T::kName.version &&
          (key.empty() || e.key == key))
        out.push_back(boost::json::value_to<T>(e.payload));
    return out;
  }

 private:
  std::vector<Event> recorded() const;
  EventBus* bus_ = nullptr;
  mutable std::mutex mutex_;
  std::vector<Event> events_;
};

class TestApp {
 public:
  ManualClock clock{std::chrono::system_clock::now()};
  EventRecorder recorder;  // before app: it outlives the bus that calls it
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
  // The first column of the query's first row, with $1, $2, ... bound to `params`.
  long long count(const std::string& sql, const std::vector<prepared::Param>& params = {});

  // Waits until the subscriber (every subscriber when none is named) has handled or set aside
  // every event committed so far; false when that takes more than `limit`.
  bool handled(std::string_view subscriber = {}, std::chrono::milliseconds limit = std::chrono::seconds(10));

  // The events of type T committed so far (in the order the recorder saw them), key: of that key
  // only, once the recorder has seen every committed event.
  template <TypedEvent T>
  std::vector<T> published(const std::string& key = {}) {
    recorder.caught_up();
    return recorder.seen<T>(key);
  }
  // How many events of that type and version were committed so far.
  template <TypedEvent T>
  std::size_t published_count(const std::string& key = {}) {
    return published<T>(key).size();
  }
};

}  // namespace agora::test
