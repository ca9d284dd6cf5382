#pragma once
// Stripe's HTTP answers read as Answers, as its API reference documents them:
//   2xx          the PaymentIntent (authorize, confirm, capture, void) or Refund (refund) by its status:
//                requires_capture: authorized; requires_action with next_action.redirect_to_url: the
//                buyer acts there; succeeded after a capture, canceled after a void, a refund succeeded
//                or pending: done; anything else: declined
//   402          card_error: declined with its decline_code (else its code) and message
//   400, 409     idempotency_error: the key was used before for other parameters (or is in use):
//                declined as idempotency_error, which is never asked again blindly
//   429, 5xx     unknown: asked again later with the same key
//   other 4xx    declined with Stripe's code (else its error type)
#include "domain/answer.hpp"
#include "domain/payment.hpp"

#include <string_view>

namespace agora::payment {

Answer stripe_answer(CallKind kind, long status, std::string_view body);

// Stripe's answer to a search of PaymentIntents (GET /v1/payment_intents/search: {data: [...], has_more}),
// as a look-up reads it: an intent in requires_capture: held (succeeded, named by its id); one still
// requires_action, requires_confirmation or processing: waiting for the buyer (requires_action); none of
// those and no more pages: nothing held (declined); any other answer, or more pages: unknown (a look-up
// never concludes that nothing is held from an answer it could not read).
Answer stripe_found(long status, std::string_view body);

}  // namespace agora::payment
