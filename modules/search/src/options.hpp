#pragma once
// The search module's config section [search] and the options read from it.
#include <agora/core/config.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace agora::search {

struct Options {
  std::string index_dir;             // one directory per index generation below it
  std::vector<std::string> locales;  // one index each; the first is where queries fall back to
  std::chrono::milliseconds commit_interval{200};
  std::size_t max_query_chars = 200;
  std::size_t price_buckets = 5;
  std::chrono::milliseconds suggest_refresh{30000};
  std::chrono::milliseconds log_flush{500};
  int popular_days = 30;    // suggestions include queries this recent
  int retention_days = 90;  // logged queries and clicks are kept this long
};

// Every key of [search] with its type, default, range and meaning.
ConfigSection config_section();
Options read_options(const Config& c);

}  // namespace agora::search
