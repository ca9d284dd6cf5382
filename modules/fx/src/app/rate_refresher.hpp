#pragma once
// Refreshing rates: ask the providers in their configured order, store the first answer, publish
// fx.rates_updated and invalidate the caches when it held new rates.
#include "app/rate_book.hpp"
#include "providers/rate_provider.hpp"

#include <agora/core/clock.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace agora {
class Database;
class Metrics;
}  // namespace agora

namespace agora::fx {

struct RefreshOutcome {
  std::string provider;  // the one that answered
  RateSet rates;
  int stored = 0;  // new rows; 0 when this set was already stored
};

class RateRefresher {
 public:
  RateRefresher(Database& db, RateBook& book, std::vector<std::unique_ptr<RateProvider>> providers, const Clock& clock,
                Metrics& metrics);

  // Throws Error{unavailable} when every provider failed (each failure is logged and counted).
  RefreshOutcome refresh();
  // Refreshes when no instance stored rates and this one did not try within `interval`.
  void refresh_if_due(std::chrono::seconds interval);

 private:
  Database& db_;
  RateBook& book_;
  std::vector<std::unique_ptr<RateProvider>> providers_;
  const Clock& clock_;
  Metrics& metrics_;
  std::atomic<Timestamp::rep> last_attempt_{0};  // an unchanged answer stores nothing but still counts
};

}  // namespace agora::fx
