// The ECB document, fixed rates from config and the rate table, without I/O.
#include "domain/rate_table.hpp"
#include "providers/ecb_xml.hpp"
#include "providers/fetch_document.hpp"
#include "providers/fixed_provider.hpp"

#include <agora/core/config.hpp>
#include <agora/core/error.hpp>
#include <agora/core/metrics.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace agora;
using namespace agora::fx;

namespace {

std::string sample() {
  std::ifstream in("modules/fx/test/data/eurofxref-daily.xml");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Decimal d(const char* text) { return parse_decimal(text).value(); }

RateTable table() {
  const Timestamp t{};
  return {"EUR",
          {{"USD", {d("1.0856"), t, "ecb"}}, {"JPY", {d("162.45"), t, "ecb"}}, {"KWD", {d("0.3321"), t, "fixed"}}}};
}

ErrorKind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::internal;
}

}  // namespace

TEST_CASE("the shipped ECB sample parses to 30 exact EUR rates for its day") {
  const auto set = parse_ecb_xml(sample());
  CHECK(set.base == "EUR");
  CHECK(set.as_of == Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 11 / 24)));
  CHECK(set.quotes.size() == 30);
  CHECK(set.quotes.at("USD") == d("1.0856"));
  CHECK(set.quotes.at("IDR") == d("17215.43"));
}

TEST_CASE("an ECB document that is broken, undated or has a bad rate is a provider failure") {
  CHECK(kind_of([] { parse_ecb_xml("<Cube><Cube time='2026-11-24'>"); }) == ErrorKind::unavailable);
  CHECK(kind_of([] { parse_ecb_xml("<Cube><Cube currency='USD' rate='1.1'/></Cube>"); }) == ErrorKind::unavailable);
  CHECK(kind_of([] { parse_ecb_xml("<Cube time='2026-02-30'><Cube currency='USD' rate='1.1'/></Cube>"); }) ==
        ErrorKind::unavailable);
  CHECK(kind_of([] { parse_ecb_xml("<Cube time='2026-11-24'><Cube currency='USD' rate='1,1'/></Cube>"); }) ==
        ErrorKind::unavailable);
  CHECK(kind_of([] { parse_ecb_xml("<html>maintenance</html>"); }) == ErrorKind::unavailable);
}

TEST_CASE("a missing file or an unreachable URL is a provider failure naming it") {
  ManualClock clock(*parse_rfc3339("2026-12-01T00:00:00Z"));
  Metrics metrics;
  outbound::Destination ecb("ecb", {}, clock, metrics);
  try {
    fetch_document(ecb, "modules/fx/test/data/no-such-file.xml", std::chrono::seconds(1));
    FAIL("read a missing file");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::unavailable);
    CHECK(std::string(e.what()).find("no-such-file.xml") != std::string::npos);
  }
  CHECK(kind_of([&] { fetch_document(ecb, "http://127.0.0.1:1/eurofxref-daily.xml", std::chrono::seconds(1)); }) ==
        ErrorKind::unavailable);
}

TEST_CASE("a provider's answer keeps only ISO 4217 quotes with positive rates") {
  RateSet set{"EUR", {}, {{"USD", d("1.1")}, {"XYZ", d("2")}, {"EUR", d("1")}, {"JPY", d("0")}}};
  const auto kept = checked(set, "test");
  CHECK(kept.quotes.size() == 1);
  CHECK(kept.quotes.contains("USD"));
  CHECK(kind_of([&] { checked({"EUR", {}, {{"XYZ", d("2")}}}, "test"); }) == ErrorKind::unavailable);
  CHECK(kind_of([&] { checked({"ABC", {}, {{"USD", d("2")}}}, "test"); }) == ErrorKind::unavailable);
}

TEST_CASE("fixed rates from config are checked when the module is built and hold from when they are fetched") {
  ManualClock clock(Timestamp(std::chrono::hours(1000)));
  FixedProvider fixed("EUR", {"USD=1.0856", "JPY=162.45"}, clock);
  const auto set = fixed.fetch();
  CHECK(set.as_of == clock.now());
  CHECK(set.quotes.at("JPY") == d("162.45"));
  CHECK_THROWS_AS(FixedProvider("EURO", {}, clock), ConfigError);
  CHECK_THROWS_AS(FixedProvider("EUR", {"USD"}, clock), ConfigError);
  CHECK_THROWS_AS(FixedProvider("EUR", {"USD=-1"}, clock), ConfigError);
  CHECK_THROWS_AS(FixedProvider("EUR", {"USD=1.2e3"}, clock), ConfigError);
  CHECK_THROWS_AS(FixedProvider("EUR", {"EUR=1"}, clock), ConfigError);
  CHECK(kind_of([&] { FixedProvider("EUR", {}, clock).fetch(); }) == ErrorKind::unavailable);
}

TEST_CASE("a rate table converts through its base, both ways and across") {
  const auto t = table();
  CHECK(convert(t, Money(10000, "EUR"), *find_currency("USD")).amount == Money(10856, "USD"));
  CHECK(convert(t, Money(10856, "USD"), *find_currency("EUR")).amount == Money(10000, "EUR"));
  const auto cross = convert(t, Money(1000, "USD"), *find_currency("KWD"));
  CHECK(cross.amount == Money(3059, "KWD"));
  CHECK(cross.rate.provider == "fixed");
  CHECK(convert(t, Money(5, "JPY"), *find_currency("JPY")).amount == Money(5, "JPY"));
  CHECK(kind_of([&] { convert(t, Money(5, "JPY"), *find_currency("GBP")); }) ==
        ErrorKind::validation);  // the caller's choice
  CHECK(kind_of([&] { convert(RateTable{}, Money(5, "JPY"), *find_currency("USD")); }) == ErrorKind::unavailable);
  CHECK(kind_of([&] { convert(t, Money(INT64_MAX, "EUR"), *find_currency("JPY")); }) == ErrorKind::validation);
}

TEST_CASE("a rate table rebased on a quote prices the old base too") {
  const auto usd = rebased(table(), "USD");
  CHECK(usd.base == "USD");
  CHECK(usd.quotes.at("EUR").value == d("0.921149594694"));
  CHECK(usd.quotes.at("JPY").value == d("149.640751658069"));
  CHECK_FALSE(usd.quotes.contains("USD"));
}
