#pragma once
// An order's status and the moves it may make, in one place: every change of status goes through
// require_move. The payment status is derived from the payment module's events, never set by hand.
#include <boost/describe/enum.hpp>

#include <string>

namespace agora::order {

BOOST_DEFINE_ENUM_CLASS(OrderStatus, pending, awaiting_payment, placed, partially_fulfilled, fulfilled, delivered,
                        completed, cancelled)
BOOST_DEFINE_ENUM_CLASS(PaymentStatus, not_started, pending, requires_action, authorized, paid, failed, voided,
                        partially_refunded, refunded)

std::string to_string(OrderStatus s);
std::string to_string(PaymentStatus s);

bool can_move(OrderStatus from, OrderStatus to) noexcept;
// Error{conflict} naming both statuses when the order may not move from `from` to `to`.
void require_move(OrderStatus from, OrderStatus to);

// Nothing of the order has shipped yet: it may still be cancelled.
bool cancellable(OrderStatus s) noexcept;
// The checkout has an answer for the buyer: placed, cancelled, or waiting for the buyer's action.
bool settled_for_checkout(OrderStatus s, PaymentStatus p) noexcept;

}  // namespace agora::order
