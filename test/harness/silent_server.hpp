#pragma once
// A server on a free loopback port that takes connections and never answers a byte: for callers'
// timeouts. Counts the connections it took; closes them all when it goes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace agora::test {

struct SilentServer {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  unsigned short port = 0;
  std::atomic<int> connections{0};
  std::vector<int> held;
  std::thread acceptor;

  SilentServer() {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listener, 64) == 0);
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &length) == 0);
    port = ntohs(addr.sin_port);
    acceptor = std::thread([this] {
      for (int fd; (fd = ::accept(listener, nullptr, nullptr)) >= 0;) {
        ++connections;
        held.push_back(fd);
      }
    });
  }
  ~SilentServer() {
    ::shutdown(listener, SHUT_RDWR);
    acceptor.join();
    ::close(listener);
    for (int fd : held) ::close(fd);
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

}  // namespace agora::test
