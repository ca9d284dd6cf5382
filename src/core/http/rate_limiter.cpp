#include "http/rate_limiter.hpp"

#include <agora/core/config.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>

#include <charconv>
#include <functional>

namespace agora::http {
namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::size_t kKeysPerCall = 256;
constexpr std::chrono::seconds kLocalRetry{1};
constexpr std::chrono::seconds kPruneEvery{1};

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now().time_since_epoch()).count();
}

std::int64_t ceil_seconds(std::int64_t ns) { return ns <= 0 ? 0 : (ns + kSecond - 1) / kSecond; }

// Per bucket, ARGV holds four numbers: the emission interval and the tolerance (microseconds), the
// requests an instance admitted since it last said (counted whatever the bucket holds: they were
// answered), and 1 to ask whether one more request fits (counted when it does). Each bucket's
// answer: how far its theoretical arrival time is ahead of Redis's clock (microseconds), and 1 when
// the asked request fits. One clock, Redis's, for every instance.
const RedisScript kSync(R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local out = {}
for i, key in ipairs(KEYS) do
  local j = (i - 1) * 4
  local interval, tolerance = tonumber(ARGV[j + 1]), tonumber(ARGV[j + 2])
  local admitted, ask = tonumber(ARGV[j + 3]), ARGV[j + 4] == '1'
  local tat = tonumber(redis.call('GET', key) or 0)
  if tat < now then tat = now end
  tat = tat + admitted * interval
  local fits = 0
  if ask and tat + interval - now <= tolerance then
    tat = tat + interval
    fits = 1
  end
  if tat > now then redis.call('SET', key, string.format('%d', tat), 'PX', math.ceil((tat - now) / 1000) + 1) end
  out[i] = {tat - now, fits}
end
return out
)lua");

std::string redis_key(std::string_view key) { return "agora:rate:" + std::string(key); }

std::int64_t number(std::string_view text, std::string_view whole) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n <= 0)
    throw ConfigError("config key rate_limit.policies: '" + std::string(whole) +
                      "' is not NAME=REQUESTS/SECONDS with whole numbers above 0");
  return n;
}

}  // namespace

std::pair<std::string, RatePolicy> parse_rate_policy(std::string_view text) {
  const auto eq = text.find('=');
  const auto slash = text.find('/', eq == std::string_view::npos ? 0 : eq);
  if (eq == 0 || eq == std::string_view::npos || slash == std::string_view::npos)
    throw ConfigError("config key rate_limit.policies: '" + std::string(text) +
                      "' is not NAME=REQUESTS/SECONDS, e.g. read=1200/60");
  const std::string name(text.substr(0, eq));
  if (name == "none" || name.find_first_of("|\" ;") != std::string::npos)
    throw ConfigError("config key rate_limit.policies: '" + name + "' cannot name a rate class");
  const auto limit = number(text.substr(eq + 1, slash - eq - 1), text);
  const auto window = number(text.substr(slash + 1), text);
  return {name, RatePolicy{limit, std::chrono::seconds(window)}};
}

SharedRateLimiter::SharedRateLimiter(Redis& redis, std::map<std::string, RatePolicy, std::less<>> policies,
                                     Metrics& metrics, Options options)
    : redis_(redis),
      options_(options),
      local_only_gauge_(metrics.gauge("agora_rate_limit_local_only",
                                      "1 while Redis cannot be reached and each instance limits on its own")),
      redis_errors_(metrics.counter("agora_rate_limit_redis_errors_total", "Rate limit calls to Redis that failed")) {
  for (const auto& [name, p] : policies) {
    const std::int64_t window = std::chrono::duration_cast<std::chrono::nanoseconds>(p.window).count();
    policies_.emplace(
        name, Policy{name, p.limit, std::max<std::int64_t>(window / p.limit, 1), window,
                     "\"" + name + "\";q=" + std::to_string(p.limit) + ";w=" + std::to_string(p.window.count()),
                     &metrics.counter("agora_rate_limit_refused_total", "Requests refused with 429 by rate class",
                                      {{"class", name}})});
  }
  sync_thread_ = std::thread([this] { sync_loop(); });
}

SharedRateLimiter::~SharedRateLimiter() {
  {
    std::lock_guard lock(sync_mutex_);
    stopping_ = true;
  }
  sync_wake_.notify_all();
  sync_thread_.join();
}

const SharedRateLimiter::Policy& SharedRateLimiter::policy(std::string_view rate_class) const {
  const auto it = policies_.find(rate_class);
  if (it == policies_.end())
    throw Error(ErrorKind::internal, "rate class '" + std::string(rate_class) + "' has no limit");
  return it->second;
}

RateLimiter::Verdict SharedRateLimiter::verdict(const Policy& p, bool allowed, std::int64_t tat, std::int64_t now) {
  Verdict v{.allowed = allowed, .retry_after = {}, .state = {p.policy_header, p.name, 0, ceil_seconds(tat - now)}};
  if (allowed) {
    v.state.remaining = std::max<std::int64_t>((p.tolerance - (tat - now)) / p.interval, 0);
  } else {
    v.retry_after = std::chrono::seconds(
        std::max<std::int64_t>(ceil_seconds(std::max(tat, now) + p.interval - p.tolerance - now), 1));
    p.refused->inc();
  }
  return v;
}

RateLimiter::Verdict SharedRateLimiter::admit(Shard& shard, std::string_view key, Bucket& bucket,
                                              std::int64_t now) const {
  const auto& p = *bucket.policy;
  const auto next = std::max(bucket.tat, now) + p.interval;
  if (next - now > p.tolerance) return verdict(p, false, bucket.tat, now);
  bucket.tat = next;
  if (bucket.unsynced++ == 0) {
    shard.dirty.emplace_back(key);
    wake_sync();
  }
  return verdict(p, true, bucket.tat, now);
}

void SharedRateLimiter::wake_sync() const {
  if (has_dirty_.load(std::memory_order_relaxed) || has_dirty_.exchange(true)) return;
  std::lock_guard lock(sync_mutex_);  // so the sync thread cannot miss it between its check and its wait
  sync_wake_.notify_one();
}

void SharedRateLimiter::absorb(Bucket& bucket, std::int64_t ahead, std::int64_t now) const {
  bucket.tat = now + ahead + bucket.unsynced * bucket.policy->interval;
  bucket.fresh_until = now + std::chrono::duration_cast<std::chrono::nanoseconds>(options_.fresh_for).count();
}

std::optional<RateLimiter::Verdict> SharedRateLimiter::decide_now(std::string_view rate_class,
                                                                  std::string_view client) {
  static thread_local std::string text;  // "class|client", in a buffer each thread keeps: no allocation
  text.assign(rate_class).append(1, '|').append(client);
  const Key key(text);
  const auto now = now_ns();
  const bool local = local_only_.load(std::memory_order_relaxed);
  auto& shard = shard_of(key);
  std::lock_guard lock(shard.mutex);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    if (!local) return std::nullopt;
    it = shard.buckets.emplace(text, Bucket{&policy(rate_class)}).first;
    it->second.fresh_until = now;
  } else if (!local && it->second.fresh_until < now) {
    return std::nullopt;
  }
  return admit(shard, text, it->second, now);
}

RateLimiter::Verdict SharedRateLimiter::decide(std::string_view rate_class, std::string_view client) {
  if (auto v = decide_now(rate_class, client)) return std::move(*v);
  const auto& p = policy(rate_class);
  const std::string text = std::string(rate_class) + "|" + std::string(client);
  const Key key(text);
  auto& shard = shard_of(key);
  std::int64_t admitted = 0;
  {
    std::lock_guard lock(shard.mutex);
    if (const auto it = shard.buckets.find(key); it != shard.buckets.end()) std::swap(admitted, it->second.unsynced);
  }
  RedisReply reply;
  try {
    reply = redis_.run(
        kSync, {redis_key(text)},
        {std::to_string(p.interval / 1000), std::to_string(p.tolerance / 1000), std::to_string(admitted), "1"});
  } catch (const std::exception& e) {
    go_local(e);
    keep_unsynced(key, admitted);
    return std::move(*decide_now(rate_class, client));  // local now: it decides
  }
  const auto now = now_ns();
  const auto& answer = reply.elements.at(0).elements;
  std::lock_guard lock(shard.mutex);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) it = shard.buckets.emplace(text, Bucket{&p}).first;
  absorb(it->second, answer.at(0).integer * 1000, now);
  return verdict(p, answer.at(1).integer == 1, it->second.tat, now);
}

void SharedRateLimiter::keep_unsynced(const Key& key, std::int64_t admitted) {
  if (admitted == 0) return;
  auto& shard = shard_of(key);
  std::lock_guard lock(shard.mutex);
  const auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) return;
  if (it->second.unsynced == 0) {
    shard.dirty.emplace_back(key.text);
    wake_sync();
  }
  it->second.unsynced += admitted;
}

void SharedRateLimiter::go_local(const std::exception& e) {
  redis_errors_.inc();
  if (!local_only_.exchange(true)) {
    local_only_gauge_.set(1);
    log::warn("rate limits: Redis cannot be reached, each instance limits on its own", {{"error", log::describe(e)}});
  }
}

bool SharedRateLimiter::sync_once() {
  struct Item {
    std::string key;
    const Policy* policy;
    std::int64_t admitted;
  };
  std::vector<Item> items;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (auto& key : shard.dirty) {
      const auto it = shard.buckets.find(key);
      if (it == shard.buckets.end() || it->second.unsynced == 0) continue;
      items.push_back({std::move(key), it->second.policy, std::exchange(it->second.unsynced, 0)});
    }
    shard.dirty.clear();
  }
  std::size_t first = 0;
  try {
    if (items.empty() && local_only_) redis_.ping();
    for (; first < items.size(); first += kKeysPerCall) {
      const auto last = std::min(items.size(), first + kKeysPerCall);
      std::vector<std::string> keys, args;
      for (auto i = first; i < last; ++i) {
        keys.push_back(redis_key(items[i].key));
        args.push_back(std::to_string(items[i].policy->interval / 1000));
        args.push_back(std::to_string(items[i].policy->tolerance / 1000));
        args.push_back(std::to_string(items[i].admitted));
        args.push_back("0");
      }
      const auto reply = redis_.run(kSync, keys, args);
      const auto now = now_ns();
      for (auto i = first; i < last; ++i) {
        const Key key(items[i].key);
        auto& shard = shard_of(key);
        std::lock_guard lock(shard.mutex);
        if (const auto it = shard.buckets.find(key); it != shard.buckets.end())
          absorb(it->second, reply.elements.at(i - first).elements.at(0).integer * 1000, now);
      }
    }
  } catch (const std::exception& e) {
    go_local(e);
    for (auto i = first; i < items.size(); ++i) keep_unsynced(Key(items[i].key), items[i].admitted);
    return false;
  }
  if (local_only_.exchange(false)) {
    local_only_gauge_.set(0);
    log::info("rate limits: Redis is back, limits are shared again");
  }
  return true;
}

void SharedRateLimiter::prune() {
  const auto now = now_ns();
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    std::erase_if(shard.buckets, [&](const auto& entry) {
      const auto& b = entry.second;
      return b.tat <= now && b.unsynced == 0 && b.fresh_until < now;
    });
  }
}

void SharedRateLimiter::sync_loop() {
  auto next_prune = SteadyClock::now() + kPruneEvery;
  std::unique_lock lock(sync_mutex_);
  const auto stopping = [this] { return stopping_; };
  while (!stopping_) {
    if (local_only_) {
      // Redis is away: try it again every second, whether or not anything waits to be counted.
      if (sync_wake_.wait_for(lock, kLocalRetry, stopping)) break;
    } else {
      // Idle until a request is admitted (an idle server does not wake), then a sync_interval's worth gathers.
      sync_wake_.wait(lock, [this] { return stopping_ || has_dirty_.load(); });
      if (sync_wake_.wait_for(lock, options_.sync_interval, stopping)) break;
    }
    has_dirty_ = false;  // before collecting: what is admitted from now on wakes the next round
    lock.unlock();
    sync_once();
    if (SteadyClock::now() >= next_prune) {
      prune();
      next_prune = SteadyClock::now() + kPruneEvery;
    }
    lock.lock();
  }
}

}  // namespace agora::http
