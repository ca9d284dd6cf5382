#pragma once
// The cart's config section [cart] and the options read from it.
#include "app/cart_store.hpp"
#include "domain/cart.hpp"

#include <agora/core/config.hpp>

#include <chrono>
#include <cstddef>
#include <string>

namespace agora::cart {

struct Options {
  Caps caps;
  Lifetimes lifetimes;
  std::chrono::milliseconds write_behind_interval{200};
  std::size_t write_behind_batch = 500;
  std::chrono::milliseconds expiry_interval{60000};
  std::string default_country = "US";
  std::chrono::milliseconds pricing_reload{5000};
};

// Every key of [cart] with its type, default, range and meaning.
ConfigSection config_section();
Options read_options(const Config& c);

}  // namespace agora::cart
