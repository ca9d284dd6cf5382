#pragma once
// The pricing admin API under /api/v1/admin/cart/ (role admin): tax-rates, tax-settings,
// shipping-zones, shipping-methods and discount-codes (bodies in pricing_admin_json.hpp).
#include "app/pricing_rules_service.hpp"

#include <agora/core/http.hpp>

namespace agora::cart {

void add_pricing_admin_routes(http::Router& router, PricingRulesService& rules);

}  // namespace agora::cart
