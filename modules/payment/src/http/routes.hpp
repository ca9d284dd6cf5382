#pragma once
// The payment module's routes: the admin side, for order managers and administrators, and the
// gateways' webhooks.
#include "app/payment_queries.hpp"
#include "app/stripe_webhooks.hpp"

#include <agora/core/http.hpp>

namespace agora::payment {

// GET /api/v1/admin/payments/{id}, GET /api/v1/admin/payments?order_id=
void add_admin_routes(http::Router& router, PaymentQueries& payments);

// POST /api/v1/payments/webhooks/stripe: 200 once stored (or stored before), 400 problem+json when
// the signature does not hold.
void add_stripe_webhook_route(http::Router& router, StripeWebhooks& stripe);

}  // namespace agora::payment
