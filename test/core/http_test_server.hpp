#pragma once
// An in-process HTTP server with a few test routes, for the server's own tests; and raw sockets
// for what a well-behaved client would never send.
#include <agora/core/fields.hpp>
#include <agora/core/http.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/trace.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <soci/error.h>
#include <sys/socket.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

namespace agora::test {

using namespace std::chrono_literals;
class RoleAuthenticator final : public http::Authenticator {
 public:
  std::atomic<int> calls{0};
  std::optional<http::Principal> authenticate(const http::Request& req) override {
    ++calls;
    const auto h = req.header("authorization");
    if (!h) return std::nullopt;
    if (*h == "Bearer staff") return http::Principal{"u-staff", {"support"}};
    if (*h == "Bearer admin") return http::Principal{"u-admin", {"admin"}};
    throw Error(ErrorKind::unauthorized, "bad token");
  }
};

struct TestServer {
  Metrics metrics;
  http::Router router;
  std::unique_ptr<http::Server> server;
  std::string seen_traceparent;
  std::string seen_request_id;
  std::atomic<int> slow_started{0};  // /slow requests that reached their handler
  std::atomic<int> computing{0};     // /computing requests in their handler now
  std::atomic<int> most_computing{0};
  std::shared_ptr<RoleAuthenticator> authenticator = std::make_shared<RoleAuthenticator>();

  explicit TestServer(http::ServerOptions options = {}) {
    router.add(http::Method::get, "/items/{id}", [](const http::Request& r) {
      return http::Response::json({{"id", r.param("id")}, {"q", std::string(r.query_param("q").value_or(""))}});
    });
    router.add(http::Method::get, "/items/special",
               [](const http::Request&) {
                 return http::Response::json({{"special", true}}, 200);
               },
               {.run_inline = true});
    router.add(http::Method::get, "/cached/{id}",
               [](const http::Request& r) {
                 return http::Response::json({{"from", "worker"}, {"id", r.param("id")}});
               },
               {.from_memory = [](const http::Request& r) -> std::optional<http::Response> {
                 if (r.param("id") == "bad") throw Error(ErrorKind::validation, "bad id", {{"id", "is bad"}});
                 if (r.param("id") != "hot") return std::nullopt;
                 return http::Response::json({{"from", "memory"}});
               }});
    router.add(http::Method::get, "/echo-header", [](const http::Request& r) {  // a careless handler
      auto answer = http::Response::json({{"ok", true}});
      answer.headers.emplace_back("X-Echo", std::string(r.query_param("value").value_or("")));
      return answer;
    });
    router.add(http::Method::post, "/items", [](const http::Request& r) {
      const auto body = r.json();
      return http::Response::json({{"received", body}}, 201);
    });
    router.add(http::Method::get, "/trace", [this](const http::Request& r) {
      seen_traceparent = current_trace().traceparent;
      seen_request_id = current_trace().request_id;
      return http::Response::json({{"remote", r.remote_address}});
    });
    router.add(http::Method::post, "/validate", [](const http::Request&) -> http::Response {
      throw Error(ErrorKind::validation, "invalid item", {{"name", "is required"}, {"price.amount", "must be >= 0"}});
    });
    router.add(http::Method::patch, "/profile", [](const http::Request& r) {
      const auto body = r.json();
      Fields f(body);
      f.text("name", 100, false);
      f.finish({"name"});
      return http::Response::empty();
    });
    router.add(http::Method::get, "/sql-boom", [](const http::Request&) -> http::Response {
      throw soci::soci_error("value too long while executing \"UPDATE t SET card = :c\" with :c=\"4242424242424242\"");
    });
    router.add(http::Method::get, "/boom",
               [](const http::Request&) -> http::Response { throw std::runtime_error("secret database detail"); });
    router.add(http::Method::get, "/slow", [this](const http::Request&) {
      ++slow_started;
      std::this_thread::sleep_for(500ms);
      return http::Response::json({{"slow", true}});
    });
    router.add(http::Method::get, "/private",
               [](const http::Request& r) {
                 return http::Response::json({{"user", r.user().user_id}});
               },
               {.auth = true});
    router.add(http::Method::get, "/admin",
               [](const http::Request&) {
                 return http::Response::json({{"ok", true}});
               },
               {.roles = {"admin"}});
    // /async/{how}: answered later from another thread, with an error, from the worker pool (or work
    // there that answers later itself), or not at all.
    router.add(
        http::Method::get, "/async/{how}", nullptr,
        {.auth = true, .async = [](const http::Request& r, std::shared_ptr<http::Responder> answer) {
           const auto how = r.param("how");
           const auto user = r.user().user_id;
           if (how == "thrown") throw Error(ErrorKind::conflict, "thrown at once");
           std::thread([how, user, answer] {
             if (how == "later")
               answer->respond(http::Response::json({{"user", user}}));
             else if (how == "failed")
               answer->fail(std::make_exception_ptr(Error(ErrorKind::validation, "bad", {{"x", "is bad"}})));
             else if (how == "workers")
               answer->on_workers([] { return http::Response::json({{"from", "worker"}}); });
             else if (how == "handed-on")  // work on the pool hands the answer to yet another thread
               answer->work_on_workers([answer] {
                 std::thread([answer] { answer->respond(http::Response::json({{"from", "handed on"}})); }).detach();
               });
             else if (how == "work-thrown")
               answer->work_on_workers([] { throw Error(ErrorKind::not_found, "thrown on the pool"); });
             // "never": the answer is dropped unanswered
           }).detach();
         }});
    router.add(http::Method::get, "/computing",
               [this](const http::Request&) {
                 const int now = ++computing;
                 for (int seen = most_computing; now > seen && !most_computing.compare_exchange_weak(seen, now);) {
                 }
                 std::this_thread::sleep_for(std::chrono::milliseconds(50));
                 --computing;
                 return http::Response::json({{"computed", true}});
               },
               {.cpu_bound = true});
    router.set_authenticator(authenticator);
    options.host = "127.0.0.1";
    options.port = 0;
    options.io_threads = 2;
    options.workers = 4;
    server = std::make_unique<http::Server>(options, router, metrics);
    server->start();
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(server->port()); }
};

inline int connect_raw(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

// Sends bytes on a new connection and reads until the server closes it (or 3 s pass).
inline std::string exchange_raw(unsigned short port, const std::string& bytes) {
  const int fd = connect_raw(port);
  REQUIRE(::send(fd, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size()));
  timeval tv{3, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

}  // namespace agora::test
