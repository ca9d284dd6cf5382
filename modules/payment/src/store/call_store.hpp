#pragma once
// SQL on payment.calls.
#include "domain/payment.hpp"

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::payment::call_store {

void insert(soci::session& sql, const Call& c);
// What an attempt changes: status, attempts, last_error, gateway_ref, finished_at.
void update(soci::session& sql, const Call& c);
std::optional<Call> load(soci::session& sql, const std::string& id);
std::optional<Call> open_call(soci::session& sql, const std::string& payment_id);  // the started one
std::vector<Call> of_payment(soci::session& sql, const std::string& payment_id);   // oldest first
// The gateway's id of the payment's capture (what a refund gives back of); nullopt before one.
std::optional<std::string> capture_reference(soci::session& sql, const std::string& payment_id);

}  // namespace agora::payment::call_store
