#include "app/views.hpp"
#include "http/routes.hpp"

namespace agora::inventory {
namespace {

using http::Method;
using http::Request;
using http::Response;

boost::json::value body_or_null(const Request& req) { return req.body.empty() ? boost::json::value() : req.json(); }

}  // namespace

void add_reservation_routes(http::Router& router, ReservationService& s) {
  // Idempotency-Key (the platform's): the same key and body replay the first answer.
  router.add(Method::post, "/api/v1/inventory/reservations", [&s](const Request& req) {
    const auto created = s.create(req.json(), req.user().user_id);
    auto r = Response::json(reservation_view(created), 201);
    r.headers.emplace_back("Location", "/api/v1/inventory/reservations/" + created.id);
    return r;
  }, {.roles = kStaff.roles, .idempotent = true});
  router.add(Method::get, "/api/v1/inventory/reservations/{id}", [&s](const Request& req) {
    return Response::json(reservation_view(s.get(req.param("id"))));
  }, kStaff);
  router.add(Method::post, "/api/v1/inventory/reservations/{id}/extend", [&s](const Request& req) {
    return Response::json(reservation_view(s.extend(req.param("id"), body_or_null(req))));
  }, kStaff);
  router.add(Method::post, "/api/v1/inventory/reservations/{id}/commit", [&s](const Request& req) {
    return Response::json(reservation_view(s.commit(req.param("id"), req.user().user_id)));
  }, kStaff);
  router.add(Method::post, "/api/v1/inventory/reservations/{id}/release", [&s](const Request& req) {
    return Response::json(reservation_view(s.release(req.param("id"), req.user().user_id)));
  }, kStaff);
}

}  // namespace agora::inventory
