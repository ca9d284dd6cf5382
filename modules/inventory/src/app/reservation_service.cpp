#include "app/reservation_service.hpp"

#include "app/stock_events.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/events.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <agora/inventory/events.hpp>

#include <algorithm>
#include <functional>
#include <variant>

namespace agora::inventory {
namespace {

Error not_found(const std::string& id) { return Error(ErrorKind::not_found, "no reservation with the id " + id); }

std::size_t lane_key(const std::string& text) { return std::hash<std::string>{}(text); }

template <class T>
T answer_of(std::variant<T, Error> settled) {
  if (auto* refused = std::get_if<Error>(&settled)) throw std::move(*refused);
  return std::get<T>(std::move(settled));
}

std::vector<events::ShortLine> short_lines(const std::vector<Shortage>& shortages) {
  std::vector<events::ShortLine> out;
  for (const auto& s : shortages) out.push_back({s.sku, s.requested, s.available});
  return out;
}

// The field of the first line of this SKU, for a shortage.
std::string quantity_field(const std::vector<Line>& given, const std::string& sku) {
  const auto it = std::find_if(given.begin(), given.end(), [&](const Line& l) { return l.sku == sku; });
  return "lines[" + std::to_string(it - given.begin()) + "].quantity";
}

// Who moved the stock, for the ledger: the event that did.
std::string by(const Event& e) { return e.type + " " + e.id; }

}  // namespace

ReservationService::ReservationService(Database& db, const Clock& clock, ReservationOptions options,
                                       AvailabilityCache& cache, catalog::Api& catalog)
    : db_(db),
      clock_(clock),
      options_(options),
      cache_(cache),
      catalog_(catalog),
      batch_(clock, options.strategy, options.max_held_per_caller, cache),
      reserves_(options.batch_lanes, options.batch_max,
                [this](const std::vector<const ReserveRequest*>& batch) {
                  return db_.transact([&](Tx& tx) { return batch_.reserve(tx, batch); });
                }),
      commits_(options.batch_lanes, options.batch_max,
               [this](const std::vector<const SettleRequest*>& batch) {
                 return db_.transact([&](Tx& tx) { return batch_.settle(tx, Status::committed, batch); });
               }),
      releases_(options.batch_lanes, options.batch_max, [this](const std::vector<const SettleRequest*>& batch) {
        return db_.transact([&](Tx& tx) { return batch_.settle(tx, Status::released, batch); });
      }) {}

void ReservationService::check_sellable(const std::vector<Line>& given) {
  std::vector<std::string> skus;
  for (const auto& line : given) skus.push_back(line.sku);
  const auto known = catalog_.known_skus(skus);
  std::vector<FieldError> unsellable;
  for (std::size_t i = 0; i < given.size(); ++i) {
    const auto k = std::find_if(known.begin(), known.end(), [&](const auto& s) { return s.sku == given[i].sku; });
    if (k == known.end() || !k->sellable)
      unsellable.push_back(
          {"lines[" + std::to_string(i) + "].sku",
           k == known.end() ? "is not a SKU of the catalog" : "is not for sale (its product is not active)"});
  }
  if (!unsellable.empty()) throw Error(ErrorKind::validation, "invalid reservation", std::move(unsellable));
}

Reservation ReservationService::create(const ReservationRequest& request, const std::string& caller) {
  check_sellable(request.lines);

  const ReserveRequest q{merge_lines(request.lines),
                         request.shipping_region,
                         request.ttl.value_or(options_.ttl),
                         {std::nullopt, caller},
                         caller,
                         options_.max_held_per_caller > 0};
  auto reserved = reserves_.submit(lane_key(q.lines.front().sku), q);
  if (auto* refused = std::get_if<Error>(&reserved)) throw std::move(*refused);
  if (auto* shortages = std::get_if<std::vector<Shortage>>(&reserved)) {
    std::vector<FieldError> short_lines;
    for (const auto& s : *shortages)
      short_lines.push_back(
          {quantity_field(request.lines, s.sku),
           s.sku + ": " + std::to_string(s.requested) + " requested, " + std::to_string(s.available) + " available"});
    throw Error(ErrorKind::conflict, "not enough stock", std::move(short_lines));
  }
  return std::get<Reservation>(std::move(reserved));
}

Reservation ReservationService::get(const std::string& id) {
  if (!is_uuid(id)) throw not_found(id);
  auto conn = db_.acquire();
  auto r = reservation_store::load(*conn, id);
  if (!r) throw not_found(id);
  return std::move(*r);
}

Reservation ReservationService::extend(const std::string& id, std::optional<std::chrono::seconds> ttl) {
  if (!is_uuid(id)) throw not_found(id);
  return db_.transact([&](Tx& tx) {
    auto r = reservation_store::load(tx.sql(), id, true);
    if (!r) throw not_found(id);
    const auto now = clock_.now();
    r->expires_at = extended_expiry(*r, now, ttl.value_or(options_.ttl));
    reservation_store::set_expiry(tx.sql(), id, r->expires_at, now);
    return std::move(*r);
  });
}

Reservation ReservationService::settle(const std::string& id, Status to, const std::string& actor) {
  if (!is_uuid(id)) throw not_found(id);
  const SettleRequest q{id, actor, to == Status::released ? "released by " + actor : ""};
  auto& queue = to == Status::committed ? commits_ : releases_;
  return answer_of(queue.submit(lane_key(id), q)).reservation;
}

Reservation ReservationService::commit(const std::string& id, const std::string& actor) {
  return settle(id, Status::committed, actor);
}

Reservation ReservationService::release(const std::string& id, const std::string& actor) {
  return settle(id, Status::released, actor);
}

std::size_t ReservationService::sweep() {
  std::vector<std::string> due;
  {
    auto conn = db_.acquire();
    due = reservation_store::due(*conn, clock_.now(), options_.sweep_batch);
  }
  std::size_t expired = 0;
  for (const auto& id : due) {
    const SettleRequest q{id, "inventory.sweeper", "expired"};
    const auto settled = db_.transact([&](Tx& tx) { return batch_.settle(tx, Status::expired, {&q}).front(); });
    if (const auto* s = std::get_if<Settlement>(&settled); s && s->changed) ++expired;
  }
  return expired;
}

void ReservationService::on_order_created(Tx& tx, const order_events::Created& order, const Event& e) {
  if (reservation_store::find(tx.sql(), order.order_id)) return;  // this order was handled already
  std::vector<Line> lines;
  for (const auto& l : order.lines) lines.push_back({l.sku, l.quantity});
  const ReserveRequest q{
      merge_lines(std::move(lines)), order.shipping_region.value_or(""), options_.ttl, {order.order_id, ""}, by(e)};
  auto reserved = batch_.reserve(tx, {&q}).front();
  if (auto* shortages = std::get_if<std::vector<Shortage>>(&reserved)) {
    const auto now = clock_.now();
    if (!reservation_store::insert(tx.sql(),
                                   {{{new_id(), order.order_id, Status::failed, now, now, now, {}}, q.origin}}))
      throw Error(ErrorKind::conflict, "the same order is being reserved by another delivery; retry");
    tx.publish(events::ReservationFailed{order.order_id, short_lines(*shortages)});
  }
}

void ReservationService::on_return_received(Tx& tx, const order_events::ReturnReceived& ret, const Event& e) {
  const auto found = reservation_store::find(tx.sql(), ret.order_id);
  if (!found) {
    log::warn("inventory: a return of an order without a reservation", {{"order_id", ret.order_id}});
    return;
  }
  std::vector<Line> lines;
  for (const auto& l : ret.lines) lines.push_back({l.sku, l.quantity});
  batch_.restock(tx, *found, lines, ret.return_id, by(e));
}

void ReservationService::on_order_placed(Tx& tx, const std::string& order_id, const Event& e) {
  const auto found = reservation_store::find(tx.sql(), order_id);
  if (!found) {
    log::warn("inventory: an order event without a reservation", {{"type", e.type}, {"order_id", order_id}});
    return;
  }
  // A placed order is paid for: what is still held for it is its own, even past the expiry.
  const SettleRequest q{*found, by(e), "", false, true};
  const auto settled = batch_.settle(tx, Status::committed, {&q}).front();
  const auto* refused = std::get_if<Error>(&settled);
  if (!refused) return;
  // Placed after the sweep gave its units back (the payment came at the last moment): they are
  // taken again if they are still there; otherwise the order hears that its stock is gone.
  const auto shortages = batch_.commit_expired(tx, *found, by(e));
  if (!shortages) {
    log::warn("inventory: an order event the reservation refuses",
              {{"type", e.type}, {"order_id", order_id}, {"reason", refused->what()}});
  } else if (!shortages->empty()) {
    log::warn("inventory: an order was placed after its reservation expired and its stock was sold",
              {{"order_id", order_id}});
    tx.publish(events::ReservationFailed{order_id, short_lines(*shortages)});
  }
}

void ReservationService::on_order_cancelled(Tx& tx, const std::string& order_id, const Event& e) {
  const auto found = reservation_store::find(tx.sql(), order_id);
  if (!found) return;  // cancelled before it was reserved
  // An order is cancelled only before anything of it shipped: what it committed goes back on hand.
  const SettleRequest q{*found, by(e), e.type, true};
  const auto settled = batch_.settle(tx, Status::released, {&q}).front();
  if (const auto* refused = std::get_if<Error>(&settled))
    log::warn("inventory: an order event the reservation refuses",
              {{"type", e.type}, {"order_id", order_id}, {"reason", refused->what()}});
}

}  // namespace agora::inventory
