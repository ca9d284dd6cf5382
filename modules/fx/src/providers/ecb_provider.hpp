#pragma once
// The ECB daily reference rates (base EUR), read from an http(s) URL or a local file.
#include "providers/rate_provider.hpp"

#include <agora/core/outbound.hpp>

#include <chrono>
#include <string>

namespace agora::fx {

class EcbProvider final : public RateProvider {
 public:
  EcbProvider(outbound::Destination& to, std::string url, std::chrono::milliseconds timeout)
      : to_(to), url_(std::move(url)), timeout_(timeout) {}
  std::string_view name() const override { return "ecb"; }
  RateSet fetch() override;

 private:
  outbound::Destination& to_;
  std::string url_;
  std::chrono::milliseconds timeout_;
};

}  // namespace agora::fx
