#pragma once
// Checkout requests read into types, and orders written as JSON text.
#include "app/checkout_service.hpp"
#include "app/fulfillment_service.hpp"
#include "app/order_service.hpp"
#include "app/return_service.hpp"
#include "domain/order.hpp"

#include <agora/core/http.hpp>

#include <string>

namespace agora::order {

// The body and its Idempotency-Key header (required, 1 to 255 visible ASCII characters):
// Error{validation} listing every bad field and the header; Error{bad_request} when it is not JSON.
CheckoutRequest parse_checkout(const http::Request& req);
// {carrier, tracking_number, lines?: [{sku, quantity}]}: Error{validation} listing every bad field.
NewFulfillment parse_fulfillment(const boost::json::value& body);
// {lines: [{sku, quantity}], reason?}.
NewReturn parse_return(const boost::json::value& body);
// `guest_token`: shown to the guest who just checked out ("" otherwise).
std::string order_json(const Order& o, const std::string& guest_token = {});
std::string page_json(const OrderPage& page);  // orders without their lines (GET one for those)

}  // namespace agora::order
