// Request accessors, response builders, methods and principals: everything a handler touches.
#include <agora/core/http.hpp>
#include <agora/core/json_text.hpp>
#include <agora/core/utf8.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

namespace agora::http {

std::string_view to_string(Method m) noexcept {
  switch (m) {
    case Method::get:
      return "GET";
    case Method::head:
      return "HEAD";
    case Method::post:
      return "POST";
    case Method::put:
      return "PUT";
    case Method::patch:
      return "PATCH";
    case Method::del:
      return "DELETE";
    case Method::options:
      return "OPTIONS";
  }
  return "GET";
}

std::optional<Method> parse_method(std::string_view t) noexcept {
  for (Method m : {Method::get, Method::head, Method::post, Method::put, Method::patch, Method::del, Method::options})
    if (to_string(m) == t) return m;
  return std::nullopt;
}

bool Principal::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::optional<std::string_view> Request::header(std::string_view lower_case_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_case_name) return std::string_view(v);
  return std::nullopt;
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return std::string_view(v);
  return std::nullopt;
}

int Request::page_limit(std::vector<FieldError>& errors, int fallback, int max) const {
  const auto text = query_param("limit");
  if (!text) return fallback;
  int limit = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc{} || end != text->data() + text->size() || limit < 1 || limit > max) {
    errors.push_back({"limit", "must be an integer from 1 to " + std::to_string(max)});
    return fallback;
  }
  return limit;
}

const std::string& Request::param(std::string_view name) const {
  auto it = params.find(name);
  if (it == params.end()) throw Error(ErrorKind::internal, "route has no parameter " + std::string(name));
  return it->second;
}

namespace {

// Walks the parsed value once, before anyone else does, and refuses an object or array over its bound.
void check_sizes(const boost::json::value& root, const JsonLimits& limits) {
  std::vector<const boost::json::value*> pending{&root};
  while (!pending.empty()) {
    const auto* v = pending.back();
    pending.pop_back();
    if (const auto* o = v->if_object()) {
      if (o->size() > limits.max_members)
        throw Error(ErrorKind::bad_request,
                    "request body has an object of more than " + std::to_string(limits.max_members) + " members");
      for (const auto& member : *o) pending.push_back(&member.value());
    } else if (const auto* a = v->if_array()) {
      if (a->size() > limits.max_elements)
        throw Error(ErrorKind::bad_request,
                    "request body has an array of more than " + std::to_string(limits.max_elements) + " elements");
      for (const auto& element : *a) pending.push_back(&element);
    }
  }
}

}  // namespace

boost::json::value parse_json_body(std::string_view body, const JsonLimits& limits) {
  if (body.empty()) throw Error(ErrorKind::bad_request, "request body is required");
  boost::json::parse_options options;
  options.max_depth = limits.max_depth;
  boost::json::error_code ec;
  auto value = boost::json::parse(body, ec, {}, options);
  if (ec) {
    if (ec == boost::json::error::too_deep)
      throw Error(ErrorKind::bad_request,
                  "request body nests deeper than " + std::to_string(limits.max_depth) + " levels");
    throw Error(ErrorKind::bad_request, "request body is not valid JSON: " + ec.message());
  }
  check_sizes(value, limits);
  return value;
}

boost::json::value Request::json() const {
  if (auto type = header("content-type")) {
    const auto media = type->substr(0, type->find(';'));
    if (media != "application/json" && !media.ends_with("+json"))
      throw Error(ErrorKind::bad_request, "request body must be application/json");
  }
  return parse_json_body(body, json_limits);
}

const Principal& Request::user() const {
  if (!principal) throw Error(ErrorKind::unauthorized, "authentication required");
  return *principal;
}

Response Response::json(const boost::json::value& value, unsigned status) {
  Response r;
  r.status = status;
  r.body = json_text::serialize(value);
  return r;
}

// Every member is given, so the default content type is not built only to be replaced.
Response Response::text(std::string body, std::string content_type, unsigned status) {
  return Response{.status = status, .content_type = std::move(content_type), .headers = {}, .body = std::move(body)};
}

Response Response::empty(unsigned status) {
  return Response{.status = status, .content_type = {}, .headers = {}, .body = {}};
}

Response Response::problem(const Error& error, std::string_view instance) {
  const unsigned status = http_status(error.kind());
  boost::json::object body{{"type", error_type_uri(error.kind())},
                           {"title", error_title(error.kind())},
                           {"status", status},
                           {"detail", to_valid_utf8(error.what())}};
  if (!instance.empty()) body["instance"] = to_valid_utf8(instance);
  if (const auto& fields = error.fields(); !fields.empty()) {
    boost::json::array errors;
    const auto listed = std::min(fields.size(), kMaxListedFieldErrors);
    for (std::size_t i = 0; i < listed; ++i)
      errors.push_back({{"field", to_valid_utf8(fields[i].field)}, {"message", to_valid_utf8(fields[i].message)}});
    body["errors"] = std::move(errors);
    if (listed < fields.size()) body["errors_total"] = fields.size();
  }
  Response r = json(body, status);
  r.content_type = "application/problem+json";
  if (const auto after = error.retry_after()) r.headers.emplace_back("Retry-After", std::to_string(after->count()));
  return r;
}

}  // namespace agora::http
