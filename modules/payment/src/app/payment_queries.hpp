#pragma once
// What the admin routes read: a payment with every call made for it.
#include "domain/payment.hpp"

#include <agora/core/error.hpp>

#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::payment {

struct PaymentRecord {
  Payment payment;
  std::vector<Call> calls;  // oldest first
};

// What a payment id that names no payment answers: Error{not_found}.
Error no_payment(const std::string& id);

class PaymentQueries {
 public:
  explicit PaymentQueries(Database& db) : db_(db) {}
  // Error{not_found} when no payment has the id (or it is no uuid).
  PaymentRecord get(const std::string& id);
  // The order's payment (none or one); Error{validation} naming "order_id" when it is not a uuid.
  std::vector<PaymentRecord> of_order(const std::string& order_id);

 private:
  Database& db_;
};

}  // namespace agora::payment
