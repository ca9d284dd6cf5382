#pragma once
// SQL for the order schema: orders with their lines, their history, and order numbers.
#include "domain/order.hpp"

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::order::order_store {

// What stopped an insert: nothing, the caller's idempotency key is taken, or the cart has an order open.
enum class Inserted { ok, key_taken, cart_taken };
Inserted insert(soci::session& sql, const Order& order);

// With lines and fulfillments. `lock`: FOR UPDATE, for a change of status.
std::optional<Order> find(soci::session& sql, const std::string& id, bool lock = false);
// The order row alone, locked (FOR UPDATE): no lines, fulfillments or returns. For the saga's steps,
// which change the order's status and read none of those.
std::optional<Order> lock_head(soci::session& sql, const std::string& id);
std::optional<Order> find_by_key(soci::session& sql, const std::string& caller, const std::string& key);
// Its status and its payment's; nullopt for no such order.
std::optional<std::pair<OrderStatus, PaymentStatus>> status_of(soci::session& sql, const std::string& id);
// The open (not cancelled) order made of the cart, if any.
std::optional<std::string> open_order_of_cart(soci::session& sql, const std::string& cart_id);

// Writes the order's changeable fields; a change of status from `from` writes a history row.
void save(soci::session& sql, const Order& order, OrderStatus from, const std::string& reason);

// The region's next order number: its prefix and a sequence, "EU-100042".
std::string next_number(soci::session& sql, const std::string& region);

// Delivered orders whose return window closed (delivered before `delivered_before`), locked, without
// lines (their SKUs are read with find()).
std::vector<Order> due_for_completion(soci::session& sql, Timestamp delivered_before, int limit);

// Orders pending or awaiting payment unchanged since before `unchanged_since`, locked.
std::vector<Order> stuck(soci::session& sql, Timestamp unchanged_since, int limit);

struct Filter {
  std::string customer_id;  // "" for any
  std::optional<OrderStatus> status;
  std::string email;   // "" for any; exact, case-insensitive
  std::string number;  // "" for any; exact
};
// Newest first, without lines: up to `limit` orders with ids below `before_id` ("" from the newest).
std::vector<Order> list(soci::session& sql, const Filter& filter, int limit, const std::string& before_id);

}  // namespace agora::order::order_store
