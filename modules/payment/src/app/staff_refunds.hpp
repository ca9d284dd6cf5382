#pragma once
// Staff give money back of a captured payment, as much as they ask (at most what is left of the
// capture), outside any return: a goodwill refund, a price matched. The refund is a call like any
// other, its key stored before the runner makes it, and announced as payment.refunded once the
// gateway has done it.
#include "app/payment_queries.hpp"
#include "app/payment_runner.hpp"

#include <agora/core/clock.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace agora {
class Database;
}

namespace agora::payment {

struct RefundRequest {
  std::int64_t amount = 0;            // minor units of the payment's currency, positive
  std::optional<std::string> reason;  // kept on the refund's call
};

struct RefundStarted {
  PaymentRecord payment;  // refunding, with the refund's call started
  std::string refund_id;  // the refund's call: the key the gateway is sent, the refund_id of payment.refunded
};

class StaffRefunds {
 public:
  StaffRefunds(Database& db, const Clock& clock, PaymentRunner& runner) : db_(db), clock_(clock), runner_(runner) {}

  // `staff`: the user who asks (logged). Error{not_found} when no payment has the id (or it is no
  // uuid); refund_by_staff's errors (domain/transitions.hpp).
  RefundStarted refund(const std::string& payment_id, const RefundRequest& request, const std::string& staff);

 private:
  Database& db_;
  const Clock& clock_;
  PaymentRunner& runner_;
};

}  // namespace agora::payment
