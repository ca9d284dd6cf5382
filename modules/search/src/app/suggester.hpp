#pragma once
// Suggestions per indexed locale, rebuilt in the background from the index's products, brands and
// categories and from the searches shoppers made that found something; read without waiting.
#include "app/indexer.hpp"
#include "domain/suggestions.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace agora::search {

class Suggester {
 public:
  // Recent searches that found something in a locale, with how often they were made.
  using PopularSource = std::function<std::vector<std::pair<std::string, std::int64_t>>(const std::string& locale)>;
  Suggester(Indexer& indexer, PopularSource popular, Options options);

  // A job: rebuilds when the index changed since the last build (at most every suggest_refresh), or
  // the popular searches are due.
  void refresh();
  // Error{unavailable} while the first index is built.
  std::vector<Phrase> suggest(std::string_view typed, std::string_view locale, std::size_t limit) const;

 private:
  SuggestionIndex build(const Generation& g, const CategoryView& categories, const std::string& locale,
                        const std::vector<std::pair<std::string, std::int64_t>>& popular) const;

  Indexer& indexer_;
  PopularSource popular_;
  Options options_;
  std::uint64_t built_version_ = 0;  // refresh()'s own: one job thread
  std::chrono::steady_clock::time_point popular_read_{};
  std::chrono::steady_clock::time_point built_{};
  std::map<std::string, std::vector<std::pair<std::string, std::int64_t>>> popular_cache_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const SuggestionIndex>, std::less<>> by_locale_;
};

}  // namespace agora::search
