#pragma once
// Reads the fields of a JSON request body, collecting every problem so that one 422 lists them all.
#include <agora/core/error.hpp>
#include <agora/core/utf8.hpp>
#include <boost/json/object.hpp>

#include <cstdint>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora {

class Fields {
 public:
  explicit Fields(const boost::json::value& body);  // Error{bad_request} unless an object

  bool has(std::string_view key) const { return object_.contains(key); }
  // A string of 1..max_length code points (0.. when allow_empty), without control characters
  // (but for line breaks and tabs when multiline); nullopt when absent or bad.
  std::optional<std::string> text(std::string_view key, std::size_t max_length, bool required, bool allow_empty = false,
                                  bool multiline = false);
  // An integer in [min, max]; nullopt when absent or bad.
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max, bool required = false);
  std::optional<bool> boolean(std::string_view key, bool required = false);
  const boost::json::value* raw(std::string_view key) const { return object_.if_contains(key); }
  void fail(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }

  // Refuses keys outside `allowed` ("is not a field that can be set here"), then throws
  // Error{validation} with every collected problem, if any.
  void finish(std::initializer_list<std::string_view> allowed, std::string_view what = "invalid request");
  // For a nested object: records keys outside `allowed`, then hands over the problems with
  // `prefix` put before each field name, for the enclosing object's Fields to report.
  std::vector<FieldError> nested_errors(std::initializer_list<std::string_view> allowed, std::string_view prefix);
  // Hands over the problems (`prefix` put before each field name) without looking at other keys:
  // for a payload that may carry more than its reader knows (an event's).
  std::vector<FieldError> take_errors(std::string_view prefix = "");
  void add(std::vector<FieldError> errors);  // problems found in a nested object
  bool ok() const { return errors_.empty(); }

 private:
  const boost::json::object& object_;
  std::vector<FieldError> errors_;
};

}  // namespace agora
