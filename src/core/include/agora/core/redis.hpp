#pragma once
// Redis through a pool of hiredis connections with timeouts; broken connections are replaced.
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace agora {

class Metrics;

struct RedisReply {
  enum class Type { nil, string, integer, array, status };
  Type type = Type::nil;
  std::string str;  // string and status replies
  long long integer = 0;
  std::vector<RedisReply> elements;
};

// A Lua script, run by its SHA1 (EVALSHA) and sent whole (EVAL) only when the server lacks it
// (first use, or a restarted server): one round trip for a read-modify-write on a few keys.
class RedisScript {
 public:
  explicit RedisScript(std::string source);
  const std::string& source() const { return source_; }
  const std::string& sha1() const { return sha1_; }

 private:
  std::string source_;
  std::string sha1_;
};

class Redis {
 public:
  struct Options {
    std::string url = "redis://127.0.0.1:6379/0";
    std::size_t pool_size = 8;
    std::chrono::milliseconds timeout{500};  // connect and command
  };

  Redis(Options options, Metrics& metrics);
  ~Redis();
  Redis(const Redis&) = delete;
  Redis& operator=(const Redis&) = delete;

  // Throws Error{unavailable} when Redis cannot be reached; an error reply throws Error{internal}.
  RedisReply command(const std::vector<std::string>& args);
  RedisReply command(std::initializer_list<std::string_view> args);
  void ping();
  // Runs the script with KEYS and ARGV; errors as command() throws them.
  RedisReply run(const RedisScript& script, const std::vector<std::string>& keys, const std::vector<std::string>& args);

  // The reply, or the error as run() would throw it.
  using Done = std::function<void(RedisReply reply, std::exception_ptr error)>;
  // Runs the script without blocking the caller: the commands of every caller go down one pipelined
  // connection on Redis's own I/O thread, which calls `done` (so `done` must not block: it may hand
  // blocking work elsewhere). A command unanswered within the timeout fails as unavailable. The
  // script must outlive the call (scripts are constants).
  void run_async(const RedisScript& script, std::vector<std::string> keys, std::vector<std::string> args, Done done);

 private:
  struct Pool;
  struct Pipeline;  // async_redis.cpp
  struct Answer;
  Answer send(const std::vector<std::string>& args);
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<Pipeline> pipeline_;
};

}  // namespace agora
