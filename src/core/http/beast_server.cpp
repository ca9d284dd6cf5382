// The HTTP/1.1 server on Boost.Beast (with websocket_session.cpp, the only code that includes Beast).
// One Session owns a connection's life: read -> route -> handle (inline or on the worker pool)
// -> write -> read again while keep-alive holds; a WebSocket route hands the connection over.
#include "common/io_thread.hpp"
#include "http/client_address.hpp"
#include "http/request_checks.hpp"
#include "http/websocket_session.hpp"

#include <agora/core/http.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/trace.hpp>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <malloc.h>

#include <array>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <sys/resource.h>
#include <unistd.h>

namespace agora::http {
namespace {

// Each worker thread lowers its own priority once (nice +5; any thread may lower its own): under a
// saturated CPU the event dispatchers, which need no more than the events the requests made, are
// not starved by the requests, so their lag stays bounded.
void yield_to_dispatchers() {
  static thread_local const bool lowered = [] {
    return setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 5) == 0;
  }();
  (void)lowered;
}

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// Latency histogram and per-status counters of one route, created once and cached.
struct RouteMetrics {
  Metrics* registry = nullptr;
  std::string method;
  std::string route;
  Histogram* latency = nullptr;
  std::array<std::atomic<Counter*>, 600> by_status{};

  RouteMetrics(Metrics& m, std::string meth, std::string pattern)
      : registry(&m), method(std::move(meth)), route(std::move(pattern)) {
    latency = &m.histogram("agora_http_request_duration_seconds", "HTTP request latency by route",
                           {{"method", method}, {"route", route}});
  }
  void record(unsigned status, double seconds) {
    latency->observe(seconds);
    auto& slot = by_status[status < by_status.size() ? status : 599];
    Counter* c = slot.load(std::memory_order_acquire);
    if (!c) {
      c = &registry->counter("agora_http_requests_total", "HTTP requests by route and status",
                             {{"method", method}, {"route", route}, {"status", std::to_string(status)}});
      slot.store(c, std::memory_order_release);
    }
    c->inc();
  }
};

bool origin_allowed(const std::vector<std::string>& allowed, std::string_view origin) {
  for (const auto& a : allowed)
    if (a == "*" || a == origin) return true;
  return false;
}

bool sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

// The label of a request's method in metrics and logs: a client chooses the method string, so
// anything but the methods the router knows is "other" (a label per string would grow forever).
std::string_view method_label(std::string_view method) {
  const auto known = parse_method(method);
  return known ? to_string(*known) : "other";
}

// Writes an answer's head into a string sized for the most it can take: each piece is one copy,
// with no capacity check (the pieces are all known before the first is written).
class HeadWriter {
 public:
  HeadWriter(std::string& out, std::size_t most) : out_(out) {
    out_.clear();
    out_.resize(most);
    at_ = out_.data();
  }
  ~HeadWriter() { out_.resize(static_cast<std::size_t>(at_ - out_.data())); }
  HeadWriter& operator<<(std::string_view text) {
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
    return *this;
  }
  HeadWriter& operator<<(std::int64_t n) {
    at_ = std::to_chars(at_, at_ + kMaxDigits, n).ptr;
    return *this;
  }
  void field(std::string_view name, std::string_view value) { *this << name << ": " << value << "\r\n"; }
  static constexpr std::size_t kMaxDigits = 20;  // -9223372036854775808
  // What field(name, value) writes besides the name and the value.
  static constexpr std::size_t kFieldFraming = 4;

 private:
  std::string& out_;
  char* at_;
};

// Whether a handler's answer has a line break or NUL in a field it set: written as it is, the rest
// of that field would be a field (or an answer) of its own (response splitting).
bool splits_head(const Response& r) {
  constexpr std::string_view kBreaks("\r\n\0", 3);
  const auto breaks = [&](std::string_view text) { return text.find_first_of(kBreaks) != std::string_view::npos; };
  if (breaks(r.content_type)) return true;
  for (const auto& [name, value] : r.headers)
    if (breaks(name) || breaks(value)) return true;
  return false;
}

// Bodies or answers at least this large leave the worker's malloc arena with pages worth handing
// back to the system (glibc keeps freed memory in the arena otherwise).
constexpr std::size_t kLargeMessage = 64 << 10;

struct ServerState {
  ServerOptions options;
  Router& router;
  Metrics& metrics;
  Gauge& open_connections;
  Counter& rejected_connections;
  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> in_flight{0};
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::condition_variable drained;
  std::unordered_map<const Route*, std::unique_ptr<RouteMetrics>> route_metrics;
  // Requests no route took, by method label: the known methods and "other".
  std::unordered_map<std::string_view, std::unique_ptr<RouteMetrics>> unmatched_metrics;
  TrustedProxies trusted_proxies;
  std::atomic<bool> trim_wanted{false};
  // The WebSocket connections open, each with what closes it (see stop()); guarded by mutex.
  std::map<std::uint64_t, std::function<void()>> websockets;
  std::uint64_t next_websocket = 1;
  std::optional<WebSocketEnvironment> websocket_environment;  // once the workers exist
  unsigned short bound_port = 0;
  bool started = false;
  bool stopped = false;
  // Declared last: destroyed first, while everything their pending handlers touch still exists.
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  // Keeps the io threads running while a handler is on the worker pool and no socket operation is pending.
  std::optional<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  std::unique_ptr<net::thread_pool> workers;
  std::unique_ptr<net::thread_pool> cpu_workers;  // cpu_bound routes: one thread per io thread
  std::vector<std::thread> threads;

  ServerState(ServerOptions o, Router& r, Metrics& m)
      : options(std::move(o)),
        router(r),
        metrics(m),
        open_connections(m.gauge("agora_http_connections", "Open HTTP connections")),
        rejected_connections(m.counter("agora_http_rejected_connections_total",
                                       "Connections closed at once because max_connections was reached")),
        trusted_proxies(options.trusted_proxies),
        ioc(static_cast<int>(options.io_threads)) {
    for (std::string_view label : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"})
      unmatched_metrics.emplace(label, std::make_unique<RouteMetrics>(metrics, std::string(label), "unmatched"));
  }

  RouteMetrics& metrics_for(const Route* route, std::string_view method) {
    if (route) return *route_metrics.at(route);
    return *unmatched_metrics.at(method_label(method));
  }

  // After large requests, hands the workers' freed memory back to the system once, off the io
  // threads: a burst of 1 MB bodies otherwise leaves the arenas holding it for good.
  void large_message_done() {
    if (!trim_wanted.exchange(true))
      net::post(*workers, [this] {
        trim_wanted = false;
        malloc_trim(0);
      });
  }

  std::uint64_t track_websocket(std::function<void()> close) {
    std::lock_guard lock(mutex);
    websockets.emplace(next_websocket, std::move(close));
    return next_websocket++;
  }
  void untrack_websocket(std::uint64_t id) {
    std::lock_guard lock(mutex);
    websockets.erase(id);
    if (websockets.empty()) drained.notify_all();
  }

  void request_started() { in_flight.fetch_add(1); }
  void request_finished() {
    if (in_flight.fetch_sub(1) == 1) {
      std::lock_guard lock(mutex);
      drained.notify_all();
    }
  }

  void accept();
};

// One request is in flight per connection (the next is read only after the answer is written),
// so its Request, response and bookkeeping are members: completion handlers carry only the
// session pointer, as in Beast's examples, instead of moving them through every layer of asio.
class AsyncAnswer;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, ServerState& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
    server_.open_connections.add(1);
  }
  ~Session() {
    server_.connections.fetch_sub(1);
    server_.open_connections.add(-1);
  }

  void run() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this())); }

 private:
  // What the access log, metrics and response headers need beyond the Request.
  struct Pending {
    SteadyClock::time_point started;
    RouteMetrics* metrics = nullptr;
    std::string method;
    std::string origin;
    unsigned version = 11;
    bool keep_alive = true;
    bool head = false;
  };

  void read() {
    if (server_.stopping) return;  // the session ends; the socket closes with it
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.options.body_limit);
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == net::error::connection_reset || ec == net::error::eof)
      return close();
    if (ec) {
      // A slow client is closed: beast's tcp_stream has already closed the socket on timeout.
      if (ec == beast::error::timeout) return;
      pending_ = {SteadyClock::now(), &server_.metrics_for(nullptr, "other"), "other", "", 11, false, false};
      request_ = Request{};
      request_.request_id = new_id();
      server_.request_started();
      if (ec == bhttp::error::body_limit)
        return reply(Response::problem(
            Error(ErrorKind::payload_too_large,
                  "request body is larger than " + std::to_string(server_.options.body_limit) + " bytes")));
      if (ec == bhttp::error::header_limit)
        return reply(Response::problem(Error(ErrorKind::payload_too_large, "request headers are too large")));
      return reply(Response::problem(Error(ErrorKind::bad_request, "malformed HTTP request: " + ec.message())));
    }
    handle(parser_->get());
  }

  void handle(bhttp::request<bhttp::string_body>& raw) {
    server_.request_started();
    auto& p = pending_;
    auto& request = request_;
    request = Request{};
    p.started = SteadyClock::now();
    p.metrics = nullptr;
    p.version = raw.version();
    p.keep_alive = raw.keep_alive();
    p.method = method_label(raw.method_string());
    p.origin.clear();
    p.head = raw.method() == bhttp::verb::head;

    for (const auto& field : raw) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    const auto given_id = request.header("x-request-id");
    request.request_id = given_id && sane_request_id(*given_id) ? std::string(*given_id) : new_id();
    const auto traceparent = request.header("traceparent");
    request.traceparent =
        traceparent && is_valid_traceparent(*traceparent) ? std::string(*traceparent) : new_traceparent();
    if (auto origin = request.header("origin"); origin && origin_allowed(server_.options.cors_origins, *origin))
      p.origin = *origin;
    request.remote_address = client_address(raw);
    request.json_limits = server_.options.json;

    if (auto problem = framing_problem(raw)) {
      p.metrics = &server_.metrics_for(nullptr, p.method);
      p.keep_alive = false;
      return reply(Response::problem(Error(ErrorKind::bad_request, std::move(*problem))));
    }
    if (!parse_target(raw.target(), request)) {
      p.metrics = &server_.metrics_for(nullptr, p.method);
      return reply(Response::problem(Error(ErrorKind::bad_request, "malformed request target")));
    }
    request.body = std::move(raw.body());

    const auto method = parse_method(p.method);
    if (!method) {
      p.metrics = &server_.metrics_for(nullptr, p.method);
      return reply(Response::problem(Error(ErrorKind::not_implemented, "this server does not implement that method")));
    }
    if (method == Method::options && request.header("access-control-request-method")) return preflight();
    auto match = server_.router.match(*method, request.path);
    if (!match.route) {
      p.metrics = &server_.metrics_for(nullptr, p.method);
      if (!match.allowed.empty()) {
        auto r =
            Response::problem(Error(ErrorKind::method_not_allowed, p.method + " is not allowed here"), request.path);
        std::string allow;
        for (auto m : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(to_string(m));
        if (!allow.empty()) r.headers.emplace_back("Allow", allow);
        return reply(std::move(r));
      }
      return reply(Response::problem(Error(ErrorKind::not_found, "no such resource"), request.path));
    }
    request.method = *method;
    request.params = std::move(match.params);
    p.metrics = &server_.metrics_for(match.route, p.method);
    const Route* route = match.route;
    if (route->options.websocket) return upgrade(route, raw);
    if (auto answer = server_.router.handle_from_memory(*route, request)) return reply(std::move(*answer));
    if (route->options.run_inline) {
      ScopedTrace trace({request_.request_id, request_.traceparent});
      if (auto answer = server_.router.handle_now(*route, request)) return reply(std::move(*answer));
      // The rate limit must ask its shared store first: the request moves to the workers.
    }
    if (route->options.async) {
      ScopedTrace trace({request_.request_id, request_.traceparent});
      return server_.router.handle_async(*route, request_, async_answer(route));
    }
    // Nothing on the io thread touches request_ until the answer is posted back: no read is pending.
    net::post(route->options.cpu_bound ? *server_.cpu_workers : *server_.workers, [self = shared_from_this(), route] {
      yield_to_dispatchers();
      auto response = self->run(*route);
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response)]() mutable { self->reply(std::move(response)); });
    });
  }

  // A WebSocket route: authenticated on the worker pool (it may read a store), then the connection
  // is handed to a WebSocket session and this one ends.
  void upgrade(const Route* route, bhttp::request<bhttp::string_body>& raw) {
    if (!is_websocket_upgrade(raw)) {
      auto r = Response::json({{"type", "about:blank"},
                               {"title", "Upgrade Required"},
                               {"status", 426},
                               {"detail", "this resource is a WebSocket: ask to upgrade to it"},
                               {"instance", request_.path}},
                              426);
      r.content_type = "application/problem+json";
      r.headers.emplace_back("Upgrade", "websocket");
      return reply(std::move(r));
    }
    if (!request_.header("authorization"))
      if (const auto token = request_.query_param("access_token"))
        request_.headers.emplace_back("authorization", "Bearer " + std::string(*token));
    net::post(*server_.workers, [self = shared_from_this(), route] {
      auto refused = self->server_.router.authorize(*route, self->request_);
      net::post(self->stream_.get_executor(), [self, route, refused = std::move(refused)]() mutable {
        if (refused) return self->reply(std::move(*refused));
        self->hand_over(*route);
      });
    });
  }

  void hand_over(const Route& route) {
    const auto& p = pending_;
    p.metrics->record(101, std::chrono::duration<double>(SteadyClock::now() - p.started).count());
    log::access({p.method, request_.path, p.metrics->route, 101,
                 std::chrono::duration<double>(SteadyClock::now() - p.started).count() * 1000.0, request_.request_id,
                 request_.remote_address.empty() ? remote_ : request_.remote_address});
    server_.request_finished();
    // The connection is the WebSocket's now: counted against max_connections until it closes.
    server_.connections.fetch_add(1);
    run_websocket(std::move(stream_), parser_->release(), std::move(request_), route.options.websocket,
                  *server_.websocket_environment);
  }

  friend class AsyncAnswer;
  // Defined below AsyncAnswer, which calls back into the session.
  std::shared_ptr<Responder> async_answer(const Route* route);

  // An answer made on another thread: written on the session's own.
  void post_reply(Response response) {
    net::post(stream_.get_executor(), [self = shared_from_this(), response = std::move(response)]() mutable {
      self->reply(std::move(response));
    });
  }

  void answer_on_workers(const Route* route, std::function<Response()> work) {
    net::post(*server_.workers, [self = shared_from_this(), route, work = std::move(work)] {
      yield_to_dispatchers();
      ScopedTrace trace({self->request_.request_id, self->request_.traceparent});
      Response response;
      try {
        response = work();
      } catch (const std::exception& e) {
        response = Router::failure(*route, self->request_, e);
      }
      self->post_reply(std::move(response));
    });
  }

  void run_on_workers(std::function<void()> work) {
    net::post(*server_.workers, [self = shared_from_this(), work = std::move(work)] {
      yield_to_dispatchers();
      ScopedTrace trace({self->request_.request_id, self->request_.traceparent});
      work();
    });
  }

  const Request& request() const { return request_; }

  std::string client_address(const bhttp::request<bhttp::string_body>& raw) const {
    if (server_.trusted_proxies.empty()) return remote_;
    const auto [first, last] = raw.equal_range("X-Forwarded-For");
    if (first == last) return remote_;
    std::string forwarded;
    for (auto it = first; it != last; ++it) forwarded.append(forwarded.empty() ? "" : ",").append(it->value());
    return server_.trusted_proxies.client_address(remote_, forwarded);
  }

  Response run(const Route& route) {
    ScopedTrace trace({request_.request_id, request_.traceparent});
    return server_.router.handle(route, request_);
  }

  void preflight() {
    pending_.metrics = &server_.metrics_for(nullptr, pending_.method);
    Response r = Response::empty(204);
    if (!pending_.origin.empty()) {
      r.headers.emplace_back("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      const auto asked = request_.header("access-control-request-headers");
      r.headers.emplace_back(
          "Access-Control-Allow-Headers",
          asked ? std::string(*asked) : "Authorization, Content-Type, Idempotency-Key, X-Request-Id");
      r.headers.emplace_back("Access-Control-Max-Age", "600");
    }
    reply(std::move(r));
  }

  // Writes the status line and fields by hand into one buffer the session keeps, sent with the body
  // in one write: Beast's serializer walks a buffer sequence per field, which cost more than the
  // rest of an inline answer. 1xx, 204 and 304 carry no body and no Content-Length; a HEAD answer
  // says the length of the body it leaves out.
  void reply(Response response) {
    const auto& p = pending_;
    if (splits_head(response)) {
      log::error("an answer's field has a line break: answered 500 instead",
                 {{"route", p.metrics->route}, {"request_id", request_.request_id}});
      response = Response::problem(Error(ErrorKind::internal, "the server made an invalid answer"));
    }
    status_ = response.status;
    keep_alive_ = p.keep_alive && !server_.stopping && status_ != 413 && status_ != 400;
    const bool bodiless = status_ < 200 || status_ == 204 || status_ == 304;
    const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status_));
    const auto& limit = request_.rate_limit;
    // The fixed text below (status line, field names, CORS values, numbers, final CRLF) is under
    // kFixedHead; the rest is counted.
    std::size_t most = kFixedHead + reason.size() + response.content_type.size() + request_.request_id.size() +
                       p.origin.size() + (limit ? limit->policy.size() + limit->name.size() : 0);
    for (const auto& [name, value] : response.headers) most += name.size() + value.size() + HeadWriter::kFieldFraming;
    {
      HeadWriter head(head_, most);
      head << (p.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ") << static_cast<std::int64_t>(status_) << " " << reason
           << "\r\n";
      if (!response.content_type.empty()) head.field("Content-Type", response.content_type);
      head.field("X-Request-Id", request_.request_id);
      if (!p.origin.empty()) {
        head.field("Access-Control-Allow-Origin", p.origin);
        head.field("Vary", "Origin");
        head.field("Access-Control-Expose-Headers", "X-Request-Id, RateLimit, RateLimit-Policy, Retry-After");
      }
      for (const auto& [name, value] : response.headers) head.field(name, value);
      if (limit) {
        head.field("RateLimit-Policy", limit->policy);
        head << "RateLimit: \"" << limit->name << "\";r=" << limit->remaining << ";t=" << limit->reset << "\r\n";
      }
      if (!bodiless) head << "Content-Length: " << static_cast<std::int64_t>(response.body.size()) << "\r\n";
      // HTTP/1.1 keeps a connection unless told; HTTP/1.0 closes it unless told.
      if (p.version == 10 && keep_alive_) head.field("Connection", "keep-alive");
      if (p.version != 10 && !keep_alive_) head.field("Connection", "close");
      head << "\r\n";
    }
    body_ = std::move(response.body);
    if (bodiless || p.head) body_.clear();
    stream_.expires_after(server_.options.read_timeout);
    const std::array<net::const_buffer, 2> message{net::buffer(head_), net::buffer(body_)};
    net::async_write(stream_, message, beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    const auto& p = pending_;
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - p.started).count();
    p.metrics->record(status_, seconds);
    // The client's address (behind a trusted proxy, the one it forwarded), or the peer's before it is known.
    const auto& client = request_.remote_address.empty() ? remote_ : request_.remote_address;
    log::access({p.method, request_.path, p.metrics->route, status_, seconds * 1000.0, request_.request_id, client});
    if (request_.body.size() >= kLargeMessage || body_.size() >= kLargeMessage) {
      request_.body = std::string();
      body_ = std::string();
      server_.large_message_done();
    }
    server_.request_finished();
    if (ec || !keep_alive_) return close();
    read();
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  ServerState& server_;
  std::string remote_;
  Request request_;
  Pending pending_;
  // Bounds the fixed text of an answer's head: the status line's, the fields' names and framing, the
  // CORS values, four numbers and the closing CRLF come to under 400 bytes.
  static constexpr std::size_t kFixedHead = 512;
  // The answer being written: its status line and fields, its body, and what on_write reports of it.
  std::string head_;
  std::string body_;
  unsigned status_ = 0;
  bool keep_alive_ = false;
};

// How an async route answers: once, on its session's io thread (a second answer is ignored; none at
// all, a bug, answers 500 rather than leave the client waiting).
class AsyncAnswer final : public Responder, public std::enable_shared_from_this<AsyncAnswer> {
 public:
  AsyncAnswer(std::shared_ptr<Session> session, const Route* route) : session_(std::move(session)), route_(route) {}
  ~AsyncAnswer() override {
    if (!answered_.exchange(true))
      session_->post_reply(
          Router::failure(*route_, session_->request(), Error(ErrorKind::internal, "an async handler did not answer")));
  }
  void respond(Response response) override {
    if (!answered_.exchange(true)) session_->post_reply(std::move(response));
  }
  void fail(std::exception_ptr error) override {
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      respond(Router::failure(*route_, session_->request(), e));
    }
  }
  void on_workers(std::function<Response()> work) override {
    if (!answered_.exchange(true)) session_->answer_on_workers(route_, std::move(work));
  }
  void work_on_workers(std::function<void()> work) override {
    if (answered_) return;
    session_->run_on_workers([self = shared_from_this(), work = std::move(work)] {
      try {
        work();
      } catch (const std::exception&) {
        self->fail(std::current_exception());
      }
    });
  }

 private:
  std::shared_ptr<Session> session_;
  const Route* route_;
  std::atomic<bool> answered_{false};
};

std::shared_ptr<Responder> Session::async_answer(const Route* route) {
  return std::make_shared<AsyncAnswer>(shared_from_this(), route);
}

void ServerState::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
    if (!ec) {
      if (connections.fetch_add(1) >= options.max_connections) {
        // Over the limit the connection is closed at once: answering would cost what the limit protects.
        connections.fetch_sub(1);
        rejected_connections.inc();
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        std::make_shared<Session>(std::move(socket), *this)->run();
      }
    }
    accept();
  });
}

}  // namespace

struct Server::Impl : ServerState {
  using ServerState::ServerState;
};

Server::Server(ServerOptions options, Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() { stop(); }

void Server::start() {
  auto& i = *impl_;
  for (const auto& route : i.router.routes())
    i.route_metrics.emplace(
        route.get(), std::make_unique<RouteMetrics>(i.metrics, std::string(to_string(route->method)), route->pattern));
  const tcp::endpoint endpoint(net::ip::make_address(i.options.host), i.options.port);
  i.acceptor.open(endpoint.protocol());
  i.acceptor.set_option(net::socket_base::reuse_address(true));
  i.acceptor.bind(endpoint);
  i.acceptor.listen(net::socket_base::max_listen_connections);
  i.bound_port = i.acceptor.local_endpoint().port();
  i.workers = std::make_unique<net::thread_pool>(i.options.workers);
  i.cpu_workers = std::make_unique<net::thread_pool>(i.options.io_threads);
  i.websocket_environment.emplace(
      WebSocketEnvironment{.workers = *i.workers,
                           .queue_limit = i.options.websocket_queue_limit,
                           .message_limit = i.options.websocket_message_limit,
                           .open = i.metrics.gauge("agora_http_websockets", "Open WebSocket connections"),
                           .track = [&i](std::function<void()> close) { return i.track_websocket(std::move(close)); },
                           .untrack = [&i](std::uint64_t id) { i.untrack_websocket(id); },
                           .released = [&i] { i.connections.fetch_sub(1); }});
  i.keep_running.emplace(i.ioc.get_executor());
  i.accept();
  for (unsigned t = 0; t < i.options.io_threads; ++t)
    i.threads.emplace_back([&i] {
      const io_thread::Scope scope(i.ioc);  // Redis::run_async waits on this io_context, not a thread of its own
      i.ioc.run();
    });
  i.started = true;
}

unsigned short Server::port() const { return impl_->bound_port; }

void Server::stop() {
  auto& i = *impl_;
  if (!i.started || i.stopped) return;
  i.stopped = true;
  i.stopping = true;
  net::post(i.acceptor.get_executor(), [&i] {
    beast::error_code ec;
    i.acceptor.close(ec);
  });
  std::vector<std::function<void()>> close_websockets;
  {
    std::lock_guard lock(i.mutex);
    for (const auto& [_, close] : i.websockets) close_websockets.push_back(close);
  }
  for (const auto& close : close_websockets) close();
  {
    std::unique_lock lock(i.mutex);
    i.drained.wait_for(lock, i.options.shutdown_grace,
                       [&i] { return i.in_flight.load() == 0 && i.websockets.empty(); });
  }
  i.keep_running.reset();
  i.ioc.stop();
  for (auto& t : i.threads) t.join();
  i.threads.clear();
  i.workers->join();
  i.cpu_workers->join();
}

}  // namespace agora::http
