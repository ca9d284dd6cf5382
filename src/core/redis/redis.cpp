#include "redis/hiredis_glue.hpp"
#include "redis/pipeline.hpp"

#include <agora/core/error.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/redis.hpp>

#include <hiredis/hiredis.h>
#include <openssl/sha.h>

#include <condition_variable>
#include <mutex>
#include <optional>

namespace agora {
namespace {

using redis_glue::convert;
using redis_glue::Endpoint;

struct ContextDeleter {
  void operator()(redisContext* c) const { redisFree(c); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;

timeval to_timeval(std::chrono::milliseconds ms) {
  return timeval{static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

}  // namespace

struct Redis::Pool {
  Options options;
  Endpoint endpoint;
  std::mutex mutex;
  std::condition_variable freed;
  std::vector<ContextPtr> idle;
  std::size_t open = 0;
  Counter& errors;

  Pool(Options o, Metrics& m)
      : options(std::move(o)),
        endpoint(redis_glue::parse_url(options.url)),
        errors(m.counter("agora_redis_errors_total", "Redis commands that failed to reach Redis")) {}

  ContextPtr connect() {
    const timeval tv = to_timeval(options.timeout);
    ContextPtr c(redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, tv));
    if (!c || c->err) throw Error(ErrorKind::unavailable, "redis unavailable");
    redisSetTimeout(c.get(), tv);
    auto setup = [&](std::vector<std::string> args) {
      std::vector<const char*> argv;
      std::vector<size_t> lens;
      for (const auto& a : args) {
        argv.push_back(a.data());
        lens.push_back(a.size());
      }
      auto* r =
          static_cast<redisReply*>(redisCommandArgv(c.get(), static_cast<int>(argv.size()), argv.data(), lens.data()));
      const bool ok = r && r->type != REDIS_REPLY_ERROR;
      if (r) freeReplyObject(r);
      if (!ok) throw Error(ErrorKind::unavailable, "redis refused " + args[0]);
    };
    if (!endpoint.password.empty()) setup({"AUTH", endpoint.password});
    if (endpoint.db != 0) setup({"SELECT", std::to_string(endpoint.db)});
    return c;
  }

  ContextPtr lease() {
    std::unique_lock lock(mutex);
    if (!freed.wait_for(lock, options.timeout, [&] { return !idle.empty() || open < options.pool_size; }))
      throw Error(ErrorKind::unavailable, "redis busy: no connection free in time");
    if (!idle.empty()) {
      auto c = std::move(idle.back());
      idle.pop_back();
      return c;
    }
    ++open;
    lock.unlock();
    try {
      return connect();
    } catch (...) {
      lock.lock();
      --open;
      freed.notify_one();
      throw;
    }
  }

  // A context with an I/O or protocol error is closed; the next lease connects afresh.
  void give_back(ContextPtr c) {
    const bool keep = c && c->err == 0;
    if (!keep) c.reset();
    std::lock_guard lock(mutex);
    if (keep)
      idle.push_back(std::move(c));
    else
      --open;
    freed.notify_one();
  }
};

Redis::Redis(Options options, Metrics& metrics)
    : pool_(std::make_unique<Pool>(options, metrics)), pipeline_(std::make_unique<Pipeline>(options, pool_->errors)) {}
Redis::~Redis() = default;

// A reply, or the error reply's text ("NOSCRIPT No matching script").
struct Redis::Answer {
  RedisReply reply;
  std::optional<std::string> error;
};

Redis::Answer Redis::send(const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  ContextPtr c;
  try {
    c = pool_->lease();
  } catch (const Error&) {
    pool_->errors.inc();
    throw;
  }
  auto* raw =
      static_cast<redisReply*>(redisCommandArgv(c.get(), static_cast<int>(argv.size()), argv.data(), lens.data()));
  if (!raw) {
    const std::string why = c->errstr;
    pool_->give_back(std::move(c));
    pool_->errors.inc();
    throw Error(ErrorKind::unavailable, "redis unavailable: " + why);
  }
  std::unique_ptr<redisReply, decltype(&freeReplyObject)> reply(raw, freeReplyObject);
  pool_->give_back(std::move(c));
  if (reply->type == REDIS_REPLY_ERROR) return {{}, std::string(reply->str, reply->len)};
  return {convert(reply.get()), std::nullopt};
}

RedisReply Redis::command(const std::vector<std::string>& args) {
  auto answer = send(args);
  if (answer.error) throw Error(ErrorKind::internal, "redis error: " + *answer.error);
  return std::move(answer.reply);
}

RedisReply Redis::run(const RedisScript& script, const std::vector<std::string>& keys,
                      const std::vector<std::string>& args) {
  std::vector<std::string> call{"EVALSHA", script.sha1(), std::to_string(keys.size())};
  call.insert(call.end(), keys.begin(), keys.end());
  call.insert(call.end(), args.begin(), args.end());
  auto answer = send(call);
  if (answer.error && answer.error->starts_with("NOSCRIPT")) {  // Redis's error code for an unknown SHA1
    call[0] = "EVAL";
    call[1] = script.source();
    answer = send(call);
  }
  if (answer.error) throw Error(ErrorKind::internal, "redis error: " + *answer.error);
  return std::move(answer.reply);
}

RedisScript::RedisScript(std::string source) : source_(std::move(source)) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(source_.data()), source_.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char b : digest) {
    sha1_ += kHex[b >> 4];
    sha1_ += kHex[b & 15];
  }
}

RedisReply Redis::command(std::initializer_list<std::string_view> args) {
  return command(std::vector<std::string>(args.begin(), args.end()));
}

void Redis::ping() {
  const auto r = command({"PING"});
  if (r.str != "PONG") throw Error(ErrorKind::unavailable, "redis answered PING with " + r.str);
}

}  // namespace agora
