#pragma once
// Reservations: allocate and hold stock all-or-nothing with an expiry; extend, commit, release;
// the sweeper expires what is due. Also the reactions to order and payment events.
#include "app/availability_cache.hpp"
#include "app/group_commit.hpp"
#include "app/reservation_batch.hpp"
#include "domain/lines.hpp"
#include "domain/reservation.hpp"
#include "store/reservation_store.hpp"

#include <agora/catalog/api.hpp>
#include <agora/core/clock.hpp>
#include <agora/inventory/order_events.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace agora {
class Database;
class Tx;
struct Event;
}  // namespace agora

namespace agora::inventory {

struct ReservationOptions {
  std::chrono::seconds ttl{900};
  std::chrono::seconds max_ttl{86400};
  Strategy strategy = Strategy::priority;
  std::size_t sweep_batch = 100;
  std::int64_t max_held_per_caller = 0;  // units; 0: no cap (reservations of orders are not counted)
  // Concurrent API requests of one kind (reserve, commit, release) run together in one transaction,
  // up to batch_max of them; requests of different lanes (by SKU, by reservation id) run side by side.
  std::size_t batch_max = 64;
  std::size_t batch_lanes = 1;
};

// POST /api/v1/inventory/reservations: lines as sent (a SKU may repeat; its quantities are summed).
struct ReservationRequest {
  std::vector<Line> lines;
  std::string shipping_region;
  std::optional<std::chrono::seconds> ttl;  // nullopt: the configured ttl
};

class ReservationService {
 public:
  // catalog: which SKUs exist and are for sale.
  ReservationService(Database& db, const Clock& clock, ReservationOptions options, AvailabilityCache& cache,
                     catalog::Api& catalog);

  // Error{validation} naming bad fields and SKUs unknown or not for sale, Error{conflict} naming the short lines.
  Reservation create(const ReservationRequest& request, const std::string& caller);
  Reservation get(const std::string& id);
  // Holds the reservation ttl from now (nullopt: the configured ttl), never shorter than it was.
  Reservation extend(const std::string& id, std::optional<std::chrono::seconds> ttl);
  // Repeating a commit or a release answers the reservation as it is; a release after a commit
  // (and a commit after a release or expiry) is Error{conflict}. create, commit and release join the
  // concurrent requests of their kind in one transaction (see group_commit.hpp); each answers as it
  // would alone.
  Reservation commit(const std::string& id, const std::string& actor);
  Reservation release(const std::string& id, const std::string& actor);
  // Expires held reservations past their expiry; returns how many.
  std::size_t sweep();

  // Reactions to order events (inside the delivery's transaction, e its envelope); see
  // include/agora/inventory/order_events.hpp.
  void on_order_created(Tx& tx, const order_events::Created& order, const Event& e);
  // Returned units back on hand where the order's stock came from, once per return.
  void on_return_received(Tx& tx, const order_events::ReturnReceived& ret, const Event& e);
  // Commits the order's reservation; one that expired before the order was placed is taken again if
  // its units are still there, or answered with inventory.reservation_failed.
  void on_order_placed(Tx& tx, const std::string& order_id, const Event& e);
  void on_order_cancelled(Tx& tx, const std::string& order_id, const Event& e);

 private:
  // Error{validation} naming each line whose SKU the catalog does not know or does not sell.
  void check_sellable(const std::vector<Line>& given);
  Reservation settle(const std::string& id, Status to, const std::string& actor);

  Database& db_;
  const Clock& clock_;
  ReservationOptions options_;
  AvailabilityCache& cache_;
  catalog::Api& catalog_;
  ReservationBatch batch_;
  GroupCommit<ReserveRequest, Reserved> reserves_;
  GroupCommit<SettleRequest, Settled> commits_;
  GroupCommit<SettleRequest, Settled> releases_;
};

}  // namespace agora::inventory
