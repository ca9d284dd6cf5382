// The router: a trie of path segments ({name} matches one segment), then auth, roles and the
// handler, with every exception turned into problem+json.
#include <agora/core/http.hpp>
#include <agora/core/log.hpp>
#include <agora/core/trace.hpp>

#include <boost/container/small_vector.hpp>

#include <map>

namespace agora::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::map<Method, const Route*> routes;
};

namespace {

// Inline room for typical paths: matching a request allocates nothing for its segments.
using Segments = boost::container::small_vector<std::string_view, 16>;

// "/a//b/" is the segments a, "", b, "": an empty segment matches no route, so a doubled slash
// never reaches the route its collapsed form names (a proxy's prefix rule would not have seen it).
Segments split(std::string_view path) {
  Segments out;
  if (path.starts_with('/')) path.remove_prefix(1);
  if (path.empty()) return out;
  std::size_t i = 0;
  while (true) {
    const auto next = path.find('/', i);
    if (next == std::string_view::npos) {
      out.push_back(path.substr(i));
      return out;
    }
    out.push_back(path.substr(i, next - i));
    i = next + 1;
  }
}

bool is_param(std::string_view s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

// A handler's exception as problem+json: agora::Error as it says, anything else a logged 500.
}  // namespace

Response Router::failure(const Route& route, const Request& request, const std::exception& e) {
  const auto* error = dynamic_cast<const Error*>(&e);
  if (error && error->kind() != ErrorKind::internal) return Response::problem(*error, request.path);
  log::error("handler failed",
             {{"route", route.pattern}, {"error", log::describe(e)}, {"request_id", request.request_id}});
  return Response::problem(Error(ErrorKind::internal, "internal error"), request.path);
}

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  Node* node = root_.get();
  for (auto segment : split(pattern)) {
    if (is_param(segment)) {
      const std::string name(segment.substr(1, segment.size() - 2));
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = name;
      } else if (node->param_name != name) {
        throw Error(ErrorKind::internal, "route " + pattern + ": parameter {" + name + "} conflicts with {" +
                                             node->param_name + "} at the same position");
      }
      node = node->param.get();
    } else {
      auto& child = node->literals[std::string(segment)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  if (options.from_memory && (options.auth || !options.roles.empty()))
    throw Error(ErrorKind::internal, "route " + pattern + ": from_memory is for public routes only");
  if (options.async && (options.idempotent || options.run_inline || options.from_memory || options.cpu_bound))
    throw Error(ErrorKind::internal,
                "route " + pattern + ": an async route is neither idempotent, inline, from_memory nor cpu_bound");
  if (options.run_inline && options.cpu_bound)
    throw Error(ErrorKind::internal, "route " + pattern + ": a route runs inline or on the cpu-bound pool, not both");
  if (options.rate_class.empty())
    options.rate_class = !options.roles.empty()                            ? "admin"
                         : method == Method::get || method == Method::head ? "read"
                                                                           : "write";
  if (limiter_ && options.rate_class != "none" && !limiter_->knows(options.rate_class))
    throw Error(ErrorKind::internal,
                "route " + pattern + ": rate class '" + options.rate_class + "' has no limit in rate_limit.policies");
  if (node->routes.contains(method))
    throw Error(ErrorKind::internal, "route " + std::string(to_string(method)) + " " + pattern + " registered twice");
  routes_.push_back(std::make_unique<Route>(Route{method, std::move(pattern), std::move(handler), std::move(options)}));
  node->routes[method] = routes_.back().get();
}

void Router::websocket(std::string pattern, WebSocketHandler handler, RouteOptions options) {
  if (options.async || options.idempotent || options.run_inline || options.from_memory)
    throw Error(ErrorKind::internal,
                "route " + pattern + ": a WebSocket route is neither async, idempotent, inline nor from_memory");
  options.websocket = std::move(handler);
  add(Method::get, std::move(pattern), nullptr, std::move(options));
}

void Router::set_authenticator(std::shared_ptr<Authenticator> authenticator) {
  authenticator_ = std::move(authenticator);
}

void Router::set_idempotency_store(std::shared_ptr<IdempotencyStore> store) { idempotency_ = std::move(store); }

void Router::set_rate_limiter(std::shared_ptr<RateLimiter> limiter) {
  for (const auto& route : routes_)
    if (limiter && route->options.rate_class != "none" && !limiter->knows(route->options.rate_class))
      throw Error(ErrorKind::internal, "route " + route->pattern + ": rate class '" + route->options.rate_class +
                                           "' has no limit in rate_limit.policies");
  limiter_ = std::move(limiter);
}

struct MatchState {
  const Segments& segments;
  Method method;
  Router::Match& result;
  std::map<std::string, std::string, std::less<>> params;
};

// Depth-first: a literal segment wins over a parameter at the same position.
bool Router::walk(const Node* node, std::size_t i, MatchState& state) {
  if (i == state.segments.size()) {
    if (node->routes.empty()) return false;
    auto it = node->routes.find(state.method);
    if (it == node->routes.end() && state.method == Method::head) it = node->routes.find(Method::get);
    if (it != node->routes.end()) {
      state.result.route = it->second;
      state.result.params = std::move(state.params);
      return true;
    }
    if (state.result.allowed.empty())
      for (const auto& [m, _] : node->routes) state.result.allowed.push_back(m);
    return false;
  }
  const auto segment = state.segments[i];
  if (auto lit = node->literals.find(segment); lit != node->literals.end() && walk(lit->second.get(), i + 1, state))
    return true;
  if (node->param && !segment.empty()) {
    state.params[node->param_name] = std::string(segment);
    if (walk(node->param.get(), i + 1, state)) return true;
    state.params.erase(node->param_name);
  }
  return false;
}

Router::Match Router::match(Method method, std::string_view path) const {
  const auto segments = split(path);
  Match result;
  MatchState state{segments, method, result, {}};
  walk(root_.get(), 0, state);
  if (result.route) result.allowed.clear();
  return result;
}

std::optional<Response> Router::admit(const Route& route, Request& request) const {
  const bool needs_principal = route.options.auth || !route.options.roles.empty();
  // Authenticating may read a store (an unknown signing key, an external key set); an inline
  // route runs on the io thread, so it is authenticated only when it needs a principal.
  if (authenticator_ && (needs_principal || !route.options.run_inline)) {
    try {
      request.principal = authenticator_->authenticate(request);
    } catch (const Error&) {
      if (needs_principal) throw;
    }
  }
  if (needs_principal && !request.principal) {
    auto r = Response::problem(Error(ErrorKind::unauthorized, "authentication required"), request.path);
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  if (!route.options.roles.empty()) {
    const auto& roles = route.options.roles;
    if (std::none_of(roles.begin(), roles.end(), [&](const std::string& r) { return request.principal->has_role(r); }))
      throw Error(
          ErrorKind::forbidden, "this needs one of the roles: " + [&] {
            std::string list;
            for (const auto& r : roles) list += (list.empty() ? "" : ", ") + r;
            return list;
          }());
  }
  return std::nullopt;
}

// The client a rate limit counts: the authenticated user, else the client's address (an inline or
// from-memory public route does not authenticate, so it counts the address). Built in a buffer each
// thread keeps, so counting a request allocates nothing.
bool Router::limit(const Route& route, Request& request, bool may_wait) const {
  if (!limiter_ || request.rate_limit || route.options.rate_class == "none") return true;
  static thread_local std::string client;
  if (request.principal)
    client.assign("user:").append(request.principal->user_id);
  else
    client.assign("addr:").append(request.remote_address);
  auto verdict = limiter_->decide_now(route.options.rate_class, client);
  if (!verdict) {
    if (!may_wait) return false;
    verdict = limiter_->decide(route.options.rate_class, client);
  }
  request.rate_limit = verdict->state;
  if (!verdict->allowed)
    throw Error(ErrorKind::too_many_requests, "too many requests in rate class '" + route.options.rate_class +
                                                  "': try again in " + std::to_string(verdict->retry_after.count()) +
                                                  " s")
        .with_retry_after(verdict->retry_after);
  return true;
}

Response Router::handle(const Route& route, Request& request) const {
  try {
    if (auto refused = admit(route, request)) return std::move(*refused);
    limit(route, request, true);
    return run_handler(route, request);
  } catch (const std::exception& e) {
    return failure(route, request, e);
  }
}

std::optional<Response> Router::handle_now(const Route& route, Request& request) const {
  try {
    if (auto refused = admit(route, request)) return refused;
    if (!limit(route, request, false)) return std::nullopt;
    return run_handler(route, request);
  } catch (const std::exception& e) {
    return failure(route, request, e);
  }
}

Response Router::run_handler(const Route& route, Request& request) const {
  const auto key = route.options.idempotent && idempotency_ ? request.header("idempotency-key") : std::nullopt;
  if (!key) return route.handler(request);
  return idempotency_->once(request, *key, [&] {
    try {
      return route.handler(request);
    } catch (const std::exception& e) {
      return failure(route, request, e);  // a 4xx answer is kept and replayed like any other
    }
  });
}

std::optional<Response> Router::authorize(const Route& route, Request& request) const {
  try {
    if (auto refused = admit(route, request)) return refused;
    limit(route, request, true);
    return std::nullopt;
  } catch (const std::exception& e) {
    return failure(route, request, e);
  }
}

void Router::handle_async(const Route& route, Request& request, const std::shared_ptr<Responder>& responder) const {
  try {
    if (auto refused = admit(route, request)) return responder->respond(std::move(*refused));
    if (!limit(route, request, false))
      return responder->work_on_workers([this, &route, &request, responder] {
        limit(route, request, true);
        route.options.async(request, responder);
      });
    route.options.async(request, responder);
  } catch (const std::exception& e) {
    responder->respond(failure(route, request, e));
  }
}

std::optional<Response> Router::handle_from_memory(const Route& route, Request& request) const {
  if (!route.options.from_memory) return std::nullopt;
  try {
    if (!limit(route, request, false)) return std::nullopt;
    return route.options.from_memory(request);
  } catch (const std::exception& e) {
    return failure(route, request, e);
  }
}

}  // namespace agora::http
