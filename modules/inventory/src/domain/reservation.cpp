#include "domain/reservation.hpp"

#include <agora/core/error.hpp>

#include <boost/describe/enum_to_string.hpp>

#include <algorithm>

namespace agora::inventory {
namespace {

Error conflict(const Reservation& r, std::string_view action) {
  return Error(ErrorKind::conflict,
               "a " + std::string(to_string(r.status)) + " reservation cannot be " + std::string(action));
}

bool past(const Reservation& r, Timestamp now) { return r.status == Status::held && now >= r.expires_at; }

}  // namespace

std::string_view to_string(Status s) noexcept { return boost::describe::enum_to_string(s, "?"); }

Step commit_step(const Reservation& r, Timestamp now, bool even_if_past) {
  if (r.status == Status::committed) return Step::already_done;
  if (past(r, now) && !even_if_past) throw Error(ErrorKind::conflict, "the reservation has expired");
  if (r.status != Status::held) throw conflict(r, "committed");
  return Step::apply;
}

Step release_step(const Reservation& r, bool restock) {
  if (r.status == Status::held) return Step::apply;
  if (r.status == Status::committed) {
    if (restock) return Step::apply;
    throw conflict(r, "released");
  }
  return Step::already_done;
}

Step expire_step(const Reservation& r, Timestamp now) { return past(r, now) ? Step::apply : Step::already_done; }

Timestamp extended_expiry(const Reservation& r, Timestamp now, std::chrono::seconds ttl) {
  if (past(r, now)) throw Error(ErrorKind::conflict, "the reservation has expired");
  if (r.status != Status::held) throw conflict(r, "extended");
  return std::max(r.expires_at, now + ttl);
}

void check_held_cap(std::int64_t held, std::int64_t asked, std::int64_t cap) {
  if (cap == 0 || held + asked <= cap) return;
  throw Error(ErrorKind::conflict,
              "a caller may hold at most " + std::to_string(cap) + " units in reservations at once",
              {{"lines", std::to_string(asked) + " units asked, " + std::to_string(held) +
                             " already held by you; commit or release reservations first"}});
}

}  // namespace agora::inventory
