#include "app/reservation_batch.hpp"

#include "app/stock_events.hpp"
#include "store/stock_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <agora/inventory/events.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace agora::inventory {
namespace {

std::vector<events::ReservationLine> event_lines(const std::vector<Allocation>& lines) {
  std::vector<events::ReservationLine> out;
  for (const auto& l : lines) out.push_back({l.sku, l.quantity, l.warehouse_id});
  return out;
}

// What a settled reservation publishes: one struct per final status.
void publish_settled(Tx& tx, Status to, const Reservation& r, const SettleRequest& q) {
  if (to == Status::committed) return void(tx.publish(events::Committed{r.id, r.order_id, event_lines(r.lines)}));
  if (to == Status::expired) return void(tx.publish(events::Expired{r.id, r.order_id, event_lines(r.lines)}));
  tx.publish(events::Released{r.id, r.order_id, q.reason, event_lines(r.lines)});
}

std::vector<std::string> sorted(std::set<std::string> skus) { return {skus.begin(), skus.end()}; }

std::vector<Candidate> candidates_for(const std::vector<Line>& lines, const std::vector<StockRow>& rows) {
  std::vector<Candidate> out;
  for (const auto& row : rows)
    if (std::any_of(lines.begin(), lines.end(), [&](const Line& l) { return l.sku == row.sku; }))
      out.push_back({row.sku, row.warehouse_id, row.warehouse_code, row.region, row.priority, row.allocatable()});
  return out;
}

// What the capped callers of a batch hold already, their reservations serialized until it ends.
std::map<std::string, std::int64_t> held_by_capped(Tx& tx, const std::vector<const ReserveRequest*>& requests) {
  std::map<std::string, std::int64_t> held;
  for (const auto* q : requests)
    if (q->capped) held.emplace(q->origin.caller, 0);
  for (auto& [caller, units] : held) {  // in caller order, so that batches never wait on each other in a circle
    reservation_store::lock_caller(tx.sql(), caller);
    units = reservation_store::held_by(tx.sql(), caller);
  }
  return held;
}

Step step_to(Status to, const Reservation& r, const SettleRequest& q, Timestamp now) {
  if (to == Status::committed) return commit_step(r, now, q.paid);
  if (to == Status::expired) return expire_step(r, now);
  return release_step(r, q.restock);
}

// The ledger movement settling one line: a commit takes the units off hand, a release gives back
// the hold, and releasing what was committed puts the units back on hand (a return).
Movement settling_move(Status to, const Reservation& r, const Allocation& l, const SettleRequest& q, Timestamp now) {
  if (to == Status::committed)
    return {0, l.sku, l.warehouse_id, "commit", -l.quantity, -l.quantity, r.id, q.actor, q.reason, now};
  if (r.status == Status::committed)
    return {0, l.sku, l.warehouse_id, "return", l.quantity, 0, r.id, q.actor, q.reason, now};
  return {0, l.sku, l.warehouse_id, "release", 0, -l.quantity, r.id, q.actor, q.reason, now};
}

}  // namespace

std::vector<Reserved> ReservationBatch::reserve(Tx& tx, const std::vector<const ReserveRequest*>& requests) {
  auto held = max_held_per_caller_ > 0 ? held_by_capped(tx, requests) : std::map<std::string, std::int64_t>{};
  std::set<std::string> asked_skus;
  for (const auto* q : requests)
    for (const auto& l : q->lines) asked_skus.insert(l.sku);
  auto rows = stock_store::lock(tx.sql(), sorted(asked_skus));

  const auto now = clock_.now();
  std::vector<Reserved> answers;
  std::vector<reservation_store::NewReservation> made;
  std::vector<Movement> moves;
  std::set<std::string> moved_skus;
  for (const auto* q : requests) {
    std::int64_t units = 0;
    for (const auto& l : q->lines) units += l.quantity;
    if (q->capped) {
      try {
        check_held_cap(held[q->origin.caller], units, max_held_per_caller_);
      } catch (const Error& refused) {
        answers.emplace_back(refused);
        continue;
      }
    }
    auto result = allocate(q->lines, candidates_for(q->lines, rows), strategy_, q->region);
    if (!result.shortages.empty()) {
      answers.emplace_back(std::move(result.shortages));
      continue;
    }
    Reservation r{new_id(), q->origin.order_id, Status::held, now + q->ttl, now, now, std::move(result.allocations)};
    for (const auto& a : r.lines) {
      moves.push_back({0, a.sku, a.warehouse_id, "reserve", 0, a.quantity, r.id, q->actor, "", now});
      shift(rows, moves.back());
      moved_skus.insert(a.sku);
    }
    if (q->capped) held[q->origin.caller] += units;
    made.push_back({r, q->origin});
    answers.emplace_back(std::move(r));
  }
  if (made.empty()) return answers;

  if (!reservation_store::insert(tx.sql(), made))
    throw Error(ErrorKind::conflict, "the same reservation is being made by another request; retry");
  const auto thresholded = stock_store::move(tx.sql(), moves);
  publish_stock_change(tx, sorted(moved_skus), rows, "reserve", thresholded, cache_);
  for (const auto& [r, origin] : made)
    tx.publish(events::Reserved{r.id, r.order_id, r.expires_at, event_lines(r.lines)});
  return answers;
}

std::vector<Settled> ReservationBatch::settle(Tx& tx, Status to, const std::vector<const SettleRequest*>& requests) {
  std::set<std::string> ids;
  for (const auto* q : requests) ids.insert(q->id);
  auto found = reservation_store::load(tx.sql(), std::vector<std::string>(ids.begin(), ids.end()), true);
  std::map<std::string, Reservation*> by_id;
  for (auto& r : found) by_id[r.id] = &r;

  const auto now = clock_.now();
  const std::string kind = to == Status::committed ? "commit" : "release";
  std::vector<Settled> answers;
  std::vector<std::pair<const Reservation*, const SettleRequest*>> changed;
  std::vector<Movement> moves;
  std::set<std::string> moved_skus;
  for (const auto* q : requests) {
    const auto it = by_id.find(q->id);
    if (it == by_id.end()) {
      answers.emplace_back(Error(ErrorKind::not_found, "no reservation with the id " + q->id));
      continue;
    }
    Reservation& r = *it->second;
    Step step;
    try {
      step = step_to(to, r, *q, now);
    } catch (const Error& refused) {
      answers.emplace_back(refused);
      continue;
    }
    if (step == Step::apply) {
      for (const auto& l : r.lines) {
        moves.push_back(settling_move(to, r, l, *q, now));
        moved_skus.insert(l.sku);
      }
      r.status = to;
      r.updated_at = now;
      changed.emplace_back(&r, q);
    }
    answers.emplace_back(Settlement{r, step == Step::apply});
  }
  if (changed.empty()) return answers;

  auto rows = stock_store::lock(tx.sql(), sorted(moved_skus));
  for (const auto& m : moves) shift(rows, m);
  std::vector<std::string> changed_ids;
  for (const auto& [r, q] : changed) changed_ids.push_back(r->id);
  reservation_store::set_status(tx.sql(), changed_ids, to, now);
  const auto thresholded = moves.empty() ? std::vector<std::string>{} : stock_store::move(tx.sql(), moves);
  publish_stock_change(tx, sorted(moved_skus), rows, kind, thresholded, cache_);
  for (const auto& [r, q] : changed) publish_settled(tx, to, *r, *q);
  return answers;
}

std::optional<std::vector<Shortage>> ReservationBatch::commit_expired(Tx& tx, const std::string& id,
                                                                      const std::string& actor) {
  auto r = reservation_store::load(tx.sql(), id, true);
  if (!r || r->status != Status::expired) return std::nullopt;
  std::set<std::string> skus;
  for (const auto& a : r->lines) skus.insert(a.sku);
  auto rows = stock_store::lock(tx.sql(), sorted(skus));
  const auto now = clock_.now();
  std::vector<Shortage> shortages;
  std::vector<Movement> moves;
  for (const auto& a : r->lines) {
    const auto row = std::find_if(rows.begin(), rows.end(), [&](const StockRow& s) {
      return s.sku == a.sku && s.warehouse_id == a.warehouse_id;
    });
    const auto available = row == rows.end() ? 0 : row->allocatable();
    if (available < a.quantity) {
      shortages.push_back({a.sku, a.quantity, available});
      continue;
    }
    moves.push_back({0, a.sku, a.warehouse_id, "commit", -a.quantity, 0, r->id, actor, "paid after it expired", now});
    shift(rows, moves.back());
  }
  if (!shortages.empty()) return shortages;
  reservation_store::set_status(tx.sql(), {r->id}, Status::committed, now);
  const auto thresholded = stock_store::move(tx.sql(), moves);
  publish_stock_change(tx, sorted(skus), rows, "commit", thresholded, cache_);
  tx.publish(events::Committed{r->id, r->order_id, event_lines(r->lines)});
  return shortages;
}

void ReservationBatch::restock(Tx& tx, const std::string& id, const std::vector<Line>& lines,
                               const std::string& return_id, const std::string& actor) {
  const auto now = clock_.now();
  auto r = reservation_store::load(tx.sql(), id, true);
  if (!r || r->status != Status::committed || !reservation_store::record_return(tx.sql(), return_id, id, now)) return;
  std::vector<Movement> moves;
  std::set<std::string> skus;
  for (const auto& line : lines) {
    auto left = line.quantity;
    for (const auto& a : r->lines) {
      if (a.sku != line.sku || left == 0) continue;
      const auto back = std::min(left, a.quantity);
      moves.push_back({0, a.sku, a.warehouse_id, "return", back, 0, r->id, actor, "order return " + return_id, now});
      skus.insert(a.sku);
      left -= back;
    }
    if (left > 0)
      log::warn("inventory: a return names more units than the order's reservation held",
                {{"reservation_id", id}, {"sku", line.sku}, {"units", left}});
  }
  if (moves.empty()) return;
  auto rows = stock_store::lock(tx.sql(), sorted(skus));
  for (const auto& m : moves) shift(rows, m);
  const auto thresholded = stock_store::move(tx.sql(), moves);
  publish_stock_change(tx, sorted(skus), rows, "return", thresholded, cache_);
}

}  // namespace agora::inventory
