#include "app/reservation_service.hpp"

#include "app/stock_events.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/events.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <agora/inventory/events.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <functional>
#include <variant>

namespace agora::inventory {
namespace {

Error not_found() { return Error(ErrorKind::not_found, "no such reservation"); }

std::size_t lane_key(const std::string& text) { return std::hash<std::string>{}(text); }

template <class T>
T answer_of(std::variant<T, Error> settled) {
  if (auto* refused = std::get_if<Error>(&settled)) throw std::move(*refused);
  return std::get<T>(std::move(settled));
}

boost::json::array shortages_json(const std::vector<Shortage>& shortages) {
  boost::json::array a;
  for (const auto& s : shortages) a.push_back({{"sku", s.sku}, {"requested", s.requested}, {"available", s.available}});
  return a;
}

// The order id of an order or payment event; Error{validation} (dead-lettered in the end) without one.
std::string order_id_of(const Event& e) {
  const auto* o = e.payload.is_object() ? e.payload.as_object().if_contains("order_id") : nullptr;
  if (!o || !o->is_string() || o->as_string().empty())
    throw Error(ErrorKind::validation, e.type + " without an order_id");
  return std::string(o->as_string());
}

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
      unsellable.push_back({"lines[" + std::to_string(i) + "].sku",
                            k == known.end() ? "is not a SKU of the catalog" : "is not for sale (its product is not active)"});
  }
  if (!unsellable.empty()) throw Error(ErrorKind::validation, "invalid reservation", std::move(unsellable));
}

Reservation ReservationService::create(const boost::json::value& body, const std::string& caller) {
  const auto request = parse_reservation_request(body, options_.max_ttl);
  check_sellable(request.given);

  const ReserveRequest q{request.lines, request.shipping_region, request.ttl.value_or(options_.ttl),
                         {std::nullopt, caller}, caller, options_.max_held_per_caller > 0};
  auto reserved = reserves_.submit(lane_key(q.lines.front().sku), q);
  if (auto* refused = std::get_if<Error>(&reserved)) throw std::move(*refused);
  if (auto* shortages = std::get_if<std::vector<Shortage>>(&reserved)) {
    std::vector<FieldError> short_lines;
    for (const auto& s : *shortages)
      short_lines.push_back({request.quantity_field(s.sku), s.sku + ": " + std::to_string(s.requested) +
                                                                " requested, " + std::to_string(s.available) +
                                                                " available"});
    throw Error(ErrorKind::conflict, "not enough stock", std::move(short_lines));
  }
  return std::get<Reservation>(std::move(reserved));
}

Reservation ReservationService::get(const std::string& id) {
  if (!is_uuid(id)) throw not_found();
  auto conn = db_.acquire();
  auto r = reservation_store::load(*conn, id);
  if (!r) throw not_found();
  return std::move(*r);
}

Reservation ReservationService::extend(const std::string& id, const boost::json::value& body) {
  if (!is_uuid(id)) throw not_found();
  const auto ttl = parse_extension(body, options_.max_ttl).value_or(options_.ttl);
  return db_.transact([&](Tx& tx) {
    auto r = reservation_store::load(tx.sql(), id, true);
    if (!r) throw not_found();
    const auto now = clock_.now();
    r->expires_at = extended_expiry(*r, now, ttl);
    reservation_store::set_expiry(tx.sql(), id, r->expires_at, now);
    return std::move(*r);
  });
}

Reservation ReservationService::settle(const std::string& id, Status to, const std::string& actor) {
  if (!is_uuid(id)) throw not_found();
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

void ReservationService::on_order_created(Tx& tx, const Event& e) {
  const auto order_id = order_id_of(e);
  const auto& payload = e.payload.as_object();
  std::vector<Line> lines;
  const auto* given = payload.if_contains("lines");
  if (!given || !given->is_array() || given->as_array().empty())
    throw Error(ErrorKind::validation, "order.created without lines");
  for (const auto& l : given->as_array()) {
    const auto* sku = l.is_object() ? l.as_object().if_contains("sku") : nullptr;
    const auto* quantity = l.is_object() ? l.as_object().if_contains("quantity") : nullptr;
    if (!sku || !sku->is_string() || !quantity || !quantity->is_int64() || quantity->as_int64() <= 0)
      throw Error(ErrorKind::validation, "order.created with a bad line");
    lines.push_back({std::string(sku->as_string()), quantity->as_int64()});
  }
  std::string region;
  if (const auto* r = payload.if_contains("shipping_region"); r && r->is_string()) region = r->as_string();

  if (reservation_store::find(tx.sql(), order_id)) return;  // this order was handled already
  const ReserveRequest q{merge_lines(std::move(lines)), region, options_.ttl, {order_id, ""}, e.type + " " + e.id};
  auto reserved = batch_.reserve(tx, {&q}).front();
  if (auto* shortages = std::get_if<std::vector<Shortage>>(&reserved)) {
    const auto now = clock_.now();
    if (!reservation_store::insert(tx.sql(), {{{new_id(), order_id, Status::failed, now, now, now, {}}, q.origin}}))
      throw Error(ErrorKind::conflict, "the same order is being reserved by another delivery; retry");
    publish_event(tx, events::kReservationFailed, order_id,
                  {{"order_id", order_id}, {"short_lines", shortages_json(*shortages)}});
  }
}

void ReservationService::settle_in(Tx& tx, const Event& e, Status to, const std::string& reason) {
  const auto order_id = order_id_of(e);
  const auto found = reservation_store::find(tx.sql(), order_id);
  if (!found) {
    if (to == Status::committed)
      log::warn("inventory: an order event without a reservation", {{"type", e.type}, {"order_id", order_id}});
    return;
  }
  const SettleRequest q{*found, e.type + " " + e.id, reason};
  const auto settled = batch_.settle(tx, to, {&q}).front();
  if (const auto* refused = std::get_if<Error>(&settled))
    log::warn("inventory: an order event the reservation refuses",
              {{"type", e.type}, {"order_id", order_id}, {"reason", refused->what()}});
}

void ReservationService::on_order_settled(Tx& tx, const Event& e) { settle_in(tx, e, Status::committed, ""); }

void ReservationService::on_order_dropped(Tx& tx, const Event& e) { settle_in(tx, e, Status::released, e.type); }

}  // namespace agora::inventory
