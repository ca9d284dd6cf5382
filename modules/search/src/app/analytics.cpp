#include "app/analytics.hpp"

#include <agora/core/db.hpp>
#include <agora/core/log.hpp>

namespace agora::search {
namespace {

constexpr std::size_t kMaxQueued = 50000;  // about a minute of a busy shop's searches
constexpr std::size_t kBatch = 2000;
constexpr int kPopularLimit = 2000;
constexpr int kMinSearchesForClickThrough = 3;

}  // namespace

Analytics::Analytics(Database& db, const Clock& clock, Options options, Metrics& metrics)
    : db_(db),
      clock_(clock),
      options_(std::move(options)),
      dropped_(metrics.counter("agora_search_log_dropped_total",
                               "searches not logged: the queue was full (the database was slow or down)")) {}

void Analytics::record(LoggedSearch search) noexcept {
  try {
    std::lock_guard lock(mutex_);
    if (queued_.size() >= kMaxQueued) {
      dropped_.inc();
      return;
    }
    queued_.push_back(std::move(search));
  } catch (...) {
    dropped_.inc();
  }
}

void Analytics::flush() {
  std::vector<LoggedSearch> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(queued_);
  }
  for (std::size_t i = 0; i < batch.size(); i += kBatch) {
    const std::vector<LoggedSearch> part(
        batch.begin() + static_cast<std::ptrdiff_t>(i),
        batch.begin() + static_cast<std::ptrdiff_t>(std::min(batch.size(), i + kBatch)));
    try {
      auto conn = db_.acquire();
      analytics_store::insert_searches(*conn, part);
    } catch (...) {
      // Kept for the next flush (ids make a retried batch harmless), within the queue's bound.
      std::lock_guard lock(mutex_);
      const auto room = kMaxQueued > queued_.size() ? kMaxQueued - queued_.size() : 0;
      const auto keep = std::min(room, batch.size() - i);
      queued_.insert(queued_.begin(), batch.begin() + static_cast<std::ptrdiff_t>(i),
                     batch.begin() + static_cast<std::ptrdiff_t>(i + keep));
      dropped_.inc(static_cast<double>(batch.size() - i - keep));
      throw;
    }
  }
}

void Analytics::record_click(Click click) {
  auto conn = db_.acquire();
  analytics_store::insert_click(*conn, click);
}

std::vector<QueryReport> Analytics::report(Report kind, int days, const std::optional<std::string>& locale, int limit) {
  const auto since = clock_.now() - std::chrono::hours(24) * days;
  auto conn = db_.acquire();
  switch (kind) {
    case Report::top_queries:
      return analytics_store::top_queries(*conn, since, locale, limit);
    case Report::no_results:
      return analytics_store::no_results(*conn, since, locale, limit);
    case Report::click_through:
      return analytics_store::click_through(*conn, since, locale, kMinSearchesForClickThrough, limit);
  }
  return {};
}

std::vector<std::pair<std::string, std::int64_t>> Analytics::popular(const std::string& locale) {
  auto conn = db_.acquire();
  return analytics_store::popular(*conn, locale, clock_.now() - std::chrono::hours(24) * options_.popular_days,
                                  kPopularLimit);
}

void Analytics::prune() {
  auto conn = db_.acquire();
  const auto n = analytics_store::delete_before(*conn, clock_.now() - std::chrono::hours(24) * options_.retention_days);
  if (n > 0) log::info("search: old analytics deleted", {{"rows", n}});
}

}  // namespace agora::search
