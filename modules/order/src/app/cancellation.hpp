#pragma once
// Cancelling an order, by the saga or by a person: one status move, one history row, one
// order.cancelled (reopening the cart when the order never was placed).
#include "domain/order.hpp"

#include <agora/core/db.hpp>

#include <string>

namespace agora::order {

// Error{conflict} when the order can no longer be cancelled.
void cancel(Tx& tx, Order& o, const std::string& reason, const std::string& by, Timestamp now);

}  // namespace agora::order
