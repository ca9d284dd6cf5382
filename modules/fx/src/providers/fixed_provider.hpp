#pragma once
// Rates written in the configuration (fx.fixed_base, fx.fixed_rates = ["USD=1.0856", ...]): a
// fallback when no market source answers. They hold from the moment they are fetched.
#include "providers/rate_provider.hpp"

#include <agora/core/clock.hpp>

#include <string>
#include <vector>

namespace agora::fx {

class FixedProvider final : public RateProvider {
 public:
  // Throws ConfigError naming fx.fixed_base or fx.fixed_rates for a bad currency or rate.
  FixedProvider(const std::string& base, const std::vector<std::string>& rates, const Clock& clock);
  std::string_view name() const override { return "fixed"; }
  RateSet fetch() override;

 private:
  RateSet rates_;
  const Clock& clock_;
};

}  // namespace agora::fx
