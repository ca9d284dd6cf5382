#include "app/return_service.hpp"

#include "domain/returns.hpp"
#include "store/order_store.hpp"
#include "store/return_store.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/order/events.hpp>

#include <algorithm>

namespace agora::order {
namespace {

std::vector<events::ShippedLine> shipped_lines(const Order& o, const Return& r) {
  std::vector<events::ShippedLine> out;
  for (const auto& l : r.lines) out.push_back({o.lines[static_cast<std::size_t>(l.position - 1)].sku, l.quantity});
  return out;
}

}  // namespace

Order ReturnService::request(const std::string& order_id, const Viewer& viewer, const NewReturn& request) {
  return db_.transact([&](Tx& tx) {
    auto o = orders_.lock_for(tx, order_id, viewer);
    if (o.status == OrderStatus::completed) throw Error(ErrorKind::conflict, "the order's return window has closed");
    Return r{new_id(), "requested", request.reason, 0, clock_.now(), std::nullopt, lines_to_return(o, request.lines)};
    return_store::insert(tx.sql(), o.id, r);
    o.returns.push_back(r);
    tx.publish(events::ReturnRequested{o.id, r.id, shipped_lines(o, r), r.reason});
    return o;
  });
}

Order ReturnService::receive(const std::string& order_id, const std::string& return_id) {
  return db_.transact([&](Tx& tx) {
    auto o = orders_.lock_for(tx, order_id, Viewer{.staff = true});
    const auto r = std::find_if(o.returns.begin(), o.returns.end(), [&](const Return& x) { return x.id == return_id; });
    if (r == o.returns.end()) throw Error(ErrorKind::not_found, "the order has no return " + return_id);
    if (r->status == "received") return o;
    const auto now = clock_.now();
    r->refund_amount = refund_for(o, *r);
    r->status = "received";
    r->received_at = now;
    return_store::mark_received(tx.sql(), r->id, r->refund_amount, now);
    tx.publish(events::ReturnReceived{o.id, r->id, shipped_lines(o, *r), r->refund_amount, o.currency});
    return o;
  });
}

}  // namespace agora::order
