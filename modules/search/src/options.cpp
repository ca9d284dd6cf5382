#include "options.hpp"

#include <agora/core/error.hpp>

#include "domain/languages.hpp"

namespace agora::search {

ConfigSection config_section() {
  using Strings = std::vector<std::string>;
  return {
      "search",
      {{"index_dir", "var/search", "where each instance keeps its own index (local disk, not shared)"},
       {"locales", Strings{"en"},
        "one index per locale, each with its language's stemmer; queries in other locales fall back to the "
        "language, then to the first"},
       {"commit_interval_ms", 200, "changes are committed to the index in batches at most this far apart", 10, 10000},
       {"max_query_chars", 200, "a longer q is refused", 10, 10000},
       {"price_buckets", 5, "how many ranges the price facet offers", 1, 20},
       {"suggest_refresh_ms", 30000,
        "suggestions are rebuilt from a changed index at most this often (a rebuild reads every title)", 100, 3600000},
       {"log_flush_ms", 500, "logged searches are written in batches this far apart", 10, 60000},
       {"popular_days", 30, "suggestions include searches this many days old that found something", 1, 365},
       {"retention_days", 90, "logged searches and clicks are deleted after this many days", 1, 3650}}};
}

Options read_options(const Config& c) {
  Options o{.index_dir = c.string("search.index_dir"),
            .locales = c.strings("search.locales"),
            .commit_interval = c.millis("search.commit_interval_ms"),
            .max_query_chars = static_cast<std::size_t>(c.integer("search.max_query_chars")),
            .price_buckets = static_cast<std::size_t>(c.integer("search.price_buckets")),
            .suggest_refresh = c.millis("search.suggest_refresh_ms"),
            .log_flush = c.millis("search.log_flush_ms"),
            .popular_days = static_cast<int>(c.integer("search.popular_days")),
            .retention_days = static_cast<int>(c.integer("search.retention_days"))};
  if (o.locales.empty()) throw Error(ErrorKind::validation, "search.locales must name at least one locale");
  for (const auto& l : o.locales)
    if (stemmer_language(l).empty()) throw Error(ErrorKind::validation, "search.locales: no stemmer is known for " + l);
  return o;
}

}  // namespace agora::search
