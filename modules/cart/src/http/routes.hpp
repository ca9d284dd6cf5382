#pragma once
// The cart's routes under /api/v1/carts: guests carry X-Cart-Token, customers their access token.
#include "app/cart_service.hpp"

#include <agora/core/http.hpp>

namespace agora::cart {

void add_cart_routes(http::Router& router, CartService& carts, const Caps& caps);

}  // namespace agora::cart
