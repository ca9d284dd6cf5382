#pragma once
// A reservation and the rules of its life: held until committed, released or expired.
#include "domain/allocation.hpp"

#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::inventory {

enum class Status { held, committed, released, expired, failed };
BOOST_DESCRIBE_ENUM(Status, held, committed, released, expired, failed)
std::string_view to_string(Status s) noexcept;

struct Reservation {
  std::string id;
  std::optional<std::string> order_id;
  Status status = Status::held;
  Timestamp expires_at;
  Timestamp created_at;
  Timestamp updated_at;
  std::vector<Allocation> lines;
};
BOOST_DESCRIBE_STRUCT(Reservation, (), (id, order_id, status, expires_at, created_at, updated_at, lines))

// What a commit or release does to a reservation in its current state.
enum class Step { apply, already_done };

// held (and not past expires_at) -> apply; committed -> already_done; anything else is Error{conflict}.
// `even_if_past`: held past expires_at applies too, as long as no sweep has given its units back (an
// order paid for keeps what is still held for it).
Step commit_step(const Reservation& r, Timestamp now, bool even_if_past = false);
// held -> apply; released, expired or failed -> already_done; committed is Error{conflict}, or
// apply with `restock`: a committed reservation may be released too, its stock put back on hand (an order
// cancelled before anything shipped).
Step release_step(const Reservation& r, bool restock = false);
// held and at or past expires_at -> apply; anything else -> already_done (an extended, settled or
// already expired reservation is left as it is).
Step expire_step(const Reservation& r, Timestamp now);
// The new expiry of a held reservation not yet past it: now + ttl, never earlier than it was.
Timestamp extended_expiry(const Reservation& r, Timestamp now, std::chrono::seconds ttl);

// Reservations are staff-wide (any staff member may extend, commit or release any of them), so
// what one caller may hold at once is capped instead: Error{conflict} naming `lines` when the
// `asked` units, with the `held` units of the caller's held reservations, would exceed `cap`
// (0: no cap).
void check_held_cap(std::int64_t held, std::int64_t asked, std::int64_t cap);

}  // namespace agora::inventory
