#pragma once
// SQL on inventory.reservations and inventory.reservation_lines.
#include "domain/reservation.hpp"

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::inventory::reservation_store {

// Who asked for a reservation: an order (from its events) or a caller (through the API).
struct Origin {
  std::optional<std::string> order_id;
  std::string caller;
};

struct NewReservation {
  Reservation reservation;
  Origin origin;
};

// Inserts the reservations and their lines in one statement; false when an order has one already
// (that one's lines are not written, and the caller rolls back).
bool insert(soci::session& sql, const std::vector<NewReservation>& rs);
// The id of the reservation made for this order.
std::optional<std::string> find(soci::session& sql, const std::string& order_id);
// Records that return `return_id` of the reservation's order was restocked; false when it was already.
bool record_return(soci::session& sql, const std::string& return_id, const std::string& reservation_id, Timestamp at);
// for_update locks the reservation row (before any stock row).
std::optional<Reservation> load(soci::session& sql, const std::string& id, bool for_update = false);
// The reservations with these ids (uuids) that exist, by id, in one statement; for_update locks them
// in id order (before any stock row).
std::vector<Reservation> load(soci::session& sql, const std::vector<std::string>& ids, bool for_update);
// Sets the reservations' status and updated_at, in one statement.
void set_status(soci::session& sql, const std::vector<std::string>& ids, Status status, Timestamp at);
void set_expiry(soci::session& sql, const std::string& id, Timestamp expires_at, Timestamp now);
// Serializes the reservations a caller makes, until the transaction ends.
void lock_caller(soci::session& sql, const std::string& caller);
// The units the caller's held reservations hold.
std::int64_t held_by(soci::session& sql, const std::string& caller);
// Held reservations past their expiry, oldest first.
std::vector<std::string> due(soci::session& sql, Timestamp now, std::size_t limit);

}  // namespace agora::inventory::reservation_store
