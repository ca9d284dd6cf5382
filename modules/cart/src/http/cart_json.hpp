#pragma once
// Cart requests read from JSON bodies into typed requests, and a priced cart shaped as JSON.
#include "app/cart_service.hpp"

#include <agora/core/http.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

namespace agora::cart {

NewCart parse_new_cart(const boost::json::value& body);
struct LineRequest {
  std::string sku;
  std::int64_t quantity = 0;
};
LineRequest parse_line(const boost::json::value& body, std::int64_t max_quantity);
std::int64_t parse_quantity(const boost::json::value& body, std::int64_t max_quantity);  // 0 removes the line
std::string parse_sku(const boost::json::value& body);                                   // {"sku": ...}
AddressInput parse_address(const boost::json::value& body);
std::string parse_method(const boost::json::value& body);  // {"id": ...}
std::string parse_code(const boost::json::value& body);    // {"code": ...}

// The caller as the cart sees them: the principal's user id and the X-Cart-Token header.
Caller caller_of(const http::Request& req);
// If-Match: "7" or 7; Error{bad_request} for anything else.
CartService::Version if_match(const http::Request& req);

boost::json::object cart_json(const PricedCart& cart, const boost::json::storage_ptr& sp = {});
// The cart with its ETag header.
http::Response cart_response(const PricedCart& cart, unsigned status = 200);

}  // namespace agora::cart
