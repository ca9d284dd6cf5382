#pragma once
// The platform's own routes: /health/live, /health/ready, /metrics, the API document and its viewer.
#include <agora/core/http.hpp>
#include <agora/core/module.hpp>

namespace agora {

class Metrics;

// The routes read `readiness` on every request: modules may add to it until serving starts.
void add_platform_routes(http::Router& router, Metrics& metrics, const Readiness& readiness);

}  // namespace agora
