#pragma once
// The fx module's config section [fx] and the options read from it.
#include <agora/core/config.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace agora::fx {

struct Options {
  std::vector<std::string> providers;  // asked in this order: "ecb", "fixed"
  std::string ecb_url;
  std::chrono::milliseconds fetch_timeout{10000};
  std::string fixed_base;
  std::vector<std::string> fixed_rates;  // "CUR=decimal" per 1 fixed_base
  std::chrono::seconds refresh_interval{3600};
  std::chrono::seconds stale_after{345600};
  std::chrono::seconds redis_ttl{300};
  std::chrono::seconds local_ttl{60};
};

// Every key of [fx] with its type, default, range and meaning.
ConfigSection config_section();
Options read_options(const Config& c);

}  // namespace agora::fx
