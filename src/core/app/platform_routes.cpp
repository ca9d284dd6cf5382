#include "app/platform_routes.hpp"

#include <agora/core/metrics.hpp>

namespace agora {

void add_platform_routes(http::Router& router, Metrics& metrics, const Readiness& readiness) {
  router.add(http::Method::get, "/health/live",
             [](const http::Request&) {
               return http::Response::json({{"status", "ok"}});
             },
             {.run_inline = true});

  router.add(http::Method::get, "/health/ready", [&readiness](const http::Request&) {
    boost::json::object parts;
    bool ready = true;
    for (const auto& c : readiness.checks()) {
      try {
        c.check();
        parts[c.name] = "ok";
      } catch (const std::exception& e) {
        parts[c.name] = std::string("down: ") + e.what();
        ready = false;
      }
    }
    for (const auto& n : readiness.notes()) parts[n.name] = n.note().value_or("ok");
    return http::Response::json({{"status", ready ? "ready" : "unavailable"}, {"checks", std::move(parts)}},
                                ready ? 200 : 503);
  });

  router.add(http::Method::get, "/metrics", [&metrics](const http::Request&) {
    return http::Response::text(metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace agora
