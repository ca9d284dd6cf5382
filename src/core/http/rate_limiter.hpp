#pragma once
// Rate limits shared by every instance through Redis, decided in memory (GCRA, the generic cell rate
// algorithm: a client's bucket is one "theoretical arrival time").
//
// Each instance keeps a copy of the buckets its clients use. A request is decided against that
// copy; what the instance admitted reaches Redis every sync_interval in one script call for all the
// buckets that changed, and the answer (every instance's use so far) replaces the copy. A bucket
// this instance has not heard of from Redis within `fresh_for` is decided by one round trip first
// (decide()). So a client may get past the shared budget by what other instances admitted it
// within the last fresh_for (sync_interval while it is busy here too), never more. When Redis
// cannot be reached each instance limits on its own, says so in agora_rate_limit_local_only, and
// tries Redis again every second; what it admitted meanwhile reaches Redis when it is back.
#include <agora/core/http.hpp>
#include <agora/core/redis.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace agora {
class Counter;
class Gauge;
class Metrics;
}  // namespace agora

namespace agora::http {

// A class's limit: `limit` requests per `window`, all of them at once if a client likes.
struct RatePolicy {
  std::int64_t limit = 0;
  std::chrono::seconds window{60};
};

// "auth=20/60" (20 requests per 60 s) -> {"auth", {20, 60 s}}; ConfigError naming the text otherwise.
std::pair<std::string, RatePolicy> parse_rate_policy(std::string_view text);

class SharedRateLimiter final : public RateLimiter {
 public:
  struct Options {
    std::chrono::milliseconds sync_interval{10};
    std::chrono::milliseconds fresh_for{100};
  };
  SharedRateLimiter(Redis& redis, std::map<std::string, RatePolicy, std::less<>> policies, Metrics& metrics,
                    Options options);
  ~SharedRateLimiter() override;

  std::optional<Verdict> decide_now(std::string_view rate_class, std::string_view client) override;
  Verdict decide(std::string_view rate_class, std::string_view client) override;
  bool knows(std::string_view rate_class) const override { return policies_.contains(rate_class); }

 private:
  struct Policy {
    std::string name;
    std::int64_t limit;
    std::int64_t interval;   // ns between two requests at the steady rate: window / limit
    std::int64_t tolerance;  // ns: the whole window, so `limit` requests may come at once
    std::string policy_header;
    Counter* refused;
  };
  struct Bucket {
    const Policy* policy;
    std::int64_t tat = 0;          // steady ns: the theoretical arrival time
    std::int64_t unsynced = 0;     // requests admitted here that Redis has not counted yet
    std::int64_t fresh_until = 0;  // steady ns: the copy is trusted until then
  };
  // A bucket's key, "class|client", with its hash: found once, it picks the shard and the entry.
  struct Key {
    std::string_view text;
    std::size_t hash;
    explicit Key(std::string_view t) : text(t), hash(std::hash<std::string_view>{}(t)) {}
  };
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(const Key& k) const noexcept { return k.hash; }
    std::size_t operator()(std::string_view k) const noexcept { return std::hash<std::string_view>{}(k); }
  };
  struct KeyEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
    bool operator()(const Key& a, std::string_view b) const noexcept { return a.text == b; }
    bool operator()(std::string_view a, const Key& b) const noexcept { return a == b.text; }
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Bucket, KeyHash, KeyEqual> buckets;
    std::vector<std::string> dirty;  // buckets with requests Redis has not counted
  };
  static constexpr std::size_t kShards = 16;

  Shard& shard_of(const Key& key) { return shards_[key.hash % kShards]; }
  const Policy& policy(std::string_view rate_class) const;
  // GCRA on the copy: counts the request when it fits.
  Verdict admit(Shard& shard, std::string_view key, Bucket& bucket, std::int64_t now) const;
  // The answer and its headers for a bucket whose arrival time is `tat` (after counting an admitted request).
  static Verdict verdict(const Policy& p, bool allowed, std::int64_t tat, std::int64_t now);
  // The copy from Redis's answer: `ahead` ns of use beyond now, plus what was admitted meanwhile.
  void absorb(Bucket& bucket, std::int64_t ahead, std::int64_t now) const;
  void wake_sync() const;  // a bucket has requests to sync: the sync thread wakes if it sleeps
  void sync_loop();
  bool sync_once();  // false when Redis could not be reached
  void go_local(const std::exception& e);
  // Admitted requests Redis did not take (it was away) wait for the next sync, so it learns them when back.
  void keep_unsynced(const Key& key, std::int64_t admitted);
  void prune();  // forgets buckets that are full again and that Redis knows all of

  Redis& redis_;
  const Options options_;
  std::map<std::string, Policy, std::less<>> policies_;
  std::array<Shard, kShards> shards_;
  std::atomic<bool> local_only_{false};
  Gauge& local_only_gauge_;
  Counter& redis_errors_;
  mutable std::atomic<bool> has_dirty_{false};  // some bucket has requests Redis has not counted
  mutable std::mutex sync_mutex_;
  mutable std::condition_variable sync_wake_;
  bool stopping_ = false;
  std::thread sync_thread_;
};

}  // namespace agora::http
