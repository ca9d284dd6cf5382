#pragma once
// A source of exchange rates; a refresh asks the configured providers in order.
#include "domain/rate_set.hpp"

#include <string_view>

namespace agora::fx {

class RateProvider {
 public:
  virtual ~RateProvider() = default;
  virtual std::string_view name() const = 0;
  // Throws (any exception) when the provider cannot answer; the next one is asked then.
  virtual RateSet fetch() = 0;
};

}  // namespace agora::fx
