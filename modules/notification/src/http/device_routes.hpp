#pragma once
// The signed-in user's devices for push messages: register (again), list, remove.
#include "app/devices.hpp"

#include <agora/core/http.hpp>

namespace agora::notification {

void add_device_routes(http::Router& router, Devices& devices);

}  // namespace agora::notification
