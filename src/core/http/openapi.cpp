#include "http/openapi.hpp"

#include "http/openapi_components.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace agora::http {
namespace {

namespace json = boost::json;
using openapi::ref;

constexpr std::string_view kApiPrefix = "/api/v1/";

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string route_name(const Route& route) { return std::string(to_string(route.method)) + " " + route.pattern; }

// A doc's JSON text as what it must be (an object, or an array of parameters).
json::value doc_json(const Route& route, std::string_view field, std::string_view text, json::kind kind) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || value.kind() != kind)
    throw Error(ErrorKind::internal, "route " + route_name(route) + ": doc." + std::string(field) + " is not a JSON " +
                                         (kind == json::kind::array ? "array" : "object"));
  return value;
}

std::vector<std::string> path_params(std::string_view pattern) {
  std::vector<std::string> names;
  for (auto open = pattern.find('{'); open != std::string_view::npos; open = pattern.find('{', open + 1))
    names.emplace_back(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  return names;
}

// The module's part of the API: the segment after /api/v1/ (or /api/v1/admin/); the platform's
// routes (health, metrics, this document) outside it.
std::string tag_of(std::string_view pattern) {
  if (!pattern.starts_with(kApiPrefix) || pattern == kOpenApiPath) return "platform";
  auto rest = pattern.substr(kApiPrefix.size());
  if (rest.starts_with("admin/")) rest.remove_prefix(6);
  return std::string(rest.substr(0, rest.find('/')));
}

// Method and path with every run of other characters one '_', e.g. get_catalog_products_id.
std::string operation_id(const Route& route) {
  std::string_view path = route.pattern;
  if (path.starts_with(kApiPrefix)) path.remove_prefix(kApiPrefix.size() - 1);
  std::string id = lower(to_string(route.method));
  for (char c : path) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      id += c;
    else if (id.back() != '_')
      id += '_';
  }
  if (id.back() == '_') id.pop_back();
  return id;
}

bool needs_token(const RouteOptions& o) { return o.auth || !o.roles.empty(); }

bool documented(const RouteDoc& doc) {
  return !doc.summary.empty() || !doc.request.empty() || !doc.response.empty() || doc.status != 0 ||
         !doc.parameters.empty() || !doc.problems.empty();
}

std::string success_status(const Route& route) {
  const auto& doc = route.options.doc;
  if (route.options.websocket) return "101";
  if (doc.status != 0) return std::to_string(doc.status);
  if (!doc.response.empty()) return "200";
  return documented(doc) ? "204" : "2XX";
}

std::string description(const Route& route) {
  const auto& o = route.options;
  std::vector<std::string> sentences;
  if (o.websocket)
    sentences.emplace_back(
        "Upgrades to a WebSocket (the access token may also come as the access_token query parameter, which "
        "browsers can set).");
  if (!o.roles.empty()) {
    std::string roles = o.roles.size() == 1 ? "Needs the role " : "Needs one of the roles ";
    for (std::size_t i = 0; i < o.roles.size(); ++i) roles += (i ? ", " : "") + o.roles[i];
    sentences.push_back(roles + ".");
  }
  if (o.rate_class != "none") sentences.push_back("Rate class: " + o.rate_class + ".");
  std::string text;
  for (const auto& sentence : sentences) text += (text.empty() ? "" : " ") + sentence;
  return text;
}

// The errors a route may answer: those its options and doc imply (see openapi.hpp) and doc.problems.
std::set<ErrorKind> errors_of(const Route& route) {
  const auto& o = route.options;
  std::set<ErrorKind> errors{ErrorKind::internal, ErrorKind::unavailable};
  if (!o.doc.parameters.empty()) errors.insert({ErrorKind::bad_request, ErrorKind::validation});
  if (!o.doc.request.empty())
    errors.insert({ErrorKind::bad_request, ErrorKind::payload_too_large, ErrorKind::validation});
  if (!path_params(route.pattern).empty()) errors.insert({ErrorKind::bad_request, ErrorKind::not_found});
  if (needs_token(o)) errors.insert(ErrorKind::unauthorized);
  if (!o.roles.empty()) errors.insert(ErrorKind::forbidden);
  if (o.idempotent) errors.insert({ErrorKind::conflict, ErrorKind::validation});
  if (o.rate_class != "none") errors.insert(ErrorKind::too_many_requests);
  for (auto status : o.doc.problems) {
    const auto kind = openapi::error_kind(status);
    if (!kind)
      throw Error(ErrorKind::internal, "route " + route_name(route) + ": doc.problems names " + std::to_string(status) +
                                           ", the status of no error");
    errors.insert(*kind);
  }
  return errors;
}

// Whether a route's doc declares the Idempotency-Key header itself (a route that requires it).
bool declares_idempotency_key(const json::array& params) {
  return std::any_of(params.begin(), params.end(), [](const json::value& p) {
    const auto* name = p.is_object() ? p.as_object().if_contains("name") : nullptr;
    return name && name->is_string() && name->as_string() == "Idempotency-Key";
  });
}

// The operation's own parameters: the doc's, the WebSocket's access_token, Idempotency-Key (the
// shared optional one, unless the doc declares its own).
json::array parameters_of(const Route& route) {
  const auto& o = route.options;
  json::array params;
  if (!o.doc.parameters.empty()) params = doc_json(route, "parameters", o.doc.parameters, json::kind::array).as_array();
  if (o.websocket && needs_token(o))
    params.push_back({{"name", "access_token"},
                      {"in", "query"},
                      {"required", false},
                      {"description", "The access token, for a client that cannot set the Authorization header"},
                      {"schema", {{"type", "string"}}}});
  if (o.idempotent && !declares_idempotency_key(params)) params.push_back(ref("parameters", "IdempotencyKey"));
  return params;
}

class DocumentBuilder {
 public:
  explicit DocumentBuilder(const Router& router) : router_(router) {}

  void add(const Route& route) {
    auto& item = paths_[route.pattern];
    if (!item.contains("parameters")) {
      json::array params;
      for (const auto& name : path_params(route.pattern))
        params.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
      if (!params.empty()) item["parameters"] = std::move(params);
    }
    item[lower(to_string(route.method))] = operation(route);
  }

  std::string finish(std::string_view version) {
    json::array tags;
    for (const auto& tag : tags_)
      tags.push_back({{"name", tag},
                      {"description", tag == "platform" ? "Health, metrics and this document"
                                                        : "/api/v1/" + tag + " and /api/v1/admin/" + tag}});
    json::object paths;
    for (auto& [pattern, item] : paths_) paths[pattern] = std::move(item);
    return json::serialize(json::object{
        {"openapi", "3.1.0"},
        {"jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base"},  // JSON Schema 2020-12 with OAS terms
        {"info",
         {{"title", "Agora"},
          {"version", version},
          {"description",
           "The REST API of every Agora module. JSON bodies with snake_case fields, timestamps RFC 3339 UTC, "
           "money as {\"amount\": minor units, \"currency\": ISO 4217}, lists paged with ?limit=&cursor= into "
           "{items, next_cursor}. Errors are application/problem+json (RFC 9457); requests are limited per client "
           "and rate class (RateLimit headers)."}}},
        {"servers", {{{"url", "/"}, {"description", "This server"}}}},
        {"tags", std::move(tags)},
        {"paths", std::move(paths)},
        {"components", openapi::components(router_, use_)}});
  }

 private:
  json::object operation(const Route& route) {
    const auto& o = route.options;
    auto tag = tag_of(route.pattern);
    tags_.insert(tag);
    auto id = operation_id(route);
    if (!operation_ids_.insert(id).second)
      throw Error(ErrorKind::internal, "route " + route_name(route) + ": operationId " + id + " is taken");

    json::object op{
        {"tags", {tag}}, {"summary", o.doc.summary.empty() ? route_name(route) : o.doc.summary}, {"operationId", id}};
    if (auto text = description(route); !text.empty()) op["description"] = text;
    op["security"] = needs_token(o) ? json::array{{{"bearerAuth", json::array()}}} : json::array();
    auto params = parameters_of(route);
    const json::value shared_key = ref("parameters", "IdempotencyKey");
    use_.idempotency_key = use_.idempotency_key || std::find(params.begin(), params.end(), shared_key) != params.end();
    if (!params.empty()) op["parameters"] = std::move(params);
    if (!o.doc.request.empty())
      op["requestBody"] = {
          {"required", true},
          {"content",
           {{"application/json", {{"schema", doc_json(route, "request", o.doc.request, json::kind::object)}}}}}};

    json::object responses{{success_status(route), success(route)}};
    std::map<unsigned, ErrorKind> by_status;
    for (auto kind : errors_of(route)) by_status.emplace(http_status(kind), kind);
    for (auto [status, kind] : by_status) {
      responses[std::to_string(status)] = ref("responses", openapi::response_name(kind));
      use_.problems.insert(kind);
    }
    op["responses"] = std::move(responses);

    if (!o.roles.empty()) op["x-roles"] = json::value_from(o.roles);
    if (o.rate_class != "none") {
      op["x-rate-class"] = o.rate_class;
      use_.rate_limits = true;
    }
    return op;
  }

  json::object success(const Route& route) {
    const auto& doc = route.options.doc;
    const auto status = success_status(route);
    json::object r{{"description", status == "101"   ? "Switching Protocols: a WebSocket from now on"
                                   : status == "2XX" ? "Success (not described yet)"
                                   : status == "204" ? "Done"
                                                     : "Success"}};
    if (!doc.response.empty())
      r["content"] = {
          {"application/json", {{"schema", doc_json(route, "response", doc.response, json::kind::object)}}}};
    json::object headers;
    for (const auto& name : doc.headers) {
      if (!openapi::answer_header(name))
        throw Error(ErrorKind::internal, "route " + route_name(route) + ": doc.headers names " + name +
                                             ", which the platform does not declare (Location, ETag)");
      headers[name] = ref("headers", name);
      use_.headers.insert(name);
    }
    if (route.options.rate_class != "none") {
      headers["RateLimit-Policy"] = ref("headers", "RateLimit-Policy");
      headers["RateLimit"] = ref("headers", "RateLimit");
    }
    if (!headers.empty()) r["headers"] = std::move(headers);
    return r;
  }

  const Router& router_;
  openapi::ComponentUse use_;
  std::map<std::string, json::object> paths_;  // by pattern, so the document reads in path order
  std::set<std::string> tags_;
  std::set<std::string> operation_ids_;
};

}  // namespace

std::string openapi_document(const Router& router, std::string_view version) {
  DocumentBuilder builder(router);
  for (const auto& route : router.routes()) builder.add(*route);
  return builder.finish(version);
}

}  // namespace agora::http
