#pragma once
// A buyer back from the gateway's page (PayPal's approval, Stripe's 3-D Secure), naming their order:
// the order's payment, if it waits for the buyer's action, completes its authorization (a confirm
// call, made by the runner). Only the payment's buyer may bring it back: a customer's payment needs
// that customer signed in. A guest's payment has no customer to match and is taken back for whoever
// asks: what authorizes it is the buyer's approval at the gateway, which the confirm call checks, so a
// stranger can make it no more than ask early.
#include "app/payment_runner.hpp"
#include "domain/payment.hpp"

#include <agora/core/clock.hpp>

#include <optional>
#include <string>

namespace agora {
class Database;
}

namespace agora::payment {

struct Returned {
  Status status;    // the payment's, after this
  bool confirming;  // this started the confirm call (else there was nothing to do)
};

class BuyerReturns {
 public:
  BuyerReturns(Database& db, const Clock& clock, PaymentRunner& runner) : db_(db), clock_(clock), runner_(runner) {}

  // `caller`: the signed-in user's id, if any. Error{unauthorized} when the payment is a customer's and
  // nobody is signed in; Error{not_found} when the order has no payment (or `order_id` is no uuid) or
  // the caller is not its customer.
  Returned returned(const std::string& order_id, const std::optional<std::string>& caller);

 private:
  Database& db_;
  const Clock& clock_;
  PaymentRunner& runner_;
};

}  // namespace agora::payment
