#include "app/order_service.hpp"

#include "app/cancellation.hpp"

#include <agora/core/digest.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

namespace agora::order {
namespace {

Error no_order(const std::string& id) { return Error(ErrorKind::not_found, "no order " + id); }

}  // namespace

OrderService::OrderService(Database& db, const Clock& clock, std::string guest_token_secret)
    : db_(db), clock_(clock), secret_(std::move(guest_token_secret)) {}

std::string OrderService::guest_token(const std::string& id) const { return hmac_sha256_hex(secret_, "order:" + id); }

bool OrderService::may_see(const Order& o, const Viewer& v) const {
  if (v.staff) return true;
  if (!o.customer_id.empty()) return o.customer_id == v.customer_id;
  return !v.order_token.empty() && equal_in_constant_time(v.order_token, guest_token(o.id));
}

Order OrderService::get(const std::string& id) {
  if (!is_uuid(id)) throw no_order(id);
  auto conn = db_.acquire();
  auto o = order_store::find(*conn, id);
  if (!o) throw no_order(id);
  return std::move(*o);
}

bool OrderService::settled(const std::string& id) {
  auto conn = db_.acquire();
  const auto status = order_store::status_of(*conn, id);
  return status && settled_for_checkout(status->first, status->second);
}

Order OrderService::get(const std::string& id, const Viewer& viewer) {
  auto o = get(id);
  if (!may_see(o, viewer)) throw no_order(id);
  return o;
}

OrderPage OrderService::list(const order_store::Filter& filter, int limit, const std::string& cursor) {
  if (!cursor.empty() && !is_uuid(cursor))
    throw Error(ErrorKind::validation, "invalid cursor", {{"cursor", "is not a cursor this list gave"}});
  auto conn = db_.acquire();
  OrderPage page{order_store::list(*conn, filter, limit + 1, cursor), ""};
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.pop_back();
    page.next_cursor = page.items.back().id;
  }
  return page;
}

Order OrderService::lock_for(Tx& tx, const std::string& id, const Viewer& viewer) const {
  auto o = is_uuid(id) ? order_store::find(tx.sql(), id, true) : std::nullopt;
  if (!o || !may_see(*o, viewer)) throw no_order(id);
  return std::move(*o);
}

Order OrderService::cancel(const std::string& id, const Viewer& viewer) {
  return db_.transact([&](Tx& tx) {
    auto o = lock_for(tx, id, viewer);
    if (o.status == OrderStatus::cancelled) return o;  // asked twice: the same answer
    if (!cancellable(o.status))
      throw Error(ErrorKind::conflict, "the order is " + to_string(o.status) + ": it can no longer be cancelled");
    const std::string who = viewer.staff ? "staff" : "customer";
    order::cancel(tx, o, who, who, clock_.now());
    return o;
  });
}

}  // namespace agora::order
