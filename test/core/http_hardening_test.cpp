// What an attacker's requests cannot do to the server: grow its metrics, smuggle a request past a
// proxy, make it spend memory in proportion to a body's size, or break its JSON with bad UTF-8.
#include "core/http_test_server.hpp"
#include "harness/capture_stdout.hpp"
#include "harness/http_client.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <future>
#include <vector>

using namespace agora;
using namespace std::chrono_literals;
using test::exchange_raw;
using test::TestServer;

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string status_line(const std::string& response) { return response.substr(0, response.find("\r\n")); }

// The metrics renderer waits for responses to be recorded, which happens just after they are sent.
std::string metrics_once_recorded(Metrics& metrics, const std::string& expected) {
  std::string text;
  for (int i = 0; i < 200 && text.find(expected) == std::string::npos; ++i) {
    if (i) std::this_thread::sleep_for(10ms);
    text = metrics.render();
  }
  return text;
}

long resident_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  return 0;
}

std::string object_of_unknown_keys(std::size_t keys) {
  std::string body = "{";
  for (std::size_t i = 0; i < keys; ++i) body += (i ? ",\"key" : "\"key") + std::to_string(i) + "\":1";
  return body + "}";
}

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};

}  // namespace

TEST_CASE("a field a handler fills from the request cannot split the answer: a line break in it is a 500") {
  TestServer s;
  const auto plain =
      exchange_raw(s.server->port(), "GET /echo-header?value=plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(status_line(plain) == "HTTP/1.1 200 OK");
  CHECK(count_of(plain, "X-Echo: plain\r\n") == 1);
  for (const std::string value : {"a%0D%0ASet-Cookie:%20session=evil", "a%0ASet-Cookie:%20session=evil", "a%00b"}) {
    INFO(value);
    const auto split = exchange_raw(
        s.server->port(), "GET /echo-header?value=" + value + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(status_line(split) == "HTTP/1.1 500 Internal Server Error");
    CHECK(count_of(split, "Set-Cookie") == 0);
    CHECK(count_of(split, "X-Echo") == 0);
  }
}

TEST_CASE("unknown methods are 501 and share one metrics label, however many a client invents") {
  TestServer s;
  test::HttpClient http(s.base());
  const std::string padding(2000, 'X');
  for (int i = 0; i < 40; ++i) {
    const auto r = http.request("M" + std::to_string(i) + padding, "/items/1");
    REQUIRE(r.status == 501);
    REQUIRE(r.headers.at("content-type") == "application/problem+json");
  }
  REQUIRE(http.request("TRACE", "/items/1").status == 501);
  const auto text = metrics_once_recorded(
      s.metrics, R"(agora_http_requests_total{method="other",route="unmatched",status="501"} 41)");
  REQUIRE_THAT(text, Catch::Contains(R"(agora_http_requests_total{method="other",route="unmatched",status="501"} 41)"));
  REQUIRE(text.find(padding) == std::string::npos);
  REQUIRE(text.find("TRACE") == std::string::npos);
  REQUIRE(text.size() < 64 * 1024);
}

TEST_CASE("a Transfer-Encoding that does not end in chunked, or comes with Content-Length, is 400 and closes") {
  TestServer s;
  // Content-Length frames the body as "{}" and leaves a second request behind it on the connection:
  // a server that frames by the length would answer that one too (a proxy framing otherwise would not).
  const std::string hidden = "GET /items/smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const std::string te : {"chunked, identity", "xchunked", "identity", "chunked"}) {
    CAPTURE(te);
    const auto answer = exchange_raw(s.server->port(),
                                     "POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                     "Transfer-Encoding: " +
                                         te + "\r\nContent-Length: 2\r\n\r\n{}" + hidden);
    REQUIRE(count_of(answer, "HTTP/1.1 ") == 1);  // the hidden request is never answered
    REQUIRE(status_line(answer) == "HTTP/1.1 400 Bad Request");
    REQUIRE(answer.find("smuggled") == std::string::npos);
  }
  // Without Content-Length, a coding other than chunked last cannot frame a body either.
  const auto answer =
      exchange_raw(s.server->port(), "GET /items/1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n" + hidden);
  REQUIRE(count_of(answer, "HTTP/1.1 ") == 1);
  REQUIRE(status_line(answer) == "HTTP/1.1 400 Bad Request");
  // The same two requests, framed honestly, are both answered: the connection is kept.
  const auto honest =
      exchange_raw(s.server->port(), "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n" + hidden +
                                         "GET /items/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  REQUIRE(count_of(honest, "HTTP/1.1 200 OK") == 3);
  // A proper chunked body is still read.
  const auto chunked =
      exchange_raw(s.server->port(),
                   "POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n");
  REQUIRE(status_line(chunked) == "HTTP/1.1 201 Created");
}

TEST_CASE("HTTP/1.1 needs exactly one Host; absolute-form targets are accepted") {
  TestServer s;
  auto answer = exchange_raw(s.server->port(), "GET /items/1 HTTP/1.1\r\n\r\n");
  REQUIRE(status_line(answer) == "HTTP/1.1 400 Bad Request");
  answer = exchange_raw(s.server->port(), "GET /items/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
  REQUIRE(status_line(answer) == "HTTP/1.1 400 Bad Request");
  answer = exchange_raw(s.server->port(), "GET /items/1 HTTP/1.0\r\n\r\n");
  REQUIRE(status_line(answer) == "HTTP/1.0 200 OK");
  answer = exchange_raw(
      s.server->port(),
      "GET http://shop.example/items/7?q=lamp HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n");
  REQUIRE(status_line(answer) == "HTTP/1.1 200 OK");
  REQUIRE_THAT(answer, Catch::Contains(R"({"id":"7","q":"lamp"})"));
  answer = exchange_raw(s.server->port(), "GET ftp://shop.example/items/7 HTTP/1.1\r\nHost: x\r\n\r\n");
  REQUIRE(status_line(answer) == "HTTP/1.1 400 Bad Request");
}

TEST_CASE("doubled slashes are not collapsed and encoded ones are refused: //items, /items//1, /items%2F1") {
  TestServer s;
  test::HttpClient http(s.base());
  REQUIRE(http.request("GET", "/items/1").status == 200);
  REQUIRE(http.request("GET", "//items/1").status == 404);
  REQUIRE(http.request("GET", "/items//1").status == 404);
  REQUIRE(http.request("GET", "/items/1/").status == 404);
  REQUIRE(http.request("GET", "/items/").status == 404);  // an empty segment is no {id}
  // An encoded slash would become a separator after decoding, past a proxy's prefix rule.
  REQUIRE(http.request("GET", "/items%2F1").status == 400);
  REQUIRE(http.request("GET", "/items/a%2fb").status == 400);
}

TEST_CASE("a body over the member or element bound is 400 before any handler walks it") {
  TestServer s;
  test::HttpClient http(s.base());
  auto r = http.request("PATCH", "/profile", object_of_unknown_keys(1001), kJson);
  REQUIRE(r.status == 400);
  REQUIRE_THAT(std::string(r.json().at("detail").as_string()), Catch::Contains("more than 1000 members"));
  std::string array = "{\"name\":\"x\",\"list\":[0";
  for (int i = 0; i < 10000; ++i) array += ",0";
  r = http.request("PATCH", "/profile", array + "]}", kJson);
  REQUIRE(r.status == 400);
  REQUIRE_THAT(std::string(r.json().at("detail").as_string()), Catch::Contains("more than 10000 elements"));
}

TEST_CASE("a problem lists at most 50 field errors and says how many there were") {
  TestServer s;
  test::HttpClient http(s.base());
  const auto r = http.request("PATCH", "/profile", object_of_unknown_keys(900), kJson);
  REQUIRE(r.status == 422);
  REQUIRE(r.json().at("errors").as_array().size() == 50);
  REQUIRE(r.json().at("errors_total") == 900);
  REQUIRE(r.body.size() < 8 * 1024);
}

TEST_CASE("32 concurrent 1 MB bodies of 90,000 keys leave the resident memory within 100 MB of before") {
  http::ServerOptions options;
  options.workers = 16;
  options.body_limit = 2 << 20;
  TestServer s(options);
  const auto body = object_of_unknown_keys(90000);
  REQUIRE(body.size() > 1000000);
  {
    test::HttpClient warm(s.base());
    REQUIRE(warm.request("PATCH", "/profile", "{\"name\":\"x\"}", kJson).status == 204);
  }
  const auto before = resident_kib();
  std::vector<std::future<test::HttpResult>> attacks;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 32; ++i)
      attacks.push_back(std::async(std::launch::async, [&] {
        test::HttpClient http(s.base());
        return http.request("PATCH", "/profile", body, kJson);
      }));
    for (auto& a : attacks) {
      const auto r = a.get();
      REQUIRE(r.status == 400);
      REQUIRE(r.body.size() < 1024);
    }
    attacks.clear();
  }
  long after = resident_kib();
  for (int i = 0; i < 100 && after - before >= 100 * 1024; ++i) {  // memory is handed back just after
    std::this_thread::sleep_for(20ms);
    after = resident_kib();
  }
  CAPTURE(before, after);
  REQUIRE(after - before < 100 * 1024);
}

TEST_CASE("a percent-decoded path or query that is not UTF-8 is 400, and the answer is valid JSON") {
  TestServer s;
  test::HttpClient http(s.base());
  for (const std::string target : {"/items/%FF%FE", "/items/1?q=%C3%28", "/nothing/%ED%A0%80"}) {
    CAPTURE(target);
    const auto r = http.request("GET", target);
    REQUIRE(r.status == 400);
    REQUIRE_NOTHROW(boost::json::parse(r.body));  // Boost.JSON refuses invalid UTF-8
  }
  REQUIRE(http.request("GET", "/items/%C3%A9t%C3%A9").json().at("id") == "\xC3\xA9t\xC3\xA9");
  const auto problem =
      http::Response::problem(Error(ErrorKind::validation, "bad \xFF value", {{"k\xC0", "x"}}), "/a\xFE");
  REQUIRE_NOTHROW(boost::json::parse(problem.body));
}

TEST_CASE("X-Forwarded-For names the client only when the peer is a trusted proxy") {
  SECTION("no trusted proxies: the peer is the client") {
    TestServer s;
    test::HttpClient http(s.base());
    const auto r = http.request("GET", "/trace", "", {{"X-Forwarded-For", "203.0.113.9"}});
    REQUIRE(r.json().at("remote") == "127.0.0.1");
  }
  SECTION("the nearest untrusted hop is the client; a forged leftmost entry is not believed") {
    http::ServerOptions options;
    options.trusted_proxies = {"127.0.0.1", "10.0.0.0/8"};
    TestServer s(options);
    test::HttpClient http(s.base());
    auto r = http.request("GET", "/trace", "", {{"X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.1.2.3"}});
    REQUIRE(r.json().at("remote") == "203.0.113.9");
    r = http.request("GET", "/trace", "", {{"X-Forwarded-For", "not-an-address, 10.1.2.3"}});
    REQUIRE(r.json().at("remote") == "10.1.2.3");
    r = http.request("GET", "/trace");
    REQUIRE(r.json().at("remote") == "127.0.0.1");
  }
  SECTION("a peer outside the trusted list cannot choose its address") {
    http::ServerOptions options;
    options.trusted_proxies = {"192.0.2.0/24", "::1"};
    TestServer s(options);
    test::HttpClient http(s.base());
    REQUIRE(http.request("GET", "/trace", "", {{"X-Forwarded-For", "203.0.113.9"}}).json().at("remote") == "127.0.0.1");
  }
  SECTION("a bad range is refused at start") {
    http::ServerOptions options;
    options.trusted_proxies = {"10.0.0.0/33"};
    REQUIRE_THROWS(TestServer(options));
  }
}

TEST_CASE("a failed statement is logged by its kind, never with its SQL or bound values") {
  TestServer s;
  const auto logged = test::capture_stdout([&] {
    test::HttpClient http(s.base());
    const auto r = http.request("GET", "/sql-boom");
    REQUIRE(r.status == 500);
    REQUIRE(r.body.find("4242") == std::string::npos);
  });
  REQUIRE_THAT(logged, Catch::Contains("handler failed"));
  REQUIRE_THAT(logged, Catch::Contains("database error"));
  REQUIRE(logged.find("4242424242424242") == std::string::npos);
  REQUIRE(logged.find("UPDATE") == std::string::npos);
}
