#pragma once
// Reserving and settling many requests in one transaction: the stock rows of all of them locked by
// one statement, each request decided in memory against those rows in turn (so a refused request
// writes nothing and changes nothing for the others), then one write of each kind, one
// inventory.stock_changed per SKU, and each reservation's own event.
#include "app/availability_cache.hpp"
#include "domain/allocation.hpp"
#include "domain/reservation.hpp"
#include "store/reservation_store.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/error.hpp>

#include <chrono>
#include <string>
#include <variant>
#include <vector>

namespace agora {
class Tx;
}

namespace agora::inventory {

struct ReserveRequest {
  std::vector<Line> lines;  // one per SKU (merge_lines)
  std::string region;
  std::chrono::seconds ttl{0};
  reservation_store::Origin origin;
  std::string actor;
  bool capped = false;  // counts against max_held_per_caller (a caller's direct reservation)
};
// The reservation held, or the short lines (nothing held), or why the request was refused.
using Reserved = std::variant<Reservation, std::vector<Shortage>, Error>;

struct SettleRequest {
  std::string id;
  std::string actor;
  std::string reason;    // of a release or expiry
  bool restock = false;  // a release may put a committed reservation's stock back on hand
  bool paid = false;     // a commit for an order paid for: a held reservation past its expiry commits too
};
struct Settlement {
  Reservation reservation;  // as it is after the request
  bool changed = false;     // false: it was settled already (or, for an expiry, not due)
};
// The settlement, or Error{not_found} / Error{conflict} as the reservation's state answers.
using Settled = std::variant<Settlement, Error>;

class ReservationBatch {
 public:
  ReservationBatch(const Clock& clock, Strategy strategy, std::int64_t max_held_per_caller, AvailabilityCache& cache)
      : clock_(clock), strategy_(strategy), max_held_per_caller_(max_held_per_caller), cache_(cache) {}

  // One answer per request, in order. Throws only when the transaction itself fails.
  std::vector<Reserved> reserve(Tx& tx, const std::vector<const ReserveRequest*>& requests);
  // to: committed, released or expired, the same for the whole batch (one movement kind per SKU
  // event). Ids must be uuids.
  std::vector<Settled> settle(Tx& tx, Status to, const std::vector<const SettleRequest*>& requests);
  // Puts `lines` of committed reservation `id` back on hand (return movements), in the warehouses
  // they were allocated from, once per `return_id`; a SKU or units the reservation did not hold are
  // passed over (and logged).
  void restock(Tx& tx, const std::string& id, const std::vector<Line>& lines, const std::string& return_id,
               const std::string& actor);
  // An order was paid for after its reservation `id` expired and gave its units back: the units are
  // taken off hand again where the reservation had them, and it is committed. The lines whose
  // warehouse has too few units now, when any has (nothing changes then); nullopt when the
  // reservation is not an expired one.
  std::optional<std::vector<Shortage>> commit_expired(Tx& tx, const std::string& id, const std::string& actor);

 private:
  const Clock& clock_;
  Strategy strategy_;
  std::int64_t max_held_per_caller_;
  AvailabilityCache& cache_;
};

}  // namespace agora::inventory
