#pragma once
// SQL for an order's returns and their lines.
#include "domain/order.hpp"

#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::order::return_store {

void insert(soci::session& sql, const std::string& order_id, const Return& r);
// Oldest first, with lines.
std::vector<Return> of_order(soci::session& sql, const std::string& order_id);
void mark_received(soci::session& sql, const std::string& id, std::int64_t refund_amount, Timestamp at);

}  // namespace agora::order::return_store
