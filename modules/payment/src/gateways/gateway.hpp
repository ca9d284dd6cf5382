#pragma once
// A payment gateway behind one interface: the sandbox, Stripe (PaymentIntents with manual capture)
// and PayPal (Orders v2, intent AUTHORIZE) fit it as follows. Every call is made outside any
// transaction, with the key stored before it; an adapter sends the key as the gateway's idempotency
// key (Stripe's Idempotency-Key, PayPal's PayPal-Request-Id), so that a repeat is answered as the
// first was, and maps every answer to an Answer: never throws for what the gateway said.
#include "domain/answer.hpp"
#include "domain/payment.hpp"

#include <agora/core/error.hpp>
#include <agora/payment/api.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace agora::payment {

// What a call tells the gateway; each method reads the fields it needs.
struct CallRequest {
  std::string key;          // the call's id: the idempotency key, the same on every attempt
  std::string order_id;     // for the gateway's records (Stripe's metadata, PayPal's custom_id)
  std::int64_t amount = 0;  // minor units of `currency`
  std::string currency;
  std::string token;        // authorize: the buyer's payment method (Stripe pm_..., "" for PayPal)
  std::string return_url;   // authorize: where the buyer comes back after an action
  std::string reference;    // confirm, capture, cancel, refund: the gateway's id of what they act on
  bool authorized = false;  // cancel: the gateway authorized (else it is the buyer's pending action that ends)
};

class Gateway {
 public:
  virtual ~Gateway() = default;

  // Holds the amount. succeeded: `reference` names the authorization (Stripe's PaymentIntent, PayPal's
  // authorization); requires_action: the buyer acts at `action_url` (3-D Secure, PayPal's approval)
  // and `reference` names what waits for it.
  virtual Answer authorize(const CallRequest& call) = 0;
  // Completes the authorization `reference` once the buyer acted (PayPal authorizes the approved order,
  // Stripe is asked what 3-D Secure left). succeeded: `reference` names the authorization;
  // requires_action: the buyer has not acted yet.
  virtual Answer confirm(const CallRequest& call) = 0;
  // Takes the amount of the authorization `reference`; succeeded: `reference` names the capture.
  virtual Answer capture(const CallRequest& call) = 0;
  // Voids the authorization `reference` before capture.
  virtual Answer cancel(const CallRequest& call) = 0;
  // Gives back the amount of the capture `reference`; succeeded: `reference` names the refund.
  virtual Answer refund(const CallRequest& call) = 0;
  // What an authorize or confirm `call` (of `kind`) that went unanswered left at the gateway, asked by
  // reconciliation (reconciliation.hpp). succeeded: an authorization is held, named by `reference`;
  // requires_action: one waits for the buyer's action, named by `reference`; declined: nothing is held
  // (none was made, it was declined, or it is over); unknown: the gateway did not tell, ask again later.
  virtual Answer look_up(CallKind kind, const CallRequest& call) = 0;

  // What is wrong with a buyer's method for this gateway (its token, its return_url), each named
  // "<prefix>.<field>"; empty when it can be used.
  virtual std::vector<FieldError> method_problems(const PaymentMethod& method, std::string_view prefix) const = 0;
};

}  // namespace agora::payment
