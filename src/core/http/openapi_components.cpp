#include "http/openapi_components.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <iterator>

namespace agora::http {
namespace {

namespace json = boost::json;

// Response::problem's body (RFC 9457).
constexpr std::string_view kProblemSchema = R"json({
  "type": "object",
  "description": "An error, as RFC 9457 application/problem+json.",
  "required": ["type", "title", "status", "detail"],
  "properties": {
    "type": {"type": "string", "format": "uri", "description": "Names the kind of error, e.g. https://agora.dev/problems/not-found"},
    "title": {"type": "string", "description": "The kind of error in words, the same for every error of its type"},
    "status": {"type": "integer", "description": "The HTTP status"},
    "detail": {"type": "string", "description": "What went wrong with this request, for a person to act on"},
    "instance": {"type": "string", "description": "The request it answers"},
    "errors": {
      "type": "array",
      "maxItems": 50,
      "description": "Every invalid field of the request (the first 50)",
      "items": {
        "type": "object",
        "required": ["field", "message"],
        "properties": {
          "field": {"type": "string", "description": "The field's path in the request, e.g. lines[2].quantity"},
          "message": {"type": "string"}
        }
      }
    },
    "errors_total": {"type": "integer", "description": "How many fields were invalid, when errors lists only the first 50"}
  }
})json";

// Retry-After, the IETF httpapi RateLimit headers (structured fields) as the rate limiter writes
// them, and the headers a route's success answer may name (kAnswerHeaders).
constexpr std::string_view kHeaders = R"json({
  "Location": {
    "description": "The URL of what the request made.",
    "schema": {"type": "string", "format": "uri-reference"}
  },
  "ETag": {
    "description": "The version of what the answer shows: If-Match on a change, or If-None-Match on a read, names it.",
    "schema": {"type": "string", "examples": ["\"3\""]}
  },
  "Retry-After": {
    "description": "Seconds until a request can succeed.",
    "schema": {"type": "integer", "minimum": 0}
  },
  "RateLimit-Policy": {
    "description": "The rate class this route counts against: q requests per w seconds per client (the authenticated user, else the client's address).",
    "schema": {"type": "string", "examples": ["\"read\";q=1200;w=60"]}
  },
  "RateLimit": {
    "description": "What the client has left of its rate class: r requests, refilled in full in t seconds.",
    "schema": {"type": "string", "examples": ["\"read\";r=1199;t=1"]}
  }
})json";

constexpr std::string_view kIdempotencyKey = R"json({
  "name": "Idempotency-Key",
  "in": "header",
  "required": false,
  "description": "Makes a retry safe: a repeat with the same key and body replays the first answer while it is kept (http.idempotency_ttl_hours, 24 by default); the key on another body answers 422; a repeat while the first is in flight answers 409.",
  "schema": {"type": "string", "minLength": 1, "maxLength": 255, "description": "Printable ASCII"}
})json";

constexpr std::string_view kBearerAuth = R"json({
  "type": "http",
  "scheme": "bearer",
  "bearerFormat": "JWT",
  "description": "An access token from POST /api/v1/auth/token (or from the configured external OpenID issuer)."
})json";

constexpr std::string_view kAnswerHeaders[] = {"Location", "ETag"};

// Every kind of error, as error_kind() looks a status up.
constexpr ErrorKind kKinds[] = {
    ErrorKind::bad_request,     ErrorKind::unauthorized,        ErrorKind::forbidden,
    ErrorKind::not_found,       ErrorKind::method_not_allowed,  ErrorKind::timeout,
    ErrorKind::conflict,        ErrorKind::precondition_failed, ErrorKind::payload_too_large,
    ErrorKind::validation,      ErrorKind::too_many_requests,   ErrorKind::internal,
    ErrorKind::not_implemented, ErrorKind::unavailable};

json::object problem_response(ErrorKind kind, const openapi::ComponentUse& use) {
  json::object r{{"description", std::string(error_title(kind)) + " (" + error_type_uri(kind) + ")"},
                 {"content", {{"application/problem+json", {{"schema", openapi::ref("schemas", "Problem")}}}}}};
  json::object headers;
  if (kind == ErrorKind::too_many_requests || kind == ErrorKind::unavailable)
    headers["Retry-After"] = openapi::ref("headers", "Retry-After");
  if (kind == ErrorKind::too_many_requests && use.rate_limits) {
    headers["RateLimit-Policy"] = openapi::ref("headers", "RateLimit-Policy");
    headers["RateLimit"] = openapi::ref("headers", "RateLimit");
  }
  if (!headers.empty()) r["headers"] = std::move(headers);
  return r;
}

bool valid_name(std::string_view name) {
  return !name.empty() && std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

}  // namespace

void Router::schema(std::string name, std::string_view json_text) {
  if (!valid_name(name) || name == "Problem")
    throw Error(ErrorKind::internal, "schema '" + name + "': a name of [A-Za-z0-9._-] other than Problem");
  boost::system::error_code ec;
  auto value = json::parse(json_text, ec);
  if (ec || !value.is_object()) throw Error(ErrorKind::internal, "schema " + name + ": not a JSON object");
  if (!schemas_.emplace(name, std::move(value)).second)
    throw Error(ErrorKind::internal, "schema " + name + " declared twice");
}

namespace openapi {

json::object ref(std::string_view kind, std::string_view name) {
  return {{"$ref", "#/components/" + std::string(kind) + "/" + std::string(name)}};
}

std::string response_name(ErrorKind kind) {
  std::string name;
  for (char c : error_title(kind))
    if (c != ' ') name += c;
  return name;
}

bool answer_header(std::string_view name) {
  return std::ranges::find(kAnswerHeaders, name) != std::end(kAnswerHeaders);
}

std::optional<ErrorKind> error_kind(unsigned status) {
  for (auto kind : kKinds)
    if (http_status(kind) == status) return kind;
  return std::nullopt;
}

json::object components(const Router& router, const ComponentUse& use) {
  json::object schemas{{"Problem", json::parse(kProblemSchema)}};
  for (const auto& [name, schema] : router.schemas()) schemas[name] = schema;

  json::object responses;
  for (auto kind : use.problems) responses[response_name(kind)] = problem_response(kind, use);

  auto headers = json::parse(kHeaders).as_object();
  if (!use.rate_limits) {
    headers.erase("RateLimit-Policy");
    headers.erase("RateLimit");
  }
  for (auto name : kAnswerHeaders)
    if (!use.headers.contains(std::string(name))) headers.erase(name);

  json::object out{
      {"schemas", std::move(schemas)}, {"responses", std::move(responses)}, {"headers", std::move(headers)}};
  if (use.idempotency_key) out["parameters"] = {{"IdempotencyKey", json::parse(kIdempotencyKey)}};
  out["securitySchemes"] = {{"bearerAuth", json::parse(kBearerAuth)}};
  return out;
}

}  // namespace openapi
}  // namespace agora::http
