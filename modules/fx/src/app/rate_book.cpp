#include "app/rate_book.hpp"

#include "store/rate_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/metrics.hpp>

namespace agora::fx {
namespace {

constexpr std::string_view kLoadsHelp = "Rate tables loaded into the in-process cache, by source";

}  // namespace

RateBook::RateBook(Database& db, RedisRateCache& redis, const Clock& clock, Metrics& metrics,
                   std::chrono::seconds local_ttl, std::optional<RateTable> fallback)
    : db_(db),
      redis_(redis),
      clock_(clock),
      local_ttl_(local_ttl),
      fallback_(fallback ? std::make_shared<const RateTable>(std::move(*fallback)) : nullptr),
      redis_loads_(metrics.counter("agora_fx_rate_loads_total", kLoadsHelp, {{"source", "redis"}})),
      database_loads_(metrics.counter("agora_fx_rate_loads_total", kLoadsHelp, {{"source", "database"}})) {}

std::shared_ptr<const RateTable> RateBook::latest() {
  std::uint64_t generation;
  {
    std::lock_guard lock(mutex_);
    if (table_ && clock_.now() < loaded_at_ + local_ttl_) return table_;
    generation = generation_;
  }
  const auto stored = load();
  auto table = stored->base.empty() && fallback_ ? fallback_ : stored;
  std::lock_guard lock(mutex_);
  if (generation == generation_) {
    table_ = table;
    loaded_at_ = clock_.now();
    if (const auto as_of = stored->as_of(); as_of && (!newest_ || *as_of > *newest_)) newest_ = as_of;
  }
  return table;
}

std::shared_ptr<const RateTable> RateBook::load() {
  if (auto cached = redis_.get()) {
    redis_loads_.inc();
    return std::make_shared<const RateTable>(std::move(*cached));
  }
  database_loads_.inc();
  auto table = [&] {
    auto conn = db_.acquire();
    return rate_store::table(*conn, std::nullopt);
  }();
  if (!table.base.empty()) redis_.put(table);
  return std::make_shared<const RateTable>(std::move(table));
}

RateTable RateBook::at(Timestamp t) {
  auto conn = db_.acquire();
  return rate_store::table(*conn, t);
}

std::optional<Timestamp> RateBook::first_known() {
  auto conn = db_.acquire();
  return rate_store::first_valid_from(*conn);
}

void RateBook::invalidate() {
  {
    std::lock_guard lock(mutex_);
    table_.reset();
    ++generation_;
  }
  redis_.invalidate();
}

std::optional<Timestamp> RateBook::newest_known() const {
  std::lock_guard lock(mutex_);
  return newest_;
}

}  // namespace agora::fx
