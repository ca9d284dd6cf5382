#pragma once
// Cart requests read from JSON bodies into typed requests, and a priced cart shaped as JSON.
#include "app/cart_service.hpp"

#include <agora/core/http.hpp>
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
// If-Match: "7" or 7; Error{validation} naming If-Match for anything else.
CartService::Version if_match(const http::Request& req);

// A priced cart as JSON; `token`: a new guest cart's secret, shown this once.
std::string cart_text(const PricedCart& cart, std::string_view token = {});
// {"items": [...]}: the shipping options the cart can choose from, with their prices.
std::string shipping_options_text(const PricedCart& cart);
// The cart with its ETag header.
http::Response cart_response(const PricedCart& cart, unsigned status = 200, std::string_view token = {});

}  // namespace agora::cart
