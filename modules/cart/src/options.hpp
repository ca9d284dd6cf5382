#pragma once
// The cart's config section [cart] and the options read from it.
#include <agora/core/config.hpp>

#include <chrono>
#include <string>

namespace agora::cart {

struct Options {
  std::string default_country = "US";              // taxes a cart without a shipping address
  std::chrono::milliseconds pricing_reload{5000};  // the pricing rules are read again this often
};

// Every key of [cart] with its type, default, range and meaning.
ConfigSection config_section();
Options read_options(const Config& c);

}  // namespace agora::cart
