#include <agora/core/error.hpp>

#include <cctype>

namespace agora {

Error::Error(ErrorKind kind, std::string message, std::vector<FieldError> fields)
    : std::runtime_error(std::move(message)), kind_(kind), fields_(std::move(fields)) {}

unsigned http_status(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::bad_request:
      return 400;
    case ErrorKind::validation:
      return 422;
    case ErrorKind::unauthorized:
      return 401;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::method_not_allowed:
      return 405;
    case ErrorKind::timeout:
      return 408;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::precondition_failed:
      return 412;
    case ErrorKind::payload_too_large:
      return 413;
    case ErrorKind::too_many_requests:
      return 429;
    case ErrorKind::unavailable:
      return 503;
    case ErrorKind::internal:
      return 500;
    case ErrorKind::not_implemented:
      return 501;
  }
  return 500;
}

std::string_view error_title(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::bad_request:
      return "Bad Request";
    case ErrorKind::validation:
      return "Validation Failed";
    case ErrorKind::unauthorized:
      return "Unauthorized";
    case ErrorKind::forbidden:
      return "Forbidden";
    case ErrorKind::not_found:
      return "Not Found";
    case ErrorKind::method_not_allowed:
      return "Method Not Allowed";
    case ErrorKind::timeout:
      return "Request Timeout";
    case ErrorKind::conflict:
      return "Conflict";
    case ErrorKind::precondition_failed:
      return "Precondition Failed";
    case ErrorKind::payload_too_large:
      return "Payload Too Large";
    case ErrorKind::too_many_requests:
      return "Too Many Requests";
    case ErrorKind::unavailable:
      return "Service Unavailable";
    case ErrorKind::internal:
      return "Internal Server Error";
    case ErrorKind::not_implemented:
      return "Not Implemented";
  }
  return "Internal Server Error";
}

std::string error_type_uri(ErrorKind kind) {
  std::string slug;
  for (char c : error_title(kind)) slug.push_back(c == ' ' ? '-' : static_cast<char>(std::tolower(c)));
  return "https://agora.dev/problems/" + slug;
}

}  // namespace agora
