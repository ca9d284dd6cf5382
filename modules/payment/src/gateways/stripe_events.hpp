#pragma once
// Stripe's webhook events read into what they mean for a payment. Read are the five that move one:
//   payment_intent.amount_capturable_updated  authorized (3-D Secure completed: requires_capture)
//   payment_intent.succeeded                  captured (amount_received)
//   payment_intent.payment_failed             failed (last_payment_error's decline_code or code)
//   payment_intent.canceled                   voided
//   charge.refunded                           refunded (amount_refunded in all, of a captured charge)
// Each names its PaymentIntent and the metadata[order_id] we gave it.
#include "domain/gateway_events.hpp"

#include <string_view>

namespace agora::payment {

// The event's id (evt_...), its type, and what it means: nothing for a type that does not move a
// payment, nor for the charge.refunded Stripe sends when an uncaptured charge is released by a cancel.
// Throws Error{bad_request} when the body is not a Stripe event (not JSON, no id or type).
ReceivedEvent read_stripe_event(std::string_view body);

}  // namespace agora::payment
