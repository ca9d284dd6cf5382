#pragma once
// The catalog's config section [catalog] and the options read from it.
#include "app/storefront.hpp"

#include <agora/core/config.hpp>

#include <chrono>

namespace agora::catalog {

struct Options {
  StorefrontOptions storefront;
  std::chrono::seconds resync_interval{900};  // the read model is re-read whole this often
};

// Every key of [catalog] with its type, default, range and meaning.
ConfigSection config_section();
// Reads the section; throws ConfigError naming the key whose value it cannot use (a currency not in ISO 4217).
Options read_options(const Config& c);

}  // namespace agora::catalog
