#pragma once
// Reservations: allocate and hold stock all-or-nothing with an expiry; extend, commit, release;
// the sweeper expires what is due. Also the reactions to order and payment events.
#include "app/availability_cache.hpp"
#include "domain/inputs.hpp"
#include "domain/reservation.hpp"
#include "store/reservation_store.hpp"

#include <agora/core/clock.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace agora {
class Database;
class Tx;
struct Event;
}

namespace agora::inventory {

struct ReservationOptions {
  std::chrono::seconds ttl{900};
  std::chrono::seconds max_ttl{86400};
  Strategy strategy = Strategy::priority;
  std::size_t sweep_batch = 100;
  std::int64_t max_held_per_caller = 0;  // units; 0: no cap (reservations of orders are not counted)
};

class ReservationService {
 public:
  ReservationService(Database& db, const Clock& clock, ReservationOptions options, AvailabilityCache& cache,
                     std::function<bool(const std::string&)> sku_exists);

  // Error{validation} naming bad fields and unknown SKUs, Error{conflict} naming the short lines.
  Reservation create(const boost::json::value& body, const std::string& caller);
  Reservation get(const std::string& id);
  Reservation extend(const std::string& id, const boost::json::value& body);
  // Repeating a commit or a release answers the reservation as it is; a release after a commit
  // (and a commit after a release or expiry) is Error{conflict}.
  Reservation commit(const std::string& id, const std::string& actor);
  Reservation release(const std::string& id, const std::string& actor);
  // Expires held reservations past their expiry; returns how many.
  std::size_t sweep();

  // Subscriptions (inside the delivery's transaction); see include/agora/inventory/events.hpp.
  void on_order_created(Tx& tx, const Event& e);
  void on_order_settled(Tx& tx, const Event& e);  // payment.succeeded, order.confirmed
  void on_order_dropped(Tx& tx, const Event& e);  // order.cancelled, payment.failed

 private:
  // Locks, allocates and holds the lines, or returns the shortages with nothing written.
  std::variant<Reservation, std::vector<Shortage>> reserve(Tx& tx, const std::vector<Line>& lines,
                                                           const std::string& region, std::chrono::seconds ttl,
                                                           const reservation_store::Origin& origin,
                                                           const std::string& actor);
  // Moves the stock of a held reservation out (commit) or back (release, expiry) and publishes.
  void finish(Tx& tx, Reservation& r, Status to, const std::string& actor, const std::string& reason);
  Reservation settle(const std::string& id, Status to, const std::string& actor);

  Database& db_;
  const Clock& clock_;
  ReservationOptions options_;
  AvailabilityCache& cache_;
  std::function<bool(const std::string&)> sku_exists_;
};

}  // namespace agora::inventory
