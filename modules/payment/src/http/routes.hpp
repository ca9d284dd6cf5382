#pragma once
// The payment module's routes: the admin side, for order managers and administrators, the buyer's
// return from the gateway, and the gateways' webhooks.
#include "app/buyer_returns.hpp"
#include "app/payment_queries.hpp"
#include "app/paypal_webhooks.hpp"
#include "app/staff_refunds.hpp"
#include "app/stripe_webhooks.hpp"

#include <agora/core/http.hpp>

namespace agora::payment {

// GET /api/v1/admin/payments/{id}, GET /api/v1/admin/payments?order_id=, and
// POST /api/v1/admin/payments/{id}/refunds (Idempotency-Key required): 202 {refund_id, payment}.
void add_admin_routes(http::Router& router, PaymentQueries& payments, StaffRefunds& refunds);

// POST /api/v1/payments/orders/{order_id}/return: 202 {order_id, status: authorizing} when the
// order's payment waited for the buyer and is now being authorized; 200 {order_id, status} with
// nothing done when it did not wait (asked already, authorized, failed, ...).
void add_buyer_routes(http::Router& router, BuyerReturns& returns);

// POST /api/v1/payments/webhooks/stripe: 200 once stored (or stored before), 400 problem+json when
// the signature does not hold.
void add_stripe_webhook_route(http::Router& router, StripeWebhooks& stripe);

// POST /api/v1/payments/webhooks/paypal: 200 once stored (or stored before), 400 problem+json when a
// transmission header is missing or PayPal does not verify the delivery, 503 when PayPal cannot be
// asked now (PayPal sends it again).
void add_paypal_webhook_route(http::Router& router, PaypalWebhooks& paypal);

}  // namespace agora::payment
