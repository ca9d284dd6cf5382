#pragma once
// The API document's components: the problem+json answers, the shared headers and parameters, the
// security scheme and the schemas routes declared (Router::schema), for operations to name by $ref.
#include <agora/core/error.hpp>
#include <agora/core/http.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace agora::http::openapi {

// "#/components/<kind>/<name>" as a JSON Reference object.
boost::json::object ref(std::string_view kind, std::string_view name);
// The components.responses entry of an error kind, e.g. "NotFound".
std::string response_name(ErrorKind kind);
// The error kind answered with `status`; nullopt when none is.
std::optional<ErrorKind> error_kind(unsigned status);

// What the operations named, so that components lists nothing unused.
struct ComponentUse {
  std::set<ErrorKind> problems;   // components.responses
  bool idempotency_key = false;   // components.parameters.IdempotencyKey
  bool rate_limits = false;       // components.headers.RateLimit-Policy and RateLimit
  std::set<std::string> headers;  // components.headers that success answers name (RouteDoc::headers)
};

// Whether components.headers declares a success answer's header of this name (RouteDoc::headers).
bool answer_header(std::string_view name);

boost::json::object components(const Router& router, const ComponentUse& use);

}  // namespace agora::http::openapi
