#pragma once
// Which Asio io_context the calling thread runs, when it is one of the HTTP server's io threads: work
// started there (Redis::run_async) can then wait on that io_context instead of handing off to a
// thread of its own. Internal to agora_core.
#include <boost/asio/io_context.hpp>

namespace agora::io_thread {

boost::asio::io_context* current() noexcept;  // nullptr on other threads

// Marks the calling thread as running `io` for as long as it lives.
class Scope {
 public:
  explicit Scope(boost::asio::io_context& io);
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;
};

}  // namespace agora::io_thread
