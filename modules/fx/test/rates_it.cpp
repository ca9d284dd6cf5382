// Refreshing, history, failover and conversion through the HTTP API against the real stores.
#include "fx_app.hpp"
#include "harness/eventually.hpp"

#include <agora/fx/events.hpp>

#include <thread>

using namespace agora;
using namespace agora::fx::test;
using namespace std::chrono_literals;

namespace {

// An administrator's refresh on a connection of its own, in the background: it lasts as long as the
// ECB keeps silent. Going out of scope it has the ECB answer (500) first, so a failing test does not
// wait out the fetch timeout.
class BackgroundRefresh {
 public:
  BackgroundRefresh(FxApp& fx, FakeEcb& ecb)
      : ecb_(ecb), thread_([this, url = fx.base_url()] {
          agora::test::HttpClient admin(url);
          result_ = admin.request("POST", "/api/v1/admin/fx/refresh", "", {{"Authorization", "Bearer admin"}});
        }) {}
  ~BackgroundRefresh() {
    if (!thread_.joinable()) return;
    ecb_.break_down();
    thread_.join();
  }
  HttpResult result() {
    thread_.join();
    return result_;
  }

 private:
  FakeEcb& ecb_;
  HttpResult result_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("a refresh stores the ECB rates once and serves them as decimal strings") {
  FxApp fx;
  const auto first = fx.refresh();
  CHECK(first.at("provider") == "ecb");
  CHECK(first.at("base") == "EUR");
  CHECK(first.at("as_of") == "2026-11-24T00:00:00.000Z");
  CHECK(first.at("stored") == 30);
  CHECK(fx.refresh().at("stored") == 0);  // the same day again adds nothing to the history
  CHECK(fx.count("SELECT count(*) FROM fx.rates") == 30);

  const auto rates = fx.call("GET", "/api/v1/fx/rates").json();
  CHECK(rates.at("base") == "EUR");
  CHECK(rates.at("rates").at("USD") == "1.0856");
  CHECK(rates.at("rates").at("GBP") == "0.8521");
  CHECK(rates.at("rates").at("JPY") == "162.45");

  const auto in_usd = fx.call("GET", "/api/v1/fx/rates?base=USD").json();
  CHECK(in_usd.at("base") == "USD");
  CHECK(in_usd.at("rates").at("JPY") == "149.640751658069");
  CHECK(in_usd.at("rates").at("EUR") == "0.921149594694");
  CHECK_FALSE(in_usd.at("rates").as_object().contains("USD"));
}

TEST_CASE("conversions go through the base currency and round half to even to the target's minor units") {
  FxApp fx(Overrides{{"fx.providers", "fixed"},
                     {"fx.fixed_base", "EUR"},
                     {"fx.fixed_rates", "USD=1.0856,JPY=162.45,KWD=0.3321,ISK=2.5"}});
  fx.refresh();
  CHECK(fx.converted(10000, "EUR", "USD") == 10856);  // 100.00 EUR
  CHECK(fx.converted(10000, "USD", "JPY") == 14964);  // 14964.07...
  CHECK(fx.converted(1000, "JPY", "USD") == 668);     // 6.6826...
  CHECK(fx.converted(1000, "USD", "KWD") == 3059);    // 3.0591... KWD, three minor units
  CHECK(fx.converted(1000, "KWD", "JPY") == 489);     // 489.159...
  CHECK(fx.converted(-1000, "KWD", "JPY") == -489);   // refunds convert symmetrically
  // Ties go to the even neighbour: ISK has no minor units, KWD three.
  CHECK(fx.converted(100, "EUR", "ISK") == 2);      // 2.5 -> 2
  CHECK(fx.converted(300, "EUR", "ISK") == 8);      // 7.5 -> 8
  CHECK(fx.converted(-100, "EUR", "ISK") == -2);    // -2.5 -> -2
  CHECK(fx.converted(500, "EUR", "KWD") == 1660);   // 1.6605 -> 1.660
  CHECK(fx.converted(1500, "EUR", "KWD") == 4982);  // 4.9815 -> 4.982

  const auto r = fx.convert(10000, "USD", "JPY").json();
  CHECK(r.at("amount") == boost::json::value{{"amount", 14964}, {"currency", "JPY"}});
  CHECK(r.at("rate") == "149.640751658069");
  CHECK(r.at("rate_time").as_string().size() == 24);
  CHECK(fx.converted(1234, "USD", "USD") == 1234);
}

TEST_CASE("a past instant gets the rate that held then") {
  FakeEcb ecb;
  FxApp fx(Overrides{{"fx.ecb_url", ecb.url()}});
  ecb.publish("2026-11-23", {{"USD", "1.0800"}, {"JPY", "160"}});
  fx.refresh();
  ecb.publish("2026-11-24", {{"USD", "1.0856"}, {"JPY", "162.45"}});
  fx.refresh();

  const auto then = fx.call("GET", "/api/v1/fx/rates/EUR/USD?at=2026-11-23T18:00:00Z").json();
  CHECK(then.at("rate") == "1.08");
  CHECK(then.at("valid_from") == "2026-11-23T00:00:00.000Z");
  CHECK(then.at("provider") == "ecb");
  CHECK(fx.call("GET", "/api/v1/fx/rates/EUR/USD?at=2026-11-24T00:00:00Z").json().at("rate") == "1.0856");
  CHECK(fx.call("GET", "/api/v1/fx/rates/EUR/USD").json().at("rate") == "1.0856");
  CHECK(fx.call("GET", "/api/v1/fx/rates/USD/JPY?at=2026-11-23T12:00:00Z").json().at("rate") == "148.148148148148");
  CHECK(fx.convert(10000, "USD", "JPY", "2026-11-23T12:00:00Z").json().at("amount").at("amount") == 14815);
  CHECK(fx.convert(10000, "USD", "JPY").json().at("amount").at("amount") == 14964);
}

TEST_CASE("a rate asked for before the first known rate is a 422 naming at that says when rates begin") {
  FakeEcb ecb;
  FxApp fx(Overrides{{"fx.ecb_url", ecb.url()}});
  ecb.publish("2026-11-23", {{"USD", "1.0800"}});
  fx.refresh();

  const auto rate = fx.call("GET", "/api/v1/fx/rates/EUR/USD?at=2026-11-22T12:00:00Z");
  CHECK(rate.status == 422);
  CHECK(bad_fields(rate) == std::vector<std::string>{"at"});
  CHECK(problem(rate).at("errors").at(0).at("message").as_string().find("2026-11-23T00:00:00.000Z") !=
        std::string::npos);
  const auto converted = fx.convert(10000, "EUR", "USD", "2026-11-22T12:00:00Z");
  CHECK(converted.status == 422);
  CHECK(bad_fields(converted) == std::vector<std::string>{"at"});
}

TEST_CASE(
    "a valid currency without a rate is a 422 naming the field that chose it, a 404 in the path; no rate at all stays "
    "a "
    "503") {
  FxApp fx;
  CHECK(fx.call("GET", "/api/v1/fx/rates/EUR/USD").status == 503);  // Agora has fetched nothing: its fault
  fx.refresh();                                                     // the ECB sample has no KWD
  const auto to = fx.convert(10000, "EUR", "KWD");
  CHECK(to.status == 422);
  CHECK(bad_fields(to) == std::vector<std::string>{"to"});
  CHECK(problem(to).at("detail").as_string().find("KWD") != std::string::npos);
  CHECK(bad_fields(fx.convert(10000, "KWD", "EUR")) == std::vector<std::string>{"amount.currency"});
  const auto no_quote = fx.call("GET", "/api/v1/fx/rates/EUR/KWD");
  CHECK(no_quote.status == 404);
  CHECK(problem(no_quote).at("detail").as_string().find("KWD") != std::string::npos);
  CHECK(fx.call("GET", "/api/v1/fx/rates/KWD/EUR?at=2026-11-24T12:00:00Z").status == 404);
  const auto rebased = fx.call("GET", "/api/v1/fx/rates?base=KWD");
  CHECK(rebased.status == 422);
  CHECK(bad_fields(rebased) == std::vector<std::string>{"base"});
}

TEST_CASE("instants outside 1970 to 2199 are a 422 naming at, never another time's rate") {
  FxApp fx;
  fx.refresh();
  for (const auto* at : {"1600-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2262-04-12T00:00:00Z",
                         "9999-12-31T23:59:59Z"}) {
    INFO(at);
    const auto rate = fx.call("GET", std::string("/api/v1/fx/rates/EUR/USD?at=") + at);
    CHECK(rate.status == 422);
    CHECK(bad_fields(rate) == std::vector<std::string>{"at"});
    CHECK(bad_fields(fx.convert(10000, "EUR", "USD", at)) == std::vector<std::string>{"at"});
  }
}

TEST_CASE("a provider that fails hands over to the next one, and the failure is counted") {
  FakeEcb ecb;  // answers 500
  FxApp fx(Overrides{{"fx.providers", "ecb,fixed"}, {"fx.ecb_url", ecb.url()}, {"fx.fixed_rates", "USD=1.10"}});
  const auto before = fx.counter("agora_fx_provider_failures_total", {{"provider", "ecb"}});
  const auto r = fx.refresh();
  CHECK(r.at("provider") == "fixed");
  CHECK(fx.counter("agora_fx_provider_failures_total", {{"provider", "ecb"}}) == before + 1);
  CHECK(fx.converted(10000, "EUR", "USD") == 11000);

  ecb.publish("2026-11-24", {{"USD", "1.0856"}});
  CHECK(fx.refresh().at("provider") == "ecb");  // the first provider wins again once it answers
  // ... and its rates answer, though the fixed ones were stored after the start of the ECB's day
  CHECK(fx.converted(10000, "EUR", "USD") == 10856);
  CHECK(fx.call("GET", "/api/v1/fx/rates/EUR/USD").json().at("provider") == "ecb");
}

TEST_CASE(
    "with no rate stored conversions answer from the fixed rates at once while the ECB is silent, then from the "
    "ECB's") {
  FakeEcb ecb;
  ecb.go_silent();
  FxApp fx(Overrides{{"fx.providers", "ecb,fixed"},
                     {"fx.ecb_url", ecb.url()},
                     {"fx.fetch_timeout_ms", "20000"},
                     {"fx.fixed_rates", "USD=1.10"}});
  BackgroundRefresh refresh(fx, ecb);
  REQUIRE(agora::test::eventually([&] { return ecb.asked() == 1; }));  // the refresh waits on the ECB

  const auto asked = std::chrono::steady_clock::now();
  const auto fallback = fx.convert(10000, "EUR", "USD");
  CHECK(std::chrono::steady_clock::now() - asked < 2s);  // not after the 20 s the ECB may take
  INFO(fallback.body);
  REQUIRE(fallback.status == 200);
  CHECK(fallback.json().at("amount").at("amount") == 11000);
  CHECK(fx.call("GET", "/api/v1/fx/rates/EUR/USD").json().at("provider") == "fixed");
  CHECK(fx.metrics().render().find("agora_fx_rates_stale 1") != std::string::npos);  // no provider answered yet
  CHECK(fx.count("SELECT count(*) FROM fx.rates") == 0);  // answered, not stored: no history, no event

  ecb.publish("2026-11-24", {{"USD", "1.0856"}});
  const auto refreshed = refresh.result();
  INFO(refreshed.body);
  REQUIRE(refreshed.status == 200);
  CHECK(refreshed.json().at("provider") == "ecb");
  CHECK(fx.converted(10000, "EUR", "USD") == 10856);  // the ECB's day began before this start, yet it wins
  const auto updates = fx.published<fx::events::RatesUpdated>("EUR");
  REQUIRE(updates.size() == 1);
  CHECK(updates.front().provider == "ecb");
}

TEST_CASE("when every provider fails a refresh answers 503 and the old rates stay") {
  FakeEcb ecb;
  FxApp fx(Overrides{{"fx.ecb_url", ecb.url()}});
  ecb.publish("2026-11-24", {{"USD", "1.0856"}});
  fx.refresh();
  ecb.break_down();
  const auto r = fx.call("POST", "/api/v1/admin/fx/refresh", nullptr, "admin");
  CHECK(r.status == 503);
  CHECK(fx.converted(10000, "EUR", "USD") == 10856);
}

TEST_CASE("a refresh publishes fx.rates_updated and the next conversion uses the new rate") {
  FakeEcb ecb;
  FxApp fx(Overrides{{"fx.ecb_url", ecb.url()}});
  ecb.publish("2026-11-23", {{"USD", "1.0800"}});
  fx.refresh();
  CHECK(fx.converted(10000, "EUR", "USD") == 10800);  // now cached in-process and in Redis

  ecb.publish("2026-11-24", {{"USD", "1.0856"}, {"JPY", "162.45"}});
  fx.refresh();
  CHECK(fx.converted(10000, "EUR", "USD") == 10856);

  const auto updates = fx.published<fx::events::RatesUpdated>("EUR");
  REQUIRE(updates.size() == 2);  // one per refresh that stored new rates
  const auto& typed = updates.back();
  CHECK(typed.key() == "EUR");
  CHECK(typed.quotes.at(1).rate == "1.0856");
  const auto p = boost::json::value_from(typed);
  CHECK(p.at("provider") == "ecb");
  CHECK(p.at("base") == "EUR");
  CHECK(p.at("as_of") == "2026-11-24T00:00:00.000Z");
  CHECK(p.at("quotes") ==
        boost::json::array{{{"currency", "JPY"}, {"rate", "162.45"}}, {{"currency", "USD"}, {"rate", "1.0856"}}});
  CHECK(boost::json::value_from(boost::json::value_to<fx::events::RatesUpdated>(p)) == p);
}

TEST_CASE("only an administrator may refresh rates") {
  FxApp fx;
  CHECK(fx.call("GET", "/api/v1/fx/rates").status == 503);  // nothing fetched yet
  CHECK(fx.call("POST", "/api/v1/admin/fx/refresh").status == 401);
  CHECK(fx.call("POST", "/api/v1/admin/fx/refresh", nullptr, "customer").status == 403);
  CHECK(fx.call("POST", "/api/v1/admin/fx/refresh", nullptr, "catalog_manager").status == 403);
  CHECK(fx.count("SELECT count(*) FROM fx.rates") == 0);
}

TEST_CASE("bad currencies, amounts and instants are refused naming each field") {
  FxApp fx;
  fx.refresh();
  const auto bad = fx.call("POST", "/api/v1/fx/convert",
                           {{"amount", {{"amount", 1.5}, {"currency", "EURO"}}}, {"to", "XXY"}, {"at", "yesterday"}});
  CHECK(bad.status == 422);
  CHECK(bad_fields(bad) == std::vector<std::string>{"amount.amount", "amount.currency", "at", "to"});
  CHECK(bad_fields(fx.call("POST", "/api/v1/fx/convert", {{"to", "USD"}})) == std::vector<std::string>{"amount"});
  CHECK(bad_fields(
            fx.call("POST", "/api/v1/fx/convert", {{"amount", {{"amount", 1}, {"currency", "EUR"}}}, {"to", 7}})) ==
        std::vector<std::string>{"to"});
  CHECK(bad_fields(fx.call("GET", "/api/v1/fx/rates?base=usd")) == std::vector<std::string>{"base"});
  CHECK(bad_fields(fx.call("GET", "/api/v1/fx/rates/EUR/USD?at=2026-13-01T00:00:00Z")) ==
        std::vector<std::string>{"at"});
  CHECK(fx.call("GET", "/api/v1/fx/rates/EUR/ABC").status == 404);  // no such currency: no such rate
  CHECK(fx.call("GET", "/api/v1/fx/rates/usd/EUR").status == 404);
  const auto unknown = fx.call("POST", "/api/v1/fx/convert",
                               {{"amount", {{"amount", 100}, {"currency", "EUR"}}}, {"to", "USD"}, {"rate", "1.5"}});
  CHECK(unknown.status == 422);
  CHECK(bad_fields(unknown) == std::vector<std::string>{"rate"});
  CHECK(fx.call("POST", "/api/v1/fx/convert", {{"amount", {{"amount", 100}, {"currency", "EUR"}}}, {"to", "KWD"}})
            .status == 422);  // ISO 4217 but no rate for it
  CHECK(fx.call("POST", "/api/v1/fx/convert", boost::json::value("not an object")).status == 400);
}
