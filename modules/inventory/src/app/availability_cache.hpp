#pragma once
// inventory::Api: availability per SKU from memory, read through from PostgreSQL on a miss and
// forgotten when inventory.events announce a change of the SKU (on every instance).
#include <agora/inventory/api.hpp>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace agora {
class Database;
}

namespace agora::inventory {

class AvailabilityCache final : public Api {
 public:
  AvailabilityCache(Database& db, std::size_t max_entries);

  std::vector<Availability> availability(const std::vector<std::string>& skus) override;
  // Every SKU from memory, or nullopt when one is missing (never blocks on I/O).
  std::optional<std::vector<Availability>> cached_availability(const std::vector<std::string>& skus) override;
  void forget(const std::string& sku);
  void forget_all();

 private:
  Database& db_;
  std::size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::string, Availability> entries_;
  // Bumped by every forget: a read that started before one may be stale and is not kept.
  std::uint64_t generation_ = 0;
};

// Distinct SKUs in the order first given.
std::vector<std::string> distinct(const std::vector<std::string>& skus);

}  // namespace agora::inventory
