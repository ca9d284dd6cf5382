#pragma once
// Events the inventory publishes on topic inventory.events, version 1 of each; a field is only
// ever added, a change of meaning bumps the version. Lines are [{sku, quantity, warehouse_id}].
#include <string_view>

namespace agora::inventory::events {

inline constexpr std::string_view kTopic = "inventory.events";
inline constexpr int kVersion = 1;

// key sku: {sku, on_hand, reserved, available, movement}: totals over active warehouses after a
// change (movement: receive, adjust, return, reserve, release, commit, or settings for a changed
// safety stock or threshold); available leaves out reserved units and safety stock
inline constexpr std::string_view kStockChanged = "inventory.stock_changed";
// key reservation id: {reservation_id, order_id (null for direct ones), expires_at, lines}
inline constexpr std::string_view kReserved = "inventory.reserved";
// key order id: {order_id, short_lines: [{sku, requested, available}]}: an order.created that could
// not be met (a direct reservation answers 409 instead)
inline constexpr std::string_view kReservationFailed = "inventory.reservation_failed";
// key reservation id: {reservation_id, order_id, reason, lines}: its stock is available again
inline constexpr std::string_view kReleased = "inventory.released";
// key reservation id: {reservation_id, order_id, lines}: released by the sweeper past expires_at
inline constexpr std::string_view kExpired = "inventory.expired";
// key reservation id: {reservation_id, order_id, lines}: the stock left on hand (shipped)
inline constexpr std::string_view kCommitted = "inventory.committed";
// key sku: {sku, warehouse_id (null: over all warehouses), available (on hand - reserved), threshold}; once per
// crossing below the threshold, re-armed when available is back at or above it
inline constexpr std::string_view kLowStock = "inventory.low_stock";

}  // namespace agora::inventory::events

// What the inventory expects of the order and payment modules (not yet written):
//   order.events   "order.created"   {order_id, user_id, lines: [{sku, quantity}], shipping_region?}
//                                    -> reserve; inventory.reserved or inventory.reservation_failed
//                  "order.confirmed" {order_id}              -> commit the order's reservation
//                  "order.cancelled" {order_id}              -> release it
//   payment.events "payment.succeeded" {payment_id, order_id} -> commit
//                  "payment.failed"    {payment_id, order_id} -> release
// Redelivered or repeated events change nothing twice.
namespace agora::inventory::order_events {
inline constexpr std::string_view kOrderTopic = "order.events";
inline constexpr std::string_view kPaymentTopic = "payment.events";
inline constexpr std::string_view kCreated = "order.created";
inline constexpr std::string_view kConfirmed = "order.confirmed";
inline constexpr std::string_view kCancelled = "order.cancelled";
inline constexpr std::string_view kPaymentSucceeded = "payment.succeeded";
inline constexpr std::string_view kPaymentFailed = "payment.failed";
}  // namespace agora::inventory::order_events
