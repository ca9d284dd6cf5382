#pragma once
// Hands emails to an SMTP server with libcurl: STARTTLS or implicit TLS, optional authentication,
// a connection timeout and a total one. Connections are kept open between emails (a libcurl handle
// per sending thread at most, each with its connection) and opened again when the server closed one.
#include "domain/message.hpp"

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace agora::notification {

enum class SmtpTls { none, starttls, implicit };
// Throws ConfigError for anything but none, starttls, implicit.
SmtpTls smtp_tls_from(std::string_view text);

struct SmtpOptions {
  std::string host = "localhost";
  int port = 587;
  SmtpTls tls = SmtpTls::starttls;
  std::string ca_file;  // "": the system's CA certificates
  std::string user;     // "": no authentication
  std::string password;
  std::string from = "Agora <shop@localhost>";
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{30000};
};

class SmtpClient {
 public:
  explicit SmtpClient(SmtpOptions options);
  ~SmtpClient();
  SmtpClient(const SmtpClient&) = delete;
  SmtpClient& operator=(const SmtpClient&) = delete;
  const SmtpOptions& options() const { return options_; }
  // Sends the message (its bytes as mime_message made them) to `to`. Sent when the server took it
  // (provider_id: `message_id`); a 5xx answer is a permanent failure, but for a refused login; no
  // connection, a timeout, a 4xx answer, a refused login or anything else a temporary one.
  Delivery send(const std::string& to, const std::string& message, const std::string& message_id);

 private:
  SmtpOptions options_;
  std::mutex mutex_;
  std::vector<void*> idle_;  // CURL handles, each holding its open connection
};

}  // namespace agora::notification
