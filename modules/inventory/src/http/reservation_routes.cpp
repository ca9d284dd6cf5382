#include "http/reservation_json.hpp"
#include "http/routes.hpp"

namespace agora::inventory {
namespace {

using http::Method;
using http::Request;
using http::Response;

boost::json::value body_or_null(const Request& req) { return req.body.empty() ? boost::json::value() : req.json(); }

// A reservation as reservation_json writes it, for the API document (GET /api/v1/openapi.json).
constexpr std::string_view kReservation = R"json({
  "type": "object",
  "description": "Stock held for a while, line by line from the warehouses it was allocated in",
  "required": ["id", "order_id", "status", "expires_at", "created_at", "updated_at", "lines"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "order_id": {"type": ["string", "null"], "format": "uuid", "description": "The order it holds stock for, if any"},
    "status": {"enum": ["held", "committed", "released", "expired", "failed"]},
    "expires_at": {"type": "string", "format": "date-time"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"},
    "lines": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["sku", "quantity", "warehouse_id"],
        "properties": {
          "sku": {"type": "string"},
          "quantity": {"type": "integer"},
          "warehouse_id": {"type": "string", "format": "uuid"}
        }
      }
    }
  }
})json";

constexpr std::string_view kReservationRef = R"({"$ref": "#/components/schemas/InventoryReservation"})";

// ttl_seconds of a request or an extension: up to the configured maximum.
std::string ttl_schema(std::chrono::seconds max_ttl) {
  return R"("ttl_seconds": {"type": "integer", "minimum": 1, "maximum": )" + std::to_string(max_ttl.count()) +
         R"json(, "description": "How long it holds (default: inventory.reservation_ttl_s)"})json";
}

std::string reservation_request(std::chrono::seconds max_ttl) {
  return R"json({
  "type": "object",
  "required": ["lines"],
  "additionalProperties": false,
  "properties": {
    "lines": {
      "type": "array",
      "minItems": 1,
      "maxItems": 100,
      "items": {
        "type": "object",
        "required": ["sku", "quantity"],
        "additionalProperties": false,
        "properties": {
          "sku": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$", "description": "A SKU for sale"},
          "quantity": {"type": "integer", "minimum": 1, "maximum": 1000000000}
        }
      }
    },
    "shipping_region": {"type": "string", "maxLength": 64, "description": "Warehouses of this region first (with the region strategy)"},
    )json" +
         ttl_schema(max_ttl) + "}}";
}

}  // namespace

void add_reservation_routes(http::Router& router, ReservationService& s, std::chrono::seconds max_ttl) {
  router.schema("InventoryReservation", kReservation);
  // Idempotency-Key (the platform's): the same key and body replay the first answer.
  router.add(Method::post, "/api/v1/inventory/reservations",
             [&s, max_ttl](const Request& req) {
               const auto created = s.create(parse_reservation_request(req.json(), max_ttl), req.user().user_id);
               auto r = Response::json(reservation_json(created), 201);
               r.headers.emplace_back("Location", "/api/v1/inventory/reservations/" + created.id);
               return r;
             },
             {.roles = kStaff.roles,
              .idempotent = true,
              .doc = {.summary = "Reserves stock, all lines or none (409 naming the short lines, or past the "
                                 "caller's cap of units held)",
                      .request = reservation_request(max_ttl),
                      .response = std::string(kReservationRef),
                      .status = 201,
                      .headers = {"Location"}}});
  router.add(
      Method::get, "/api/v1/inventory/reservations/{id}",
      [&s](const Request& req) { return Response::json(reservation_json(s.get(req.param("id")))); },
      staff({.summary = "A reservation", .response = std::string(kReservationRef)}));
  router.add(
      Method::post, "/api/v1/inventory/reservations/{id}/extend",
      [&s, max_ttl](const Request& req) {
        return Response::json(reservation_json(s.extend(req.param("id"), parse_extension(body_or_null(req), max_ttl))));
      },
      staff({.summary = "Holds a reservation longer (the body may be left out: the default time); 409 once it is no "
                        "longer held",
             .request =
                 R"({"type": "object", "additionalProperties": false, "properties": {)" + ttl_schema(max_ttl) + "}}",
             .response = std::string(kReservationRef),
             .problems = {409}}));
  router.add(
      Method::post, "/api/v1/inventory/reservations/{id}/commit",
      [&s](const Request& req) {
        return Response::json(reservation_json(s.commit(req.param("id"), req.user().user_id)));
      },
      staff({.summary = "Takes a reservation's stock off hand: sold (again: no change); 409 once expired or released",
             .response = std::string(kReservationRef),
             .problems = {409}}));
  router.add(
      Method::post, "/api/v1/inventory/reservations/{id}/release",
      [&s](const Request& req) {
        return Response::json(reservation_json(s.release(req.param("id"), req.user().user_id)));
      },
      staff({.summary = "Gives a reservation's stock back (again: no change); 409 once committed",
             .response = std::string(kReservationRef),
             .problems = {409}}));
}

}  // namespace agora::inventory
