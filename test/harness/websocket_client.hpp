#pragma once
// A blocking WebSocket client for tests (Boost.Beast): connects to a loopback server, reads text
// frames as JSON with a deadline, and tells a refused upgrade by the status the server answered.
#include <boost/json/value.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace agora::test {

class WebSocketClient {
 public:
  // Connects to ws://127.0.0.1:port + target. Throws WebSocketRefused when the server answers the
  // upgrade with another status, std::runtime_error when no answer comes.
  WebSocketClient(unsigned short port, const std::string& target,
                  const std::map<std::string, std::string>& headers = {});
  ~WebSocketClient();
  WebSocketClient(const WebSocketClient&) = delete;
  WebSocketClient& operator=(const WebSocketClient&) = delete;

  // The next text frame as JSON; nullopt when the server closed, or when none came within `wait`
  // (after which the connection is dropped: waiting for nothing is a test's last read).
  std::optional<boost::json::value> next(std::chrono::milliseconds wait = std::chrono::seconds(5));
  // True once the server closed the connection (a read saw its close or the end of the stream).
  bool closed_by_server() const { return closed_by_server_; }
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool done_ = false;
  bool closed_by_server_ = false;
};

// The answer to an upgrade the server did not accept.
struct WebSocketRefused : std::runtime_error {
  WebSocketRefused(int status, std::string body)
      : std::runtime_error("upgrade refused with " + std::to_string(status)), status(status), body(std::move(body)) {}
  int status;
  std::string body;
};

}  // namespace agora::test
