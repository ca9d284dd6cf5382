// The HTTP server: keep-alive, routing errors, limits, request ids, traces, CORS, auth, metrics,
// slow clients and graceful stop.
#include "core/http_test_server.hpp"
#include "harness/eventually.hpp"
#include "harness/http_client.hpp"

#include <agora/core/ids.hpp>
#include <agora/core/trace.hpp>

#include <sys/socket.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace agora;
using namespace std::chrono_literals;
using test::connect_raw;
using test::TestServer;

TEST_CASE("keep-alive serves several requests on one connection") {
  TestServer s;
  test::HttpClient http(s.base());
  REQUIRE(http.request("GET", "/items/1").status == 200);
  REQUIRE(http.connects_made_by_last_request() == 1);
  const auto second = http.request("GET", "/items/2?q=lamp%20shade");
  REQUIRE(second.status == 200);
  REQUIRE(http.connects_made_by_last_request() == 0);
  REQUIRE(second.json().at("id").as_string() == "2");
  REQUIRE(second.json().at("q").as_string() == "lamp shade");
}

namespace {

// The answers in a byte stream, each split into its head and the body its Content-Length frames
// (none without one, nor in the first `to_head` answers: they answer HEAD requests).
struct RawAnswer {
  std::string head;
  std::string body;
};
std::vector<RawAnswer> split_answers(const std::string& bytes, std::size_t to_head = 0) {
  std::vector<RawAnswer> answers;
  for (std::size_t at = 0; at < bytes.size();) {
    const auto end = bytes.find("\r\n\r\n", at);
    REQUIRE(end != std::string::npos);
    RawAnswer a{bytes.substr(at, end + 2 - at), {}};
    std::size_t length = 0;
    if (const auto field = a.head.find("Content-Length: "); field != std::string::npos && answers.size() >= to_head)
      length = std::stoul(a.head.substr(field + 16));
    a.body = bytes.substr(end + 4, length);
    at = end + 4 + length;
    answers.push_back(std::move(a));
  }
  return answers;
}

}  // namespace

TEST_CASE("answers are framed by Content-Length: HEAD says it without a body, 204 has neither") {
  TestServer s;
  const auto answers = split_answers(
      test::exchange_raw(
          s.server->port(),
          "HEAD /items/7 HTTP/1.1\r\nHost: x\r\n\r\n"
          "GET /items/7 HTTP/1.1\r\nHost: x\r\n\r\n"
          "PATCH /profile HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
          "GET /items/8 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
      1);
  REQUIRE(answers.size() == 4);
  const std::string body = R"({"id":"7","q":""})";
  REQUIRE(answers[0].head.starts_with("HTTP/1.1 200 OK\r\n"));
  REQUIRE_THAT(answers[0].head, Catch::Contains("Content-Length: " + std::to_string(body.size()) + "\r\n"));
  REQUIRE(answers[1].head.starts_with("HTTP/1.1 200 OK\r\n"));
  REQUIRE_THAT(answers[1].head, Catch::Contains("Content-Type: application/json\r\n"));
  REQUIRE(answers[1].body == body);
  REQUIRE(answers[2].head.starts_with("HTTP/1.1 204 No Content\r\n"));
  REQUIRE(answers[2].head.find("Content-Length") == std::string::npos);
  REQUIRE(answers[2].head.find("Content-Type") == std::string::npos);
  for (int i = 0; i < 3; ++i) REQUIRE(answers[i].head.find("Connection:") == std::string::npos);
  REQUIRE_THAT(answers[3].head, Catch::Contains("Connection: close\r\n"));
  REQUIRE(answers[3].body == R"({"id":"8","q":""})");
}

TEST_CASE("HTTP/1.0 keeps the connection only when asked, and says so") {
  TestServer s;
  const auto answers = split_answers(test::exchange_raw(s.server->port(),
                                                        "GET /items/1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                                                        "GET /items/2 HTTP/1.0\r\n\r\n"
                                                        "GET /items/3 HTTP/1.0\r\n\r\n"));
  REQUIRE(answers.size() == 2);  // the second closes the connection: the third is never read
  REQUIRE(answers[0].head.starts_with("HTTP/1.0 200 OK\r\n"));
  REQUIRE_THAT(answers[0].head, Catch::Contains("Connection: keep-alive\r\n"));
  REQUIRE(answers[1].head.starts_with("HTTP/1.0 200 OK\r\n"));
  REQUIRE(answers[1].head.find("Connection:") == std::string::npos);
  REQUIRE(answers[1].body == R"({"id":"2","q":""})");
}

TEST_CASE("literal segments win over parameters; run_inline routes answer") {
  TestServer s;
  test::HttpClient http(s.base());
  const auto r = http.request("GET", "/items/special");
  REQUIRE(r.status == 200);
  REQUIRE(r.json().at("special").as_bool());
}

TEST_CASE("cpu_bound routes run at most one per io thread at a time, the rest wait their turn") {
  TestServer s;  // 2 io threads, 4 workers
  std::vector<std::future<test::HttpResult>> answers;
  for (int i = 0; i < 6; ++i)
    answers.push_back(
        std::async(std::launch::async, [&] { return test::HttpClient(s.base()).request("GET", "/computing"); }));
  for (auto& a : answers) REQUIRE(a.get().status == 200);
  REQUIRE(s.most_computing == 2);
  http::Router router;
  REQUIRE_THROWS_AS(router.add(http::Method::get, "/x", [](const http::Request&) { return http::Response::empty(); },
                               {.run_inline = true, .cpu_bound = true}),
                    Error);
}

TEST_CASE("a from_memory route answers what it can from memory and passes the rest to its handler") {
  TestServer s;
  test::HttpClient http(s.base());
  REQUIRE(http.request("GET", "/cached/hot").json().at("from") == "memory");
  const auto miss = http.request("GET", "/cached/cold");
  REQUIRE(miss.json().at("from") == "worker");
  REQUIRE(miss.json().at("id") == "cold");
  const auto bad = http.request("GET", "/cached/bad");
  REQUIRE(bad.status == 422);
  REQUIRE(bad.headers.at("content-type") == "application/problem+json");
  http::Router router;
  REQUIRE_THROWS_AS(router.add(http::Method::get, "/x", [](const http::Request&) { return http::Response::empty(); },
                               {.auth = true, .from_memory = [](const http::Request&) { return std::nullopt; }}),
                    Error);
}

TEST_CASE("an async route answers from another thread, with an error, from the worker pool, and never hangs") {
  TestServer s;
  test::HttpClient http(s.base());
  const std::map<std::string, std::string> staff{{"Authorization", "Bearer staff"}};
  REQUIRE(http.request("GET", "/async/later").status == 401);  // authenticated before it starts
  auto r = http.request("GET", "/async/later", "", staff);
  REQUIRE(r.status == 200);
  REQUIRE(r.json().at("user") == "u-staff");
  REQUIRE(http.request("GET", "/async/thrown", "", staff).status == 409);
  r = http.request("GET", "/async/failed", "", staff);
  REQUIRE(r.status == 422);
  REQUIRE(r.json().at("errors").at(0).at("field") == "x");
  REQUIRE(http.request("GET", "/async/workers", "", staff).json().at("from") == "worker");
  REQUIRE(http.request("GET", "/async/handed-on", "", staff).json().at("from") == "handed on");
  REQUIRE(http.request("GET", "/async/work-thrown", "", staff).status == 404);
  REQUIRE(http.request("GET", "/async/never", "", staff).status == 500);
  REQUIRE(http.request("GET", "/async/later", "", staff).status == 200);  // the connection goes on
  http::Router router;
  REQUIRE_THROWS_AS(
      router.add(http::Method::post, "/x", nullptr, {.idempotent = true, .async = [](const http::Request&, auto) {}}),
      Error);
}

TEST_CASE("unknown paths are 404 and wrong methods 405 with Allow, as problem+json") {
  TestServer s;
  test::HttpClient http(s.base());
  auto r = http.request("GET", "/nothing/here");
  REQUIRE(r.status == 404);
  REQUIRE(r.headers.at("content-type") == "application/problem+json");
  REQUIRE(r.json().at("status").as_int64() == 404);
  REQUIRE(r.json().at("title").as_string() == "Not Found");
  r = http.request("DELETE", "/items/7");
  REQUIRE(r.status == 405);
  REQUIRE(r.headers.at("allow") == "GET");
  REQUIRE(r.headers.at("content-type") == "application/problem+json");
}

TEST_CASE("bodies over the limit get 413, malformed or too deep JSON gets 400") {
  http::ServerOptions options;
  options.body_limit = 1024;
  options.json.max_depth = 8;
  TestServer s(options);
  test::HttpClient http(s.base());
  const std::map<std::string, std::string> json{{"Content-Type", "application/json"}};
  auto r = http.request("POST", "/items", std::string(4096, 'x'), json);
  REQUIRE(r.status == 413);
  REQUIRE(r.headers.at("content-type") == "application/problem+json");

  test::HttpClient again(s.base());
  r = again.request("POST", "/items", "{\"name\": ", json);
  REQUIRE(r.status == 400);
  REQUIRE_THAT(std::string(r.json().at("detail").as_string()), Catch::Contains("not valid JSON"));
  r = again.request("POST", "/items", std::string(20, '[') + std::string(20, ']'), json);
  REQUIRE(r.status == 400);
  REQUIRE_THAT(std::string(r.json().at("detail").as_string()), Catch::Contains("deeper than 8"));
  r = again.request("POST", "/items", "", json);
  REQUIRE(r.status == 400);
  r = again.request("POST", "/items", "{\"a\":1}", {{"Content-Type", "text/plain"}});
  REQUIRE(r.status == 400);
  r = again.request("POST", "/items", "{\"a\":[1,2]}", json);
  REQUIRE(r.status == 201);
  REQUIRE(r.json().at("received").at("a").as_array().size() == 2);
}

TEST_CASE("X-Request-Id is echoed or generated, traceparent kept or started") {
  TestServer s;
  test::HttpClient http(s.base());
  const std::string tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  auto r = http.request("GET", "/trace", "", {{"X-Request-Id", "client-req-42"}, {"traceparent", tp}});
  REQUIRE(r.headers.at("x-request-id") == "client-req-42");
  REQUIRE(s.seen_request_id == "client-req-42");
  REQUIRE(s.seen_traceparent == tp);
  REQUIRE(r.json().at("remote").as_string() == "127.0.0.1");

  r = http.request("GET", "/trace", "", {{"traceparent", "garbage"}});
  REQUIRE(is_uuid(r.headers.at("x-request-id")));
  REQUIRE(is_valid_traceparent(s.seen_traceparent));
  REQUIRE(s.seen_traceparent != tp);
  r = http.request("GET", "/nothing");
  REQUIRE(is_uuid(r.headers.at("x-request-id")));
}

TEST_CASE("domain errors map to their status and list every bad field; other exceptions leak nothing") {
  TestServer s;
  test::HttpClient http(s.base());
  auto r = http.request("POST", "/validate", "{}", {{"Content-Type", "application/json"}});
  REQUIRE(r.status == 422);
  const auto errors = r.json().at("errors").as_array();
  REQUIRE(errors.size() == 2);
  REQUIRE(errors[0].at("field").as_string() == "name");
  REQUIRE(errors[1].at("field").as_string() == "price.amount");
  r = http.request("GET", "/boom");
  REQUIRE(r.status == 500);
  REQUIRE(r.body.find("secret database detail") == std::string::npos);
  REQUIRE(r.headers.at("content-type") == "application/problem+json");
}

TEST_CASE("routes that need a principal answer 401 without one and 403 without the role") {
  TestServer s;
  test::HttpClient http(s.base());
  auto r = http.request("GET", "/private");
  REQUIRE(r.status == 401);
  REQUIRE(r.headers.at("www-authenticate") == "Bearer");
  REQUIRE(http.request("GET", "/private", "", {{"Authorization", "Bearer forged"}}).status == 401);
  r = http.request("GET", "/private", "", {{"Authorization", "Bearer staff"}});
  REQUIRE(r.status == 200);
  REQUIRE(r.json().at("user").as_string() == "u-staff");
  REQUIRE(http.request("GET", "/admin", "", {{"Authorization", "Bearer staff"}}).status == 403);
  REQUIRE(http.request("GET", "/admin", "", {{"Authorization", "Bearer admin"}}).status == 200);
  REQUIRE(http.request("GET", "/admin").status == 401);
}

TEST_CASE("an inline route that needs no principal is answered without authenticating, on the io thread") {
  TestServer s;
  test::HttpClient http(s.base());
  REQUIRE(http.request("GET", "/items/special", "", {{"Authorization", "Bearer forged"}}).status == 200);
  REQUIRE(s.authenticator->calls == 0);
  REQUIRE(http.request("GET", "/items/1", "", {{"Authorization", "Bearer staff"}}).status == 200);
  REQUIRE(s.authenticator->calls == 1);  // worker-pool routes still see an optional principal
}

TEST_CASE("CORS: allowed origins get headers and preflight answers; others get none") {
  http::ServerOptions options;
  options.cors_origins = {"https://shop.example"};
  TestServer s(options);
  test::HttpClient http(s.base());
  auto r = http.request("OPTIONS", "/items", "",
                        {{"Origin", "https://shop.example"},
                         {"Access-Control-Request-Method", "POST"},
                         {"Access-Control-Request-Headers", "content-type"}});
  REQUIRE(r.status == 204);
  REQUIRE(r.headers.at("access-control-allow-origin") == "https://shop.example");
  REQUIRE_THAT(r.headers.at("access-control-allow-methods"), Catch::Contains("POST"));
  r = http.request("GET", "/items/1", "", {{"Origin", "https://shop.example"}});
  REQUIRE(r.headers.at("access-control-allow-origin") == "https://shop.example");
  r = http.request("GET", "/items/1", "", {{"Origin", "https://evil.example"}});
  REQUIRE(r.headers.count("access-control-allow-origin") == 0);
}

TEST_CASE("metrics record a latency histogram and status counts per route pattern") {
  TestServer s;
  test::HttpClient http(s.base());
  for (int i = 0; i < 3; ++i) http.request("GET", "/items/" + std::to_string(i));
  http.request("GET", "/nothing");
  // A request is recorded once its response is written, which may be just after the client has it.
  std::string text;
  for (int i = 0; i < 100 && text.find("status=\"404\"") == std::string::npos; ++i) {
    if (i) std::this_thread::sleep_for(10ms);
    text = s.metrics.render();
  }
  REQUIRE_THAT(text,
               Catch::Contains(R"(agora_http_request_duration_seconds_count{method="GET",route="/items/{id}"} 3)"));
  REQUIRE_THAT(
      text,
      Catch::Contains(R"(agora_http_request_duration_seconds_bucket{method="GET",route="/items/{id}",le="+Inf"} 3)"));
  REQUIRE_THAT(text, Catch::Contains(R"(agora_http_requests_total{method="GET",route="/items/{id}",status="200"} 3)"));
  REQUIRE_THAT(text, Catch::Contains(R"(agora_http_requests_total{method="GET",route="unmatched",status="404"} 1)"));
  REQUIRE(text.find("/items/0") == std::string::npos);
}

TEST_CASE("a client that stops sending mid-request is disconnected after the read timeout") {
  http::ServerOptions options;
  options.read_timeout = 300ms;
  TestServer s(options);
  const int fd = connect_raw(s.server->port());
  const std::string partial = "GET /items/1 HTTP/1.1\r\nHost: x\r\n";
  REQUIRE(::send(fd, partial.data(), partial.size(), 0) == static_cast<ssize_t>(partial.size()));
  timeval tv{3, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const auto before = std::chrono::steady_clock::now();
  char buf[256];
  const auto n = ::recv(fd, buf, sizeof buf, 0);  // 0: closed by the server (or a 408 first)
  const auto waited = std::chrono::steady_clock::now() - before;
  ::close(fd);
  REQUIRE(n >= 0);
  REQUIRE(waited < 2s);
  REQUIRE(waited >= 200ms);
}

TEST_CASE("connections over max_connections are closed at once") {
  http::ServerOptions options;
  options.max_connections = 1;
  TestServer s(options);
  test::HttpClient first(s.base());
  REQUIRE(first.request("GET", "/items/1").status == 200);  // holds the only connection open
  test::HttpClient second(s.base());
  REQUIRE_THROWS(second.request("GET", "/items/2"));
  REQUIRE_THAT(s.metrics.render(), Catch::Contains("agora_http_rejected_connections_total 1"));
}

TEST_CASE("stop lets a request in flight finish and refuses new connections") {
  TestServer s;
  auto slow = std::async(std::launch::async, [&] {
    test::HttpClient http(s.base());
    return http.request("GET", "/slow");
  });
  REQUIRE(test::eventually([&] { return s.slow_started == 1; }));  // in flight
  s.server->stop();
  const auto r = slow.get();
  REQUIRE(r.status == 200);
  REQUIRE(r.json().at("slow").as_bool());
  REQUIRE(r.headers.at("connection") == "close");
  test::HttpClient late(s.base());
  REQUIRE_THROWS(late.request("GET", "/items/1"));
}
