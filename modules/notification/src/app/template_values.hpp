#pragma once
// The values each template is rendered with, made from the event that caused the message and kept
// with it as JSON; and that JSON as the data Mustache renders.
#include <agora/order/events.hpp>
#include <boost/json/object.hpp>
#include <kainjow/mustache.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace agora::notification {

// number, total (money with its currency), shop; `lines` and has_lines when the event lists them
// (order.placed does not: the email then has no lines).
boost::json::object order_placed_values(const order::events::Placed& e, const std::string& shop);

// order_shipped: number, carrier, tracking_number, complete (every unit shipped), shop.
boost::json::object order_shipped_values(const std::string& number, const order::events::FulfillmentCreated& e,
                                         const std::string& shop);
// payment_succeeded, refund_issued: number, amount (money with its currency), shop.
boost::json::object payment_values(const std::string& number, std::int64_t amount, const std::string& currency,
                                   const std::string& shop);
// payment_failed: number, reason (the gateway's words), shop.
boost::json::object payment_failed_values(const std::string& number, const std::string& reason,
                                          const std::string& shop);
// email_verification, password_reset: name, link, expires_at (as people read a time), shop.
boost::json::object account_link_values(const std::string& name, const std::string& link, Timestamp expires_at,
                                        const std::string& shop);
// low_stock: sku, available, threshold, warehouse (its id, or "all warehouses"), shop.
boost::json::object low_stock_values(const std::string& sku, const std::optional<std::string>& warehouse_id,
                                     std::int64_t available, std::int64_t threshold, const std::string& shop);

// Objects become Mustache objects, arrays lists, numbers and booleans their text and truth.
kainjow::mustache::data mustache_data(const boost::json::value& v);

}  // namespace agora::notification
