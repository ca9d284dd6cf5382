#pragma once
// The inventory's config section [inventory] and the options read from it.
#include "app/reservation_service.hpp"

#include <agora/core/config.hpp>

#include <chrono>
#include <cstddef>

namespace agora::inventory {

struct Options {
  ReservationOptions reservations;
  std::chrono::milliseconds sweep_interval{1000};  // expired reservations are looked for this often
  std::size_t availability_cache_skus = 100000;    // SKUs kept in memory; more clears the cache
};

// Every key of [inventory] with its type, default, range and meaning.
ConfigSection config_section();
Options read_options(const Config& c);

}  // namespace agora::inventory
