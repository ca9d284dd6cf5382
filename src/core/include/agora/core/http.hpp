#pragma once
// HTTP requests, responses and the router. Handlers are plain functions: no Beast, no coroutines.
#include <agora/core/error.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agora {
class Metrics;
}

namespace agora::http {

struct MatchState;  // the router's search state, in routing.cpp

enum class Method { get, head, post, put, patch, del, options };
std::string_view to_string(Method m) noexcept;
std::optional<Method> parse_method(std::string_view text) noexcept;

// What one JSON body may hold: each bound is checked before any handler walks the value, so the
// work and the answer a body can cause stay proportional to these, not to the body's size.
struct JsonLimits {
  std::size_t max_depth = 32;
  std::size_t max_members = 1000;    // per object
  std::size_t max_elements = 10000;  // per array
};

// Parses a request body under the limits: Error{bad_request} naming what was wrong.
boost::json::value parse_json_body(std::string_view body, const JsonLimits& limits);

// Who made the request, set by the authenticator.
struct Principal {
  std::string user_id;
  std::vector<std::string> roles;
  bool has_role(std::string_view role) const;
};

// What the RateLimit-Policy and RateLimit headers (IETF httpapi draft) say of a client's rate class
// after a request: "read";q=1200;w=60 and "read";r=1199;t=1.
struct RateLimitState {
  std::string_view policy;  // RateLimit-Policy's value, kept by the limiter for as long as it exists
  std::string_view name;    // the policy's name
  std::int64_t remaining = 0;
  std::int64_t reset = 0;  // seconds until the client's whole quota is back
};

class Request {
 public:
  Method method = Method::get;
  std::string path;                                          // decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::map<std::string, std::string, std::less<>> params;  // from {name} segments
  std::string request_id;
  std::string traceparent;
  std::string remote_address;
  std::optional<Principal> principal;
  JsonLimits json_limits;
  // The rate limit the request was counted against (a request moved to the workers is not counted
  // twice): every answer to it carries the state's headers, whoever makes the answer.
  std::optional<RateLimitState> rate_limit;

  std::optional<std::string_view> header(std::string_view lower_case_name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
  // The page size a list was asked for in ?limit=: `fallback` without one; unless an integer from 1
  // to `max`, a problem naming "limit" is added to `errors` (for the one 422 that lists every bad
  // parameter of the request) and `fallback` is returned.
  int page_limit(std::vector<FieldError>& errors, int fallback = 20, int max = 100) const;
  const std::string& param(std::string_view name) const;  // throws Error{internal} if the route lacks it
  // Parses the body as JSON (parse_json_body): Error{bad_request} on a wrong content type too.
  boost::json::value json() const;
  const Principal& user() const;  // Error{unauthorized} without a principal
};

struct Response {
  static constexpr std::size_t kMaxListedFieldErrors = 50;
  unsigned status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response json(const boost::json::value& value, unsigned status = 200);
  static Response text(std::string body, std::string content_type = "text/plain; charset=utf-8", unsigned status = 200);
  static Response empty(unsigned status = 204);
  // RFC 9457 application/problem+json; field errors listed under "errors" (the first
  // kMaxListedFieldErrors, with "errors_total" when there were more); client text made valid UTF-8.
  static Response problem(const Error& error, std::string_view instance = {});
};

using Handler = std::function<Response(const Request&)>;

// How an async handler answers, from any thread and exactly once: a response, the error it would
// have thrown (answered as a thrown one is), or work that blocks, run on the worker pool.
class Responder {
 public:
  virtual ~Responder() = default;
  virtual void respond(Response response) = 0;
  virtual void fail(std::exception_ptr error) = 0;
  virtual void on_workers(std::function<Response()> work) = 0;
  // Blocking work on the worker pool that answers through this responder itself, now or later from
  // any thread (it may hand the responder on, say to whatever waits for an event); what it throws
  // is answered as a thrown error.
  virtual void work_on_workers(std::function<void()> work) = 0;
};
// Starts the work of a request on the io thread without blocking; the request stays valid until the
// answer. A handler that throws answers as a plain handler would.
using AsyncHandler = std::function<void(const Request&, std::shared_ptr<Responder>)>;
// The sending side of an accepted WebSocket connection, for any thread.
class WebSocket {
 public:
  virtual ~WebSocket() = default;
  // Queues a text message. Dropped once the connection is closed; a client that lets more than
  // ServerOptions::websocket_queue_limit bytes wait unread is disconnected (it reconnects and
  // catches up, as after any drop).
  virtual void send(std::string text) = 0;
  // Closes the connection (a normal close); on_close follows.
  virtual void close() = 0;
};
// What a WebSocket connection does with what the client sends, and when it closes.
struct WebSocketCallbacks {
  std::function<void(std::string_view text)> on_message;  // on the io thread: must not block
  std::function<void()> on_close;                         // once, on the io thread: must not block
};
// Runs on the worker pool once the upgrade is accepted (it may read a store). Messages sent before it
// returns are queued; the client's messages are read only after it returns. What it throws closes
// the connection.
using WebSocketHandler = std::function<WebSocketCallbacks(const Request&, std::shared_ptr<WebSocket>)>;

// Answers from memory when it can (it must not block); nullopt passes the request on.
using MemoryHandler = std::function<std::optional<Response>(const Request&)>;

// What the API document (GET /api/v1/openapi.json) says of a route beyond what the router knows
// (path, method, auth, roles, idempotency, rate class). Schemas are JSON Schema (2020-12) as JSON
// text, written next to the route; {"$ref": "#/components/schemas/Name"} names one a module declared
// with Router::schema.
struct RouteDoc {
  std::string summary;   // one line, e.g. "A product by id"
  std::string request;   // the JSON body's schema; empty: the route takes no body
  std::string response;  // the success answer's JSON schema; empty: none described
  unsigned status = 0;   // the success status; 0: 200 (204 when no response is described, 2XX when nothing is)
  // JSON text: an array of OpenAPI parameter objects besides the path's {name} segments (query
  // parameters, request headers); empty: none.
  std::string parameters;
  // Problem statuses the handler answers besides those its options imply (src/core/http/openapi.hpp), e.g. 412.
  std::vector<unsigned> problems;
  // Headers the success answer carries, as the platform declares them once: "Location" (of what it
  // made), "ETag" (the version a later If-Match or If-None-Match names).
  std::vector<std::string> headers;
};

struct RouteOptions {
  bool auth = false;               // a principal is required (401 without)
  std::vector<std::string> roles;  // any of these roles (403 otherwise); implies auth
  bool run_inline = false;         // non-blocking handler: runs on the io thread, not the worker pool;
                                   // it sees a principal only when it needs one (auth or roles)
  bool cpu_bound = false;          // computes from memory for milliseconds (a search): runs on a pool of
                                   // one thread per io thread, in arrival order, instead of sharing the
                                   // cores in time slices with the other requests on the worker pool
  bool idempotent = false;         // honours Idempotency-Key (see IdempotencyStore)
  MemoryHandler from_memory;       // tried on the io thread first (cache hits); nullopt runs the
                                   // handler on the worker pool. Public routes only: no auth, no roles.
  AsyncHandler async;              // runs on the io thread instead of the handler, after authentication
                                   // and role checks, for work that waits without blocking (Redis::run_async)
  WebSocketHandler websocket;      // a GET route that upgrades to a WebSocket (see Router::websocket)
  // The rate limit this route's requests count against, per client: "auth", "read", "write",
  // "admin" or a route's own class (limits in config, rate_limit.policies). Empty: "admin" when a
  // role is needed, "read" for GET and HEAD, "write" otherwise; "none": not limited.
  std::string rate_class;
  RouteDoc doc;
};

// Turns credentials on a request into a principal; nullopt for none, Error{unauthorized} for bad ones.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual std::optional<Principal> authenticate(const Request& request) = 0;
};

// Runs a request made with an Idempotency-Key once per caller and key: a repeat of the same
// request replays the stored response; the key on another request is Error{validation}; a repeat
// while the first is in flight (or was interrupted) is Error{conflict}. 5xx answers are not kept.
class IdempotencyStore {
 public:
  virtual ~IdempotencyStore() = default;
  virtual Response once(const Request& request, std::string_view key, const std::function<Response()>& handler) = 0;
};

// Counts each client's requests per rate class (RouteOptions::rate_class) against the class's limit.
class RateLimiter {
 public:
  struct Verdict {
    bool allowed = true;
    std::chrono::seconds retry_after{0};  // when refused: until one more request fits
    RateLimitState state;
  };
  virtual ~RateLimiter() = default;
  // Decides from memory; nullopt when it cannot without asking the shared store (ask decide()).
  virtual std::optional<Verdict> decide_now(std::string_view rate_class, std::string_view client) = 0;
  // Decides, asking the shared store when needed: it may block for its round trip.
  virtual Verdict decide(std::string_view rate_class, std::string_view client) = 0;
  // Whether the class has a limit (Router::add refuses a route whose class has none).
  virtual bool knows(std::string_view rate_class) const = 0;
};

struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
};

class Router {
 public:
  Router();
  ~Router();
  // Pattern segments are literals or {name}; registering the same method+pattern twice throws.
  void add(Method method, std::string pattern, Handler handler, RouteOptions options = {});
  // A GET route that upgrades to a WebSocket after authentication and role checks (the access token
  // in the Authorization header, or in the access_token query parameter, which browsers can set);
  // a request that is no upgrade answers 426.
  void websocket(std::string pattern, WebSocketHandler handler, RouteOptions options = {});
  void set_authenticator(std::shared_ptr<Authenticator> authenticator);
  void set_idempotency_store(std::shared_ptr<IdempotencyStore> store);
  // Limits requests per client and rate class from now on (routes added before are checked too).
  void set_rate_limiter(std::shared_ptr<RateLimiter> limiter);

  struct Match {
    const Route* route = nullptr;  // null: no route for this path and method
    std::vector<Method> allowed;   // path matched other methods only: 405 with Allow
    std::map<std::string, std::string, std::less<>> params;
  };
  Match match(Method method, std::string_view path) const;

  // Runs authentication, role checks, the rate limit and the handler; maps exceptions to problem+json.
  Response handle(const Route& route, Request& request) const;
  // handle() where nothing may block (the io thread): nullopt when the rate limit cannot be decided
  // without asking its shared store; the caller then runs handle() where waiting is allowed.
  std::optional<Response> handle_now(const Route& route, Request& request) const;
  // Authenticates and checks roles as handle() does, then starts the route's async handler.
  void handle_async(const Route& route, Request& request, const std::shared_ptr<Responder>& responder) const;
  // Authentication, role checks and the rate limit alone: the answer when they refuse the request
  // (problem+json).
  std::optional<Response> authorize(const Route& route, Request& request) const;
  // The answer to an error a handler of `route` threw or reported.
  static Response failure(const Route& route, const Request& request, const std::exception& e);
  // Runs the route's from_memory handler; nullopt when it has none, it cannot answer, or the rate
  // limit cannot be decided without waiting.
  std::optional<Response> handle_from_memory(const Route& route, Request& request) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }
  // Declares a JSON Schema (2020-12, as JSON text) the API document lists once under
  // components.schemas.<name>, for routes' docs to name as {"$ref": "#/components/schemas/<name>"}.
  // Error{internal} when the text is no JSON object, the name is not [A-Za-z0-9._-]+, or it is taken
  // (Problem is the platform's).
  void schema(std::string name, std::string_view json_text);
  const std::map<std::string, boost::json::value, std::less<>>& schemas() const { return schemas_; }

 private:
  struct Node;
  static bool walk(const Node* node, std::size_t i, MatchState& state);
  // Authentication and role checks: the answer when they refuse the request.
  std::optional<Response> admit(const Route& route, Request& request) const;
  // Counts the request against its route's rate class: Error{too_many_requests} over the limit;
  // false when it cannot be decided without waiting and `may_wait` is false.
  bool limit(const Route& route, Request& request, bool may_wait) const;
  // The handler, through the idempotency store when the route honours Idempotency-Key.
  Response run_handler(const Route& route, Request& request) const;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
  std::shared_ptr<Authenticator> authenticator_;
  std::shared_ptr<IdempotencyStore> idempotency_;
  std::shared_ptr<RateLimiter> limiter_;
  std::map<std::string, boost::json::value, std::less<>> schemas_;
};

struct ServerOptions {
  std::string host = "0.0.0.0";
  unsigned short port = 8080;  // 0 picks a free port
  unsigned io_threads = 2;
  unsigned workers = 8;
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 16 << 10;
  JsonLimits json;
  std::chrono::milliseconds read_timeout{30000};
  std::size_t max_connections = 10000;
  std::chrono::milliseconds shutdown_grace{10000};
  std::vector<std::string> cors_origins;  // "*" allows any origin
  // Peers (addresses or CIDR ranges) whose X-Forwarded-For is believed: the client address is the
  // nearest address in it that is not a trusted proxy. Empty: the peer is the client.
  std::vector<std::string> trusted_proxies;
  // A WebSocket client with this many bytes sent to it and not yet read is disconnected.
  std::size_t websocket_queue_limit = 4 << 20;
  std::size_t websocket_message_limit = 64 << 10;  // the largest message a client may send
};

// The Beast HTTP/1.1 server: keep-alive, limits, request id, traceparent, access log, metrics, CORS.
class Server {
 public:
  Server(ServerOptions options, Router& router, Metrics& metrics);
  ~Server();
  void start();                 // binds and starts io threads; returns at once
  unsigned short port() const;  // the bound port
  // Stops accepting, lets requests in flight finish within shutdown_grace, then stops.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agora::http
