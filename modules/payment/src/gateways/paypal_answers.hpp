#pragma once
// PayPal's HTTP answers read as Answers, as its REST API reference documents them:
//   2xx  authorize (an order made): CREATED or PAYER_ACTION_REQUIRED with a payer-action (or approve)
//          link: the buyer approves there; the order's id names it
//        confirm (the order authorized): its first authorization CREATED or PENDING: authorized, named
//          by the authorization's id; DENIED: declined
//        capture: the capture COMPLETED or PENDING: done, named by its id; DECLINED or FAILED: declined
//        void: done (204 without a body, or the authorization VOIDED)
//        refund: the refund COMPLETED or PENDING: done, named by its id; CANCELLED or FAILED: declined
//        A pending capture or refund completes at PayPal without us; a denial comes by webhook.
//   422  UNPROCESSABLE_ENTITY: declined with the first issue (INSTRUMENT_DECLINED, PAYER_ACTION_REQUIRED,
//        ...) and its description; but ORDER_NOT_APPROVED to a confirm is the buyer not done yet
//   401 (a token refused twice), 429, 5xx: unknown, asked again later with the same PayPal-Request-Id
//   other 4xx  declined with the first issue, else PayPal's error name
#include "domain/answer.hpp"
#include "domain/payment.hpp"

#include <string_view>

namespace agora::payment {

Answer paypal_answer(CallKind kind, long status, std::string_view body);

// PayPal's answer to reading an order (GET /v2/checkout/orders/{id}), as a look-up reads it: an
// authorization of a purchase unit CREATED or PENDING: held (succeeded, named by the authorization's
// id); none such: nothing held (declined); 404 (no such order): nothing held; any other answer: unknown.
Answer paypal_found(long status, std::string_view body);

}  // namespace agora::payment
