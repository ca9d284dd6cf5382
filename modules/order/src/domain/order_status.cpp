#include "domain/order_status.hpp"

#include <agora/core/error.hpp>
#include <boost/describe/enum_to_string.hpp>

namespace agora::order {

std::string to_string(OrderStatus s) { return boost::describe::enum_to_string(s, "?"); }
std::string to_string(PaymentStatus s) { return boost::describe::enum_to_string(s, "?"); }

bool can_move(OrderStatus from, OrderStatus to) noexcept {
  using S = OrderStatus;
  switch (from) {
    case S::pending:
      return to == S::awaiting_payment || to == S::cancelled;
    case S::awaiting_payment:
      return to == S::placed || to == S::cancelled;
    case S::placed:
      return to == S::partially_fulfilled || to == S::fulfilled || to == S::cancelled;
    case S::partially_fulfilled:
      return to == S::fulfilled;
    case S::fulfilled:
      return to == S::delivered;
    case S::delivered:
      return to == S::completed;
    case S::completed:
    case S::cancelled:
      return false;
  }
  return false;
}

void require_move(OrderStatus from, OrderStatus to) {
  if (!can_move(from, to))
    throw Error(ErrorKind::conflict, "the order is " + to_string(from) + " and cannot become " + to_string(to));
}

bool cancellable(OrderStatus s) noexcept { return can_move(s, OrderStatus::cancelled); }

bool settled_for_checkout(OrderStatus s, PaymentStatus p) noexcept {
  return s != OrderStatus::pending && (s != OrderStatus::awaiting_payment || p == PaymentStatus::requires_action);
}

}  // namespace agora::order
