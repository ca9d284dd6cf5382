#pragma once
// PayPal's webhook events read into what they mean for a payment. Read are the six that move one:
//   CHECKOUT.ORDER.APPROVED        approved: the buyer approved the order (the resource: the order)
//   PAYMENT.AUTHORIZATION.CREATED  authorized (the resource: the authorization)
//   PAYMENT.AUTHORIZATION.VOIDED   voided
//   PAYMENT.CAPTURE.COMPLETED      captured (the resource: the capture, its amount)
//   PAYMENT.CAPTURE.DENIED         capture_denied (status_details' reason)
//   PAYMENT.CAPTURE.REFUNDED       refunded (the resource: the refund; the capture's total refunded)
// Each names our order by the custom_id we gave the order's purchase unit (a refund's, our refund's),
// and the payment by PayPal's order or authorization, as far as the resource tells.
#include "domain/gateway_events.hpp"

#include <string_view>

namespace agora::payment {

// The event's id (WH-...), its event_type and what it means: nothing for any other type.
// Throws Error{bad_request} when the body is not a PayPal event (not JSON, no id or event_type).
ReceivedEvent read_paypal_event(std::string_view body);

}  // namespace agora::payment
