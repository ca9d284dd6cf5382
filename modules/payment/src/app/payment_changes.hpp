#pragma once
// A change of a payment written in a transaction: the payment, the call it starts (handed to the
// runner once the transaction commits) and the event it announces, together.
#include "app/payment_runner.hpp"
#include "domain/transitions.hpp"

namespace agora {
class Tx;
}

namespace agora::payment {

// Returns the call it started, if any.
std::optional<Call> save(Tx& tx, const Change& change, Timestamp now, PaymentRunner& runner);

// Publishes the change's event, if it has one.
void announce(Tx& tx, const Change& change);

}  // namespace agora::payment
