#pragma once
// Where rates are read: the newest table from an in-process cache, else Redis, else PostgreSQL;
// past tables from PostgreSQL. A refresh invalidates both caches. While no rate is stored, the
// newest table is the fallback (the configured fixed rates), so a start with an empty history
// converts at once instead of waiting for the first refresh to get past a slow or unreachable
// provider.
//
// The fallback is answered, never stored: stored, it would hold from the moment of storing and so
// outrank the ECB's first answer (valid from 00:00 UTC of its day) in the newest table, it would
// enter the history that past instants are read from, and it would publish fx.rates_updated for
// rates no provider answered. As it is, the first rates a refresh stores replace it at once (the
// refresh invalidates the cache) and publish the one event that consumers act on.
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
  // instance's refresh. fallback: the newest table while no rate is stored (nullopt: none, so an
  // empty table).
  RateBook(Database& db, RedisRateCache& redis, const Clock& clock, Metrics& metrics, std::chrono::seconds local_ttl,
           std::optional<RateTable> fallback);

  std::shared_ptr<const RateTable> latest();  // no I/O while the local copy is fresh
  RateTable at(Timestamp t);                  // PostgreSQL: stored rates only, never the fallback
  std::optional<Timestamp> first_known();     // PostgreSQL: when the oldest rate became valid
  void invalidate();                          // the local copy and Redis
  // The newest rate time this process has loaded, without I/O (kept across invalidations, so the
  // staleness gauges do not flap after a refresh); nullopt before any stored rate was loaded (the
  // fallback does not count: the gauges say that no provider has answered yet).
  std::optional<Timestamp> newest_known() const;

 private:
  std::shared_ptr<const RateTable> load();

  Database& db_;
  RedisRateCache& redis_;
  const Clock& clock_;
  std::chrono::seconds local_ttl_;
  std::shared_ptr<const RateTable> fallback_;  // null: none
  Counter& redis_loads_;
  Counter& database_loads_;
  mutable std::mutex mutex_;
  std::shared_ptr<const RateTable> table_;
  Timestamp loaded_at_;
  std::optional<Timestamp> newest_;
  std::uint64_t generation_ = 0;  // bumped by invalidate(): a load that began before is not kept
};

}  // namespace agora::fx
