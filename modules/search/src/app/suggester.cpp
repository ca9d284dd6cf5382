#include "app/suggester.hpp"

#include "domain/languages.hpp"

#include <agora/core/error.hpp>
#include <agora/core/log.hpp>

namespace agora::search {
namespace {

constexpr auto kPopularEvery = std::chrono::minutes(5);

}  // namespace

Suggester::Suggester(Indexer& indexer, PopularSource popular, Options options)
    : indexer_(indexer), popular_(std::move(popular)), options_(std::move(options)) {}

void Suggester::refresh() {
  const auto g = indexer_.current();
  if (!g) return;
  const auto now = std::chrono::steady_clock::now();
  const bool popular_due =
      popular_read_ == std::chrono::steady_clock::time_point{} || now - popular_read_ >= kPopularEvery;
  const auto version = indexer_.version();
  const bool index_due = version != built_version_ && (built_ == std::chrono::steady_clock::time_point{} ||
                                                       now - built_ >= options_.suggest_refresh);
  if (!index_due && !popular_due) return;
  built_ = now;
  if (popular_due) {
    popular_read_ = now;
    for (const auto& locale : options_.locales) {
      try {
        popular_cache_[locale] = popular_(locale);
      } catch (const std::exception& e) {
        log::warn("search: popular searches could not be read", {{"error", log::describe(e)}});
      }
    }
  }
  built_version_ = version;
  const auto categories = indexer_.categories();
  for (const auto& locale : options_.locales) {
    auto index = std::make_shared<const SuggestionIndex>(build(*g, *categories, locale, popular_cache_[locale]));
    std::lock_guard lock(mutex_);
    by_locale_[locale] = std::move(index);
  }
}

SuggestionIndex Suggester::build(const Generation& g, const CategoryView& categories, const std::string& locale,
                                 const std::vector<std::pair<std::string, std::int64_t>>& popular) const {
  std::vector<Phrase> phrases;
  std::map<std::string, std::int64_t> brands, in_category;
  {
    ProductTable::Reader table(g.table);
    phrases.reserve(table.entries().size() + popular.size());
    for (std::uint32_t slot = 0; slot < table.rows().size(); ++slot) {
      if (!table.rows()[slot].live) continue;
      const auto& e = table.entries()[slot];
      phrases.push_back({text_in(*e.doc, locale).title, "product", e.doc->id, 10 + e.doc->rating_count});
      if (!e.doc->brand.empty()) ++brands[e.doc->brand];
      if (!e.doc->category_id.empty())
        for (const auto& id : categories.above(e.doc->category_id)) ++in_category[id];
    }
  }
  for (const auto& [brand, n] : brands) phrases.push_back({brand, "brand", "", 10 + 3 * n});
  for (const auto& [id, n] : in_category)
    if (const auto* c = categories.find(id)) phrases.push_back({c->name, "category", id, 10 + 3 * n});
  for (const auto& [query, n] : popular) phrases.push_back({query, "query", "", 10 + 20 * n});
  return SuggestionIndex(std::move(phrases));
}

std::vector<Phrase> Suggester::suggest(std::string_view typed, std::string_view locale, std::size_t limit) const {
  std::shared_ptr<const SuggestionIndex> index;
  {
    std::lock_guard lock(mutex_);
    const auto it = by_locale_.find(pick_locale(options_.locales, locale.empty() ? options_.locales.front() : locale));
    if (it != by_locale_.end()) index = it->second;
  }
  if (!index)
    throw Error(ErrorKind::unavailable, "suggestions are being built; try again shortly")
        .with_retry_after(std::chrono::seconds(5));
  std::vector<Phrase> out;
  for (const auto* p : index->complete(typed, limit)) out.push_back(*p);
  return out;
}

}  // namespace agora::search
