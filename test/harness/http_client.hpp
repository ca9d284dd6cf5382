#pragma once
// A blocking HTTP client for tests (libcurl): one connection reused across requests.
#include <boost/json/value.hpp>

#include <map>
#include <memory>
#include <string>

namespace agora::test {

struct HttpResult {
  long status = 0;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  boost::json::value json() const;  // throws when the body is not JSON
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Throws std::runtime_error when no response arrives (connection refused, reset, timeout).
  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  // New connections the last request opened: 0 when it reused a kept-alive one.
  long connects_made_by_last_request() const;

 private:
  std::string base_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agora::test
