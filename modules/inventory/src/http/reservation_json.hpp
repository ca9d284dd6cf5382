#pragma once
// Reservations in JSON: a request's body read into a ReservationRequest (one 422 lists every bad
// field), a reservation written as the API answers it.
#include "app/reservation_service.hpp"
#include "domain/reservation.hpp"

#include <agora/core/fields.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace agora::inventory {

// The `lines` of a reservation request and of an order.created: 1 to kMaxLines {sku, quantity}, each
// problem named ("lines[1].quantity"). A request's line has no other keys; an order's line may
// carry more than inventory reads (other_keys_allowed).
std::vector<Line> read_lines(Fields& f, bool other_keys_allowed);
std::string shipping_region_field(Fields& f);

// {lines, shipping_region?, ttl_seconds? (1 to max_ttl)}
ReservationRequest parse_reservation_request(const boost::json::value& body, std::chrono::seconds max_ttl);
// {ttl_seconds?} of an extension, or no body at all (null).
std::optional<std::chrono::seconds> parse_extension(const boost::json::value& body, std::chrono::seconds max_ttl);

boost::json::object reservation_json(const Reservation& r);

}  // namespace agora::inventory
