#include "app/fulfillment_service.hpp"

#include "store/fulfillment_store.hpp"
#include "store/order_store.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/order/events.hpp>

#include <algorithm>

namespace agora::order {
namespace {

Order locked(Tx& tx, const std::string& order_id) {
  auto o = is_uuid(order_id) ? order_store::find(tx.sql(), order_id, true) : std::nullopt;
  if (!o) throw Error(ErrorKind::not_found, "no order " + order_id);
  return std::move(*o);
}

void move(Tx& tx, Order& o, OrderStatus to, const std::string& reason, Timestamp now) {
  const auto from = o.status;
  if (from != to) require_move(from, to);
  o.status = to;
  o.updated_at = now;
  order_store::save(tx.sql(), o, from, reason);
}

}  // namespace

Order FulfillmentService::create(const std::string& order_id, const NewFulfillment& request) {
  return db_.transact([&](Tx& tx) {
    auto o = locked(tx, order_id);
    if (o.status != OrderStatus::placed && o.status != OrderStatus::partially_fulfilled)
      throw Error(ErrorKind::conflict, "the order is " + to_string(o.status) + ": only a placed order ships");
    const auto now = clock_.now();
    Fulfillment f{new_id(), request.carrier, request.tracking_number,
                  now,      std::nullopt,    lines_to_ship(o, o.fulfillments, request.lines)};
    fulfillment_store::insert(tx.sql(), o.id, f);
    o.fulfillments.push_back(f);
    const bool complete = fully_shipped(o, o.fulfillments);
    move(tx, o, complete ? OrderStatus::fulfilled : OrderStatus::partially_fulfilled, "fulfillment", now);
    events::FulfillmentCreated e{o.id, f.id, f.carrier, f.tracking_number, {}, complete};
    for (const auto& l : f.lines)
      e.lines.push_back({o.lines[static_cast<std::size_t>(l.position - 1)].sku, l.quantity});
    tx.publish(e);
    return o;
  });
}

Order FulfillmentService::deliver(const std::string& order_id, const std::string& fulfillment_id) {
  return db_.transact([&](Tx& tx) {
    auto o = locked(tx, order_id);
    const auto now = clock_.now();
    if (!is_uuid(fulfillment_id) || !fulfillment_store::mark_delivered(tx.sql(), o.id, fulfillment_id, now))
      throw Error(ErrorKind::not_found, "the order has no fulfillment " + fulfillment_id);
    o.fulfillments = fulfillment_store::of_order(tx.sql(), o.id);
    const bool all = o.status == OrderStatus::fulfilled &&
                     std::all_of(o.fulfillments.begin(), o.fulfillments.end(),
                                 [](const Fulfillment& f) { return f.delivered_at.has_value(); });
    if (all) {
      o.delivered_at = now;
      move(tx, o, OrderStatus::delivered, "delivered", now);
      tx.publish(events::Delivered{o.id, o.customer_id.empty() ? std::nullopt : std::optional(o.customer_id)});
    }
    return o;
  });
}

std::size_t FulfillmentService::complete_due(int batch) {
  return db_.transact([&](Tx& tx) {
    const auto now = clock_.now();
    auto due = order_store::due_for_completion(tx.sql(), now - return_window_, batch);
    for (auto& o : due) {
      o.completed_at = now;
      move(tx, o, OrderStatus::completed, "return window closed", now);
      events::Completed e{o.id, o.customer_id, {}};
      const auto full = order_store::find(tx.sql(), o.id);
      for (const auto& l : full->lines) e.lines.push_back({l.sku});
      tx.publish(e);
    }
    return due.size();
  });
}

}  // namespace agora::order
