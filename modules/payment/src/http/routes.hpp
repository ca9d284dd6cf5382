#pragma once
// The payment module's routes: the admin side, for order managers and administrators.
#include "app/payment_queries.hpp"

#include <agora/core/http.hpp>

namespace agora::payment {

// GET /api/v1/admin/payments/{id}, GET /api/v1/admin/payments?order_id=
void add_admin_routes(http::Router& router, PaymentQueries& payments);

}  // namespace agora::payment
