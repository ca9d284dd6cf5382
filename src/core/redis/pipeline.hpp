#pragma once
// Redis::Pipeline: one non-blocking hiredis connection driven by its own Asio I/O thread, on which
// the commands of every caller of Redis::run_async go out back to back (async_redis.cpp).
#include <agora/core/redis.hpp>

#include <memory>
#include <string>
#include <vector>

namespace agora {

class Counter;

// An HTTP server whose io threads called run() must be stopped before its Redis is destroyed (App
// declares Redis first).
struct Redis::Pipeline {
  Pipeline(const Redis::Options& options, Counter& errors);
  ~Pipeline();
  void run(const RedisScript& script, std::vector<std::string> keys, std::vector<std::string> args, Redis::Done done);

  struct Impl;

 private:
  struct Lanes;
  Impl& lane();  // the calling HTTP io thread's, else the one with a thread of its own
  Redis::Options options_;
  Counter& errors_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agora
