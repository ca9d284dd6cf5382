#pragma once
// /health/live, /health/ready and /metrics.
#include <agora/core/http.hpp>

#include <functional>
#include <string>
#include <vector>

namespace agora {

class Metrics;

// One readiness check: throws (with a message naming what is wrong) when the part is not ready.
struct ReadinessCheck {
  std::string name;
  std::function<void()> check;
};

void add_platform_routes(http::Router& router, Metrics& metrics, std::vector<ReadinessCheck> checks);

}  // namespace agora
