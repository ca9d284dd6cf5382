#include "app/reservation_service.hpp"

#include "app/stock_events.hpp"
#include "app/views.hpp"
#include "store/stock_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/events.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <agora/inventory/events.hpp>
#include <boost/json.hpp>

#include <algorithm>

namespace agora::inventory {
namespace {

Error not_found() { return Error(ErrorKind::not_found, "no such reservation"); }

std::vector<std::string> skus_of(const std::vector<Allocation>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines)
    if (out.empty() || out.back() != l.sku) out.push_back(l.sku);
  return out;
}

void publish(Tx& tx, std::string_view type, const std::string& key, boost::json::object payload) {
  tx.publish(std::string(events::kTopic), std::string(type), events::kVersion, key, std::move(payload));
}

boost::json::value order_of(const Reservation& r) {
  if (r.order_id) return boost::json::value(*r.order_id);
  return nullptr;
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
                                       AvailabilityCache& cache, std::function<bool(const std::string&)> sku_exists)
    : db_(db), clock_(clock), options_(options), cache_(cache), sku_exists_(std::move(sku_exists)) {}

std::variant<Reservation, std::vector<Shortage>> ReservationService::reserve(
    Tx& tx, const std::vector<Line>& lines, const std::string& region, std::chrono::seconds ttl,
    const reservation_store::Origin& origin, const std::string& actor) {
  std::vector<std::string> skus;
  for (const auto& l : lines) skus.push_back(l.sku);
  auto rows = stock_store::lock(tx.sql(), skus);
  std::vector<Candidate> candidates;
  for (const auto& row : rows)
    candidates.push_back({row.sku, row.warehouse_id, row.warehouse_code, row.region, row.priority, row.allocatable()});
  auto result = allocate(lines, candidates, options_.strategy, region);
  if (!result.shortages.empty()) return std::move(result.shortages);

  const auto now = clock_.now();
  Reservation r{new_id(), origin.order_id, Status::held, now + ttl, now, now, std::move(result.allocations)};
  if (!reservation_store::insert(tx.sql(), r, origin))
    throw Error(ErrorKind::conflict, "the same reservation is being made by another request; retry");
  for (const auto& a : r.lines) {
    const stock_store::Movement m{0, a.sku, a.warehouse_id, "reserve", 0, a.quantity, r.id, actor, "", now};
    stock_store::move(tx.sql(), m);
    shift(rows, m);
  }
  announce_stock_change(tx, skus, rows, "reserve", cache_);
  publish(tx, events::kReserved, r.id,
          {{"reservation_id", r.id}, {"order_id", order_of(r)}, {"expires_at", to_rfc3339(r.expires_at)},
           {"lines", lines_json(r.lines)}});
  return r;
}

Reservation ReservationService::create(const boost::json::value& body, const std::string& caller) {
  const auto request = parse_reservation_request(body, options_.max_ttl);
  std::vector<FieldError> unknown;
  for (std::size_t i = 0; i < request.given.size(); ++i)
    if (!sku_exists_(request.given[i].sku))
      unknown.push_back({"lines[" + std::to_string(i) + "].sku", "is not a SKU of the catalog"});
  if (!unknown.empty()) throw Error(ErrorKind::validation, "invalid reservation", std::move(unknown));

  const reservation_store::Origin origin{std::nullopt, caller};
  return db_.transact([&](Tx& tx) {
    if (options_.max_held_per_caller > 0) {
      reservation_store::lock_caller(tx.sql(), caller);
      std::int64_t asked = 0;
      for (const auto& l : request.lines) asked += l.quantity;
      check_held_cap(reservation_store::held_by(tx.sql(), caller), asked, options_.max_held_per_caller);
    }
    auto outcome = reserve(tx, request.lines, request.shipping_region, request.ttl.value_or(options_.ttl), origin, caller);
    if (auto* shortages = std::get_if<std::vector<Shortage>>(&outcome)) {
      std::vector<FieldError> short_lines;
      for (const auto& s : *shortages)
        short_lines.push_back({request.quantity_field(s.sku), s.sku + ": " + std::to_string(s.requested) +
                                                                  " requested, " + std::to_string(s.available) +
                                                                  " available"});
      throw Error(ErrorKind::conflict, "not enough stock", std::move(short_lines));
    }
    return std::get<Reservation>(std::move(outcome));
  });
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

void ReservationService::finish(Tx& tx, Reservation& r, Status to, const std::string& actor, const std::string& reason) {
  const auto now = clock_.now();
  const auto skus = skus_of(r.lines);
  auto rows = stock_store::lock(tx.sql(), skus);
  const bool committed = to == Status::committed;
  const std::string kind = committed ? "commit" : "release";
  for (const auto& l : r.lines) {
    const stock_store::Movement m{0, l.sku, l.warehouse_id, kind, committed ? -l.quantity : 0, -l.quantity, r.id,
                                  actor, reason, now};
    stock_store::move(tx.sql(), m);
    shift(rows, m);
  }
  r.status = to;
  r.updated_at = now;
  reservation_store::set_status(tx.sql(), r.id, to, now);
  announce_stock_change(tx, skus, rows, kind, cache_);
  boost::json::object payload{{"reservation_id", r.id}, {"order_id", order_of(r)}, {"lines", lines_json(r.lines)}};
  if (to == Status::released) payload["reason"] = reason;
  const auto type = committed ? events::kCommitted : to == Status::expired ? events::kExpired : events::kReleased;
  publish(tx, type, r.id, std::move(payload));
}

Reservation ReservationService::settle(const std::string& id, Status to, const std::string& actor) {
  if (!is_uuid(id)) throw not_found();
  return db_.transact([&](Tx& tx) {
    auto r = reservation_store::load(tx.sql(), id, true);
    if (!r) throw not_found();
    const auto step = to == Status::committed ? commit_step(*r, clock_.now()) : release_step(*r);
    if (step == Step::apply) finish(tx, *r, to, actor, to == Status::released ? "released by " + actor : "");
    return std::move(*r);
  });
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
  for (const auto& id : due)
    expired += db_.transact([&](Tx& tx) {
      auto r = reservation_store::load(tx.sql(), id, true);
      if (!r || r->status != Status::held || r->expires_at > clock_.now()) return 0;
      finish(tx, *r, Status::expired, "inventory.sweeper", "expired");
      return 1;
    });
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

  const reservation_store::Origin origin{order_id, ""};
  if (reservation_store::find(tx.sql(), order_id)) return;  // this order was handled already
  const auto actor = e.type + " " + e.id;
  auto outcome = reserve(tx, merge_lines(std::move(lines)), region, options_.ttl, origin, actor);
  if (auto* shortages = std::get_if<std::vector<Shortage>>(&outcome)) {
    const auto now = clock_.now();
    reservation_store::insert(tx.sql(), {new_id(), order_id, Status::failed, now, now, now, {}}, origin);
    publish(tx, events::kReservationFailed, order_id,
            {{"order_id", order_id}, {"short_lines", shortages_json(*shortages)}});
  }
}

void ReservationService::on_order_settled(Tx& tx, const Event& e) {
  const auto order_id = order_id_of(e);
  const auto found = reservation_store::find(tx.sql(), order_id);
  if (!found)
    return log::warn("inventory: an order event without a reservation", {{"type", e.type}, {"order_id", order_id}});
  auto r = reservation_store::load(tx.sql(), *found, true);
  try {
    if (commit_step(*r, clock_.now()) == Step::apply) finish(tx, *r, Status::committed, e.type + " " + e.id, "");
  } catch (const Error& refused) {
    log::warn("inventory: an order event the reservation refuses",
              {{"type", e.type}, {"order_id", order_id}, {"reason", refused.what()}});
  }
}

void ReservationService::on_order_dropped(Tx& tx, const Event& e) {
  const auto order_id = order_id_of(e);
  const auto found = reservation_store::find(tx.sql(), order_id);
  if (!found) return;
  auto r = reservation_store::load(tx.sql(), *found, true);
  try {
    if (release_step(*r) == Step::apply) finish(tx, *r, Status::released, e.type + " " + e.id, e.type);
  } catch (const Error& refused) {
    log::warn("inventory: an order event the reservation refuses",
              {{"type", e.type}, {"order_id", order_id}, {"reason", refused.what()}});
  }
}

}  // namespace agora::inventory
