#pragma once
// SQL on payment.payments.
#include "domain/payment.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::payment::payment_store {

bool insert(soci::session& sql, const Payment& p);  // false when the order has a payment already
// Every field a change may touch (all but the order's, the amount and the creation time).
void update(soci::session& sql, const Payment& p);
std::optional<Payment> load(soci::session& sql, const std::string& id);
std::optional<Payment> by_order(soci::session& sql, const std::string& order_id);
// Read under a row lock, for a change decided from what is read (until the transaction ends).
std::optional<Payment> lock(soci::session& sql, const std::string& id);
std::optional<Payment> lock_by_order(soci::session& sql, const std::string& order_id);
// By the gateway's id for it (what a gateway's event names).
std::optional<Payment> lock_by_reference(soci::session& sql, const std::string& gateway, const std::string& reference);

// Holds the payment until `until` when it has a call to make and no lease, or one over by `now`;
// nullopt when it has none or another runner holds it.
std::optional<Payment> claim(soci::session& sql, const std::string& id, Timestamp now, Timestamp until);
// Payments with a call to make and no lease, or one over by `now`: left by a crash, or due a retry.
std::vector<std::string> due(soci::session& sql, Timestamp now, std::size_t limit);
// Authorized payments (but those whose void the gateway refused) authorized at `before` or earlier,
// oldest first, each under a row lock; rows another transaction holds are skipped.
std::vector<Payment> lock_authorized_before(soci::session& sql, Timestamp before, std::size_t limit);

// Payments failed as gateway_unavailable, not reconciled yet, failed at `failed_before` or earlier
// and held by no reconciliation pass at `now`, oldest first.
std::vector<Payment> to_reconcile(soci::session& sql, Timestamp failed_before, Timestamp now, std::size_t limit);
// Holds such a payment until `until` for the pass that looks it up; nullopt when it is reconciled
// already, or another pass holds it.
std::optional<Payment> claim_to_reconcile(soci::session& sql, const std::string& id, Timestamp now, Timestamp until);

}  // namespace agora::payment::payment_store
