#pragma once
// Where rates are read: the newest table from an in-process cache, else Redis, else PostgreSQL;
// past tables from PostgreSQL. A refresh invalidates both caches.
#include "domain/rate_table.hpp"
#include "store/redis_rate_cache.hpp"

#include <agora/core/clock.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

namespace agora {
class Database;
class Metrics;
class Counter;
}  // namespace agora

namespace agora::fx {

class RateBook {
 public:
  // local_ttl: how long this process trusts its copy, which bounds how late it sees another
  // instance's refresh.
  RateBook(Database& db, RedisRateCache& redis, const Clock& clock, Metrics& metrics, std::chrono::seconds local_ttl);

  std::shared_ptr<const RateTable> latest();  // no I/O while the local copy is fresh
  RateTable at(Timestamp t);                  // PostgreSQL
  std::optional<Timestamp> first_known();     // PostgreSQL: when the oldest rate became valid
  void invalidate();                          // the local copy and Redis
  // The newest rate time this process has loaded, without I/O (kept across invalidations, so the
  // staleness gauges do not flap after a refresh); nullopt before any rate was loaded.
  std::optional<Timestamp> newest_known() const;

 private:
  std::shared_ptr<const RateTable> load();

  Database& db_;
  RedisRateCache& redis_;
  const Clock& clock_;
  std::chrono::seconds local_ttl_;
  Counter& redis_loads_;
  Counter& database_loads_;
  mutable std::mutex mutex_;
  std::shared_ptr<const RateTable> table_;
  Timestamp loaded_at_;
  std::optional<Timestamp> newest_;
  std::uint64_t generation_ = 0;  // bumped by invalidate(): a load that began before is not kept
};

}  // namespace agora::fx
