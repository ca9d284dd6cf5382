#pragma once
// Admin endpoints for dead letters: list them, replay one.
#include <agora/core/events.hpp>
#include <agora/core/http.hpp>

namespace agora {

void add_event_admin_routes(http::Router& router, EventBus& bus);

}  // namespace agora
