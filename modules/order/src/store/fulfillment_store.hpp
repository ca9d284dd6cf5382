#pragma once
// SQL for an order's fulfillments and their lines.
#include "domain/fulfillment.hpp"

#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::order::fulfillment_store {

void insert(soci::session& sql, const std::string& order_id, const Fulfillment& f);
// Oldest first, with lines.
std::vector<Fulfillment> of_order(soci::session& sql, const std::string& order_id);
// false when the order has no such fulfillment.
bool mark_delivered(soci::session& sql, const std::string& order_id, const std::string& id, Timestamp at);

}  // namespace agora::order::fulfillment_store
