// The module contract: modules declare the APIs they require and are installed after their
// providers, whatever the order they are listed in; what they declare is checked at start.
#include "harness/harness.hpp"

#include <agora/core/app.hpp>
#include <agora/core/module.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace agora;

namespace {

// The APIs of three made-up modules: "ledger" needs "rates", "shop" needs "ledger".
struct RatesApi {
  static constexpr std::string_view kModule = "rates";
};
struct LedgerApi {
  static constexpr std::string_view kModule = "ledger";
};

class TestModule final : public Module {
 public:
  TestModule(std::string name, std::vector<ApiRef> required, std::vector<std::string>& installed)
      : name_(std::move(name)), required_(std::move(required)), installed_(installed) {}
  std::string_view name() const override { return name_; }
  std::vector<ApiRef> requirements() const override { return required_; }
  void install(Platform& p) override {
    if (name_ == "rates") p.services.provide<RatesApi>(rates_);
    if (name_ == "ledger") {
      p.services.get<RatesApi>();  // a required API is there during install
      p.services.provide<LedgerApi>(ledger_);
    }
    if (name_ == "shop") p.services.get<LedgerApi>();
    installed_.push_back(name_);
  }

 private:
  std::string name_;
  std::vector<ApiRef> required_;
  std::vector<std::string>& installed_;
  RatesApi rates_;
  LedgerApi ledger_;
};

ModuleFactory module(std::string name, std::vector<ApiRef> required, std::vector<std::string>& installed) {
  return [=, &installed] { return std::make_unique<TestModule>(name, required, installed); };
}

}  // namespace

TEST_CASE("modules are installed after the providers of the APIs they require, whatever the order listed") {
  const auto config = test::test_config();
  std::vector<std::string> names{"ledger", "rates", "shop"};
  do {
    std::vector<std::string> installed;
    std::vector<ModuleFactory> modules;
    for (const auto& name : names) {
      if (name == "rates") modules.push_back(module(name, {}, installed));
      if (name == "ledger") modules.push_back(module(name, {api<RatesApi>()}, installed));
      if (name == "shop") modules.push_back(module(name, {api<LedgerApi>()}, installed));
    }
    App app(config, modules, embedded_migrations());
    REQUIRE(installed == std::vector<std::string>{"rates", "ledger", "shop"});
  } while (std::next_permutation(names.begin(), names.end()));
}

TEST_CASE("a module whose required API no module provides stops the start, naming both") {
  std::vector<std::string> installed;
  REQUIRE_THROWS_WITH(App(test::test_config(), {module("ledger", {api<RatesApi>()}, installed)}, embedded_migrations()),
                      "module ledger requires rates::Api, which no module provides: add the rates module");
  REQUIRE(installed.empty());
}

TEST_CASE("modules requiring each other's APIs stop the start") {
  std::vector<std::string> installed;
  REQUIRE_THROWS_WITH(
      App(test::test_config(),
          {module("rates", {api<LedgerApi>()}, installed), module("ledger", {api<RatesApi>()}, installed)},
          embedded_migrations()),
      Catch::Contains("modules [ledger, rates] require each other's APIs"));
}

TEST_CASE("a module that gets an API it did not declare is refused") {
  std::vector<std::string> installed;
  REQUIRE_THROWS_WITH(
      App(test::test_config(), {module("rates", {}, installed), module("shop", {}, installed)}, embedded_migrations()),
      "module shop uses ledger::Api without declaring it in requirements()");
}

TEST_CASE("a module whose requirements disagree with its DEPENDS in CMake stops the start") {
  // CMake builds inventory with DEPENDS catalog; this inventory declares that it requires nothing.
  std::vector<std::string> installed;
  REQUIRE_THROWS_WITH(
      App(test::test_config(), {module("inventory", {}, installed)}, embedded_migrations()),
      Catch::Contains("module inventory requires the APIs of []") && Catch::Contains("CMake DEPENDS on [catalog]"));
}

TEST_CASE("a module listed twice stops the start") {
  std::vector<std::string> installed;
  REQUIRE_THROWS_WITH(
      App(test::test_config(), {module("rates", {}, installed), module("rates", {}, installed)}, embedded_migrations()),
      "module rates is listed twice");
}
