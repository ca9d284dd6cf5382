#pragma once
// Search analytics: every search is queued as it is answered and written in batches (a search
// never waits for the database); clicks are written at once; admins read reports over a window.
#include "options.hpp"
#include "store/analytics_store.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/metrics.hpp>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::search {

enum class Report { top_queries, no_results, click_through };

class Analytics {
 public:
  Analytics(Database& db, const Clock& clock, Options options, Metrics& metrics);

  void record(LoggedSearch search) noexcept;  // dropped (and counted) when the queue is full
  void flush();                               // a job: writes what was queued
  void record_click(Click click);
  std::vector<QueryReport> report(Report kind, int days, const std::optional<std::string>& locale, int limit);
  std::vector<std::pair<std::string, std::int64_t>> popular(const std::string& locale);
  void prune();  // a job: drops searches and clicks past the retention
  const Clock& clock() const { return clock_; }

 private:
  Database& db_;
  const Clock& clock_;
  Options options_;
  Counter& dropped_;
  std::mutex mutex_;
  std::vector<LoggedSearch> queued_;
};

}  // namespace agora::search
