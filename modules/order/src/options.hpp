#pragma once
// The order's config section [order] and the options read from it.
#include <agora/core/config.hpp>

#include <chrono>
#include <string>

namespace agora::order {

struct Options {
  std::chrono::milliseconds checkout_wait{3000};
  std::string base_currency = "USD";
  std::string guest_token_secret;  // "" makes one per process (guests' links then last until a restart)
  std::string region = "local";
  std::chrono::hours return_window{14 * 24};  // a delivered order completes this long after delivery
  std::chrono::milliseconds completion_interval{60000};
  std::chrono::seconds stuck_after{3600};  // longer than inventory.reservation_ttl_s
  std::chrono::milliseconds reconcile_interval{30000};
};

// Every key of [order] with its type, default, range and meaning.
ConfigSection config_section();
Options read_options(const Config& c);

}  // namespace agora::order
