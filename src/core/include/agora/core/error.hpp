#pragma once
// agora::Error: the one exception domain code throws; the router maps it to problem+json.
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace agora {

enum class ErrorKind {
  bad_request,          // 400: a request that cannot be read (body not JSON or not an object, a bad form)
  validation,           // 422: values refused (body fields, query parameters, headers), each named in fields
  unauthorized,         // 401
  forbidden,            // 403
  not_found,            // 404
  method_not_allowed,   // 405
  timeout,              // 408
  conflict,             // 409
  precondition_failed,  // 412: If-Match names a version that is no longer current
  payload_too_large,    // 413
  too_many_requests,    // 429
  unavailable,          // 503: a store or dependency is down
  internal,             // 500
  not_implemented,      // 501: a method this server does not implement at all
};

struct FieldError {
  std::string field;
  std::string message;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::vector<FieldError> fields = {});
  ErrorKind kind() const noexcept { return kind_; }
  const std::vector<FieldError>& fields() const noexcept { return fields_; }
  // When asking again can succeed (429, 503): answered as Retry-After.
  Error& with_retry_after(std::chrono::seconds after) {
    retry_after_ = after;
    return *this;
  }
  std::optional<std::chrono::seconds> retry_after() const noexcept { return retry_after_; }

 private:
  ErrorKind kind_;
  std::vector<FieldError> fields_;
  std::optional<std::chrono::seconds> retry_after_;
};

unsigned http_status(ErrorKind kind) noexcept;
std::string_view error_title(ErrorKind kind) noexcept;
// The RFC 9457 `type` URI for a kind, e.g. "https://agora.dev/problems/not-found".
std::string error_type_uri(ErrorKind kind);

}  // namespace agora
