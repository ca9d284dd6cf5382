#pragma once
// The admins' deliveries: list and filter messages, read one, resend one.
#include "app/deliveries.hpp"

#include <agora/core/http.hpp>

namespace agora::notification {

void add_delivery_routes(http::Router& router, Deliveries& deliveries);

}  // namespace agora::notification
