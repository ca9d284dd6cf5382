// Shared value types: Money, currencies, UUIDv7 ids, RFC 3339 time, traceparent.
#include <agora/core/clock.hpp>
#include <agora/core/digest.hpp>
#include <agora/core/error.hpp>
#include <agora/core/http.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/json_text.hpp>
#include <agora/core/money.hpp>
#include <agora/core/trace.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>

using namespace agora;

TEST_CASE("currencies carry their ISO 4217 minor units") {
  REQUIRE(find_currency("USD")->minor_units == 2);
  REQUIRE(find_currency("JPY")->minor_units == 0);
  REQUIRE(find_currency("KWD")->minor_units == 3);
  REQUIRE(find_currency("EUR") != nullptr);
  REQUIRE(find_currency("usd") == nullptr);
  REQUIRE(find_currency("XXX") == nullptr);
  REQUIRE(all_currencies().size() > 150);
}

TEST_CASE("money formats with its currency's minor units") {
  REQUIRE(Money(1999, "USD").to_string() == "19.99 USD");
  REQUIRE(Money(1000, "JPY").to_string() == "1000 JPY");
  REQUIRE(Money(1500, "KWD").to_string() == "1.500 KWD");
  REQUIRE(Money(-5, "EUR").to_string() == "-0.05 EUR");
  REQUIRE(Money(INT64_MIN, "USD").to_string() == "-92233720368547758.08 USD");
}

TEST_CASE("money refuses unknown currencies, mixed currencies and overflow") {
  REQUIRE_THROWS_AS(Money(1, "ABC"), Error);
  REQUIRE_THROWS_AS(Money(1, "USD") + Money(1, "EUR"), Error);
  REQUIRE_THROWS_AS(Money(INT64_MAX, "USD") + Money(1, "USD"), Error);
  REQUIRE_THROWS_AS(Money(INT64_MAX / 2 + 1, "USD") * 2, Error);
  REQUIRE((Money(250, "USD") + Money(50, "USD")) == Money(300, "USD"));
  REQUIRE(Money(1, "USD") < Money(2, "USD"));
}

TEST_CASE("money reads JSON and names every bad field") {
  const auto ok = Money::from_json(boost::json::parse(R"({"amount": 1999, "currency": "USD"})"), "price");
  REQUIRE(ok == Money(1999, "USD"));
  REQUIRE(boost::json::serialize(ok.to_json()) == R"({"amount":1999,"currency":"USD"})");
  try {
    Money::from_json(boost::json::parse(R"({"amount": 19.99, "currency": "DOLLAR"})"), "price");
    FAIL("expected a validation error");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::validation);
    REQUIRE(e.fields().size() == 2);
    REQUIRE(e.fields()[0].field == "price.amount");
    REQUIRE(e.fields()[1].field == "price.currency");
  }
}

TEST_CASE("ids are UUIDv7: canonical, version 7, and in the order they were made, even within a millisecond") {
  std::string previous;
  for (int i = 0; i < 20000; ++i) {  // thousands per millisecond: the counter must carry over
    const auto id = new_id();
    REQUIRE(is_uuid(id));
    REQUIRE(id[14] == '7');
    REQUIRE(std::string("89ab").find(id[19]) != std::string::npos);
    REQUIRE(id > previous);
    previous = id;
  }
  REQUIRE_FALSE(is_uuid("not-a-uuid"));
  REQUIRE_FALSE(is_uuid("0190a6f2-1c2b-7c3d-8e4f-5a6b7c8d9e0g"));
}

TEST_CASE("timestamps round-trip through RFC 3339 in UTC") {
  const auto t = parse_rfc3339("2026-11-24T12:34:56.789Z");
  REQUIRE(t);
  REQUIRE(to_rfc3339(*t) == "2026-11-24T12:34:56.789Z");
  REQUIRE(to_rfc3339(*parse_rfc3339("2026-11-24T14:34:56+02:00")) == "2026-11-24T12:34:56.000Z");
  REQUIRE_FALSE(parse_rfc3339("2026-13-01T00:00:00Z"));
  REQUIRE_FALSE(parse_rfc3339("2026-02-30T00:00:00Z"));
  REQUIRE_FALSE(parse_rfc3339("yesterday"));
}

TEST_CASE("timestamps are written as the C library's calendar has them, every day from 1900 to 2200") {
  for (long long day = -25567; day < 83082; day += 7) {
    const long long ms = day * 86'400'000 + (day * 7919 % 86'400'000 + 86'400'000) % 86'400'000;
    std::time_t secs = static_cast<std::time_t>(ms / 1000 - (ms % 1000 < 0 ? 1 : 0));
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char expected[96];
    std::snprintf(expected, sizeof expected, "%04d-%02d-%02dT%02d:%02d:%02d.%03lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (ms % 1000 + 1000) % 1000);
    REQUIRE(to_rfc3339(Timestamp(std::chrono::milliseconds(ms))) == expected);
  }
}

TEST_CASE("timestamps outside 1970 to 2199 are refused rather than wrapped around") {
  REQUIRE(to_rfc3339(*parse_rfc3339("1970-01-01T00:00:00Z")) == "1970-01-01T00:00:00.000Z");
  REQUIRE(to_rfc3339(*parse_rfc3339("2199-12-31T23:59:59.999Z")) == "2199-12-31T23:59:59.999Z");
  REQUIRE_FALSE(parse_rfc3339("1600-01-01T00:00:00Z"));  // wrapped to a time in the 22nd century
  REQUIRE_FALSE(parse_rfc3339("1969-12-31T23:59:59Z"));
  REQUIRE_FALSE(parse_rfc3339("1970-01-01T00:30:00+01:00"));  // 1969 in UTC
  REQUIRE_FALSE(parse_rfc3339("2200-01-01T00:00:00Z"));
  REQUIRE_FALSE(parse_rfc3339("2262-04-12T00:00:00Z"));  // past what 64-bit nanoseconds hold
  REQUIRE_FALSE(parse_rfc3339("9999-12-31T23:59:59Z"));
  REQUIRE_FALSE(parse_rfc3339("0000-01-01T00:00:00Z"));
}

TEST_CASE("a manual clock moves only when told") {
  ManualClock clock(*parse_rfc3339("2026-01-01T00:00:00Z"));
  clock.advance(std::chrono::minutes(15));
  REQUIRE(to_rfc3339(clock.now()) == "2026-01-01T00:15:00.000Z");
}

TEST_CASE("traceparent headers are validated and generated") {
  const auto tp = new_traceparent();
  REQUIRE(is_valid_traceparent(tp));
  REQUIRE(trace_id_of(tp).size() == 32);
  REQUIRE(is_valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  REQUIRE_FALSE(is_valid_traceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
  REQUIRE_FALSE(is_valid_traceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));
  REQUIRE_FALSE(is_valid_traceparent("garbage"));
  {
    ScopedTrace scope({"req-1", tp});
    REQUIRE(current_trace().traceparent == tp);
  }
  REQUIRE(current_trace().traceparent.empty());
}

TEST_CASE("HMAC-SHA256 gives RFC 4231's answers, and secrets compare by length alone") {
  // RFC 4231, test cases 1 and 2.
  CHECK(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There") ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(equal_in_constant_time("abc", "abc"));
  CHECK_FALSE(equal_in_constant_time("abc", "abd"));
  CHECK_FALSE(equal_in_constant_time("abc", "abcd"));
  CHECK(equal_in_constant_time("", ""));
}

TEST_CASE("an answer writes decimals as people read them (4.25, 0.1, 4.0, never 4.25E0) and NaN or infinity as null") {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const boost::json::value body = {
      {"average", 4.25}, {"share", 0.1}, {"whole", 4.0},     {"huge", 1e21},  {"tiny", -5e-324},       {"count", 3},
      {"nan", nan},      {"inf", -inf},  {"list", {0.5, 7}}, {"text", "4E0"}, {"nested", {{"x", 2.5}}}};
  REQUIRE(http::Response::json(body).body ==
          R"({"average":4.25,"share":0.1,"whole":4.0,"huge":1e+21,"tiny":-5e-324,"count":3,"nan":null,"inf":null,)"
          R"("list":[0.5,7],"text":"4E0","nested":{"x":2.5}})");

  std::string out;
  json_text::Writer(out).open_array().number(4.25).number(2).number(0.1).number(nan).close_array();
  REQUIRE(out == "[4.25,2,0.1,null]");
}

TEST_CASE("a double written to JSON reads back as the same double, and as a double") {
  for (const double v : {0.1, 1.0 / 3, 4.25, -0.0, 1e300, 2.2250738585072014e-308, 9007199254740993.0, 123456.0}) {
    std::string text;
    json_text::append_number(text, v);
    CAPTURE(text);
    REQUIRE(std::strtod(text.c_str(), nullptr) == v);
    REQUIRE(boost::json::parse(text).is_double());
  }
}

TEST_CASE("a value without doubles is written as Boost.JSON writes it, escapes included") {
  const boost::json::value v = {{"q\"uote\\", "line\nbreak\ttab\x01\x1f end"},
                                {"u", "caf\xC3\xA9"},
                                {"n", {nullptr, true, false, -9223372036854775807 - 1, 18446744073709551615ull}},
                                {"empty", boost::json::object()},
                                {"none", boost::json::array()}};
  const auto text = json_text::serialize(v);
  REQUIRE(text == boost::json::serialize(v));
  REQUIRE(boost::json::parse(text) == v);
}
