#pragma once
// SOCI statements for notification.order_contacts.
#include "domain/order_contact.hpp"

#include <optional>
#include <string>

namespace soci {
class session;
}

namespace agora::notification::order_contact_store {

// Stores the contact, or gives a stored one its number when this one has it.
void remember(soci::session& sql, const OrderContact& c);
std::optional<OrderContact> find(soci::session& sql, const std::string& order_id);

}  // namespace agora::notification::order_contact_store
