#pragma once
// The newest rate table in Redis (key fx:rates:latest, JSON, with a TTL), shared by every instance.
// Redis being down is a miss: callers fall back to PostgreSQL.
#include "domain/rate_table.hpp"

#include <chrono>
#include <optional>

namespace agora {
class Redis;
class Counter;
}  // namespace agora

namespace agora::fx {

class RedisRateCache {
 public:
  RedisRateCache(Redis& redis, std::chrono::seconds ttl, Counter& errors) : redis_(redis), ttl_(ttl), errors_(errors) {}
  std::optional<RateTable> get();
  void put(const RateTable& table);
  void invalidate();

 private:
  Redis& redis_;
  std::chrono::seconds ttl_;
  Counter& errors_;  // Redis calls that failed
};

}  // namespace agora::fx
