#include "app/availability_cache.hpp"

#include "store/stock_store.hpp"

#include <agora/core/db.hpp>

#include <algorithm>

namespace agora::inventory {

std::vector<std::string> distinct(const std::vector<std::string>& skus) {
  std::vector<std::string> out;
  for (const auto& s : skus)
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  return out;
}

AvailabilityCache::AvailabilityCache(Database& db, std::size_t max_entries) : db_(db), max_entries_(max_entries) {}

std::optional<std::vector<Availability>> AvailabilityCache::cached_availability(const std::vector<std::string>& skus) {
  std::vector<Availability> out;
  std::lock_guard lock(mutex_);
  for (const auto& sku : distinct(skus)) {
    auto it = entries_.find(sku);
    if (it == entries_.end()) return std::nullopt;
    out.push_back(it->second);
  }
  return out;
}

std::vector<Availability> AvailabilityCache::availability(const std::vector<std::string>& skus) {
  const auto wanted = distinct(skus);
  std::unordered_map<std::string, Availability> found;
  std::vector<std::string> missing;
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    generation = generation_;
    for (const auto& sku : wanted) {
      if (auto it = entries_.find(sku); it != entries_.end())
        found.emplace(sku, it->second);
      else
        missing.push_back(sku);
    }
  }
  if (!missing.empty()) {
    std::vector<StockRow> rows;
    {
      auto conn = db_.acquire();
      rows = stock_store::read(*conn, missing);
    }
    for (const auto& sku : missing) found[sku].sku = sku;
    for (const auto& r : rows) {
      if (!r.active) continue;
      auto& a = found[r.sku];
      a.on_hand += r.on_hand;
      a.reserved += r.reserved;
      a.available += r.allocatable();
    }
    std::lock_guard lock(mutex_);
    if (generation == generation_) {
      if (entries_.size() + missing.size() > max_entries_) entries_.clear();
      for (const auto& sku : missing) entries_[sku] = found[sku];
    }
  }
  std::vector<Availability> out;
  for (const auto& sku : wanted) out.push_back(found[sku]);
  return out;
}

void AvailabilityCache::forget(const std::string& sku) {
  std::lock_guard lock(mutex_);
  ++generation_;
  entries_.erase(sku);
}

void AvailabilityCache::forget_all() {
  std::lock_guard lock(mutex_);
  ++generation_;
  entries_.clear();
}

}  // namespace agora::inventory
