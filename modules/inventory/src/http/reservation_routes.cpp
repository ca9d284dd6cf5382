#include "http/reservation_json.hpp"
#include "http/routes.hpp"

namespace agora::inventory {
namespace {

using http::Method;
using http::Request;
using http::Response;

boost::json::value body_or_null(const Request& req) { return req.body.empty() ? boost::json::value() : req.json(); }

}  // namespace

void add_reservation_routes(http::Router& router, ReservationService& s, std::chrono::seconds max_ttl) {
  // Idempotency-Key (the platform's): the same key and body replay the first answer.
  router.add(Method::post, "/api/v1/inventory/reservations",
             [&s, max_ttl](const Request& req) {
               const auto created = s.create(parse_reservation_request(req.json(), max_ttl), req.user().user_id);
               auto r = Response::json(reservation_json(created), 201);
               r.headers.emplace_back("Location", "/api/v1/inventory/reservations/" + created.id);
               return r;
             },
             {.roles = kStaff.roles, .idempotent = true});
  router.add(
      Method::get, "/api/v1/inventory/reservations/{id}",
      [&s](const Request& req) { return Response::json(reservation_json(s.get(req.param("id")))); }, kStaff);
  router.add(
      Method::post, "/api/v1/inventory/reservations/{id}/extend",
      [&s, max_ttl](const Request& req) {
        return Response::json(reservation_json(s.extend(req.param("id"), parse_extension(body_or_null(req), max_ttl))));
      },
      kStaff);
  router.add(
      Method::post, "/api/v1/inventory/reservations/{id}/commit",
      [&s](const Request& req) {
        return Response::json(reservation_json(s.commit(req.param("id"), req.user().user_id)));
      },
      kStaff);
  router.add(
      Method::post, "/api/v1/inventory/reservations/{id}/release",
      [&s](const Request& req) {
        return Response::json(reservation_json(s.release(req.param("id"), req.user().user_id)));
      },
      kStaff);
}

}  // namespace agora::inventory
