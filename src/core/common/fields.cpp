#include <agora/core/fields.hpp>

#include <algorithm>

namespace agora {
namespace {

const boost::json::object& as_object(const boost::json::value& v) {
  if (!v.is_object()) throw Error(ErrorKind::bad_request, "request body must be a JSON object");
  return v.get_object();
}

}  // namespace

Fields::Fields(const boost::json::value& body) : object_(as_object(body)) {}

std::optional<std::string> Fields::text(std::string_view key, std::size_t max_length, bool required, bool allow_empty,
                                        bool multiline) {
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) fail(std::string(key), "is required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    fail(std::string(key), "must be a string");
    return std::nullopt;
  }
  std::string s(v->get_string());
  const auto n = code_points(s);
  if (n == 0 && !allow_empty) {
    fail(std::string(key), "must not be empty");
    return std::nullopt;
  }
  if (n > max_length) {
    fail(std::string(key), "must be at most " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  const auto control = [multiline](unsigned char c) {
    return (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7F;
  };
  if (std::any_of(s.begin(), s.end(), control)) {
    fail(std::string(key), "must not contain control characters");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> Fields::boolean(std::string_view key, bool required) {
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) fail(std::string(key), "is required");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    fail(std::string(key), "must be true or false");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::int64_t> Fields::integer(std::string_view key, std::int64_t min, std::int64_t max, bool required) {
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) fail(std::string(key), "is required");
    return std::nullopt;
  }
  const auto range = "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v->get_uint64());
  } else {
    fail(std::string(key), range);
    return std::nullopt;
  }
  if (n < min || n > max) {
    fail(std::string(key), range);
    return std::nullopt;
  }
  return n;
}

void Fields::finish(std::initializer_list<std::string_view> allowed, std::string_view what) {
  auto errors = nested_errors(allowed, "");
  if (!errors.empty()) throw Error(ErrorKind::validation, std::string(what), std::move(errors));
}

std::vector<FieldError> Fields::nested_errors(std::initializer_list<std::string_view> allowed,
                                              std::string_view prefix) {
  for (const auto& [key, _] : object_)
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      fail(std::string(key), "is not a field that can be set here");
  return take_errors(prefix);
}

std::vector<FieldError> Fields::take_errors(std::string_view prefix) {
  auto errors = std::move(errors_);
  errors_.clear();
  for (auto& e : errors) e.field = std::string(prefix) + e.field;
  return errors;
}

void Fields::add(std::vector<FieldError> errors) {
  for (auto& e : errors) errors_.push_back(std::move(e));
}

}  // namespace agora
