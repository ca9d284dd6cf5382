#pragma once
// The pricing admin API in JSON: request bodies read field by field (one 422 lists every bad
// field), rules written as the API answers them. Money is integer minor units of the `currency`
// beside it; tax rates are integer parts per million (rate_ppm: 190000 is 19 %); percentages
// are integer basis points (percent_bp: 1500 is 15 %).
#include "app/pricing_rules_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>
#include <vector>

namespace agora::cart {

// {country, region?, category: standard|reduced|zero, rate_ppm: 0..1000000}
TaxRate parse_tax_rate(const boost::json::value& body);
// {tax_inclusive_currencies: [..], tax_inclusive_countries: [..]}
TaxSettings parse_tax_settings(const boost::json::value& body);
// {name, areas: [{country, region?}, ...]} (at least one area)
ShippingZone parse_shipping_zone(const boost::json::value& body);
// {zone_id, name, currency, flat_price?, bands?: [{up_to_grams, price}, ...] ascending,
//  free_over?: amount | null, active?}
ShippingMethod parse_shipping_method(const boost::json::value& body);
// {code (unless `named_by_path`), kind: percentage|fixed, percent_bp (percentage: 1..10000),
//  amounts (fixed: {"USD": 500, ...}), minimum_subtotal?: {"USD": 5000}, starts_at?, ends_at?,
//  usage_limit?, per_customer_limit?, skus?: [..], category_ids?: [..], active?}
DiscountCode parse_discount_code(const boost::json::value& body, bool named_by_path = false);

// A PATCH body put over the stored rule's JSON (`current`), to be read as a whole one: the rule
// keeps what the patch does not name. The `fixed` keys cannot be changed (and are left out).
boost::json::value patched(boost::json::object current, const boost::json::value& patch,
                           const std::vector<std::string_view>& fixed);

boost::json::object to_json(const TaxRate& r);
boost::json::object to_json(const TaxSettings& s);
boost::json::object to_json(const ShippingZone& z);
boost::json::object to_json(const ShippingMethod& m);
boost::json::object to_json(const DiscountCode& c);
boost::json::object to_json(const CodeUsage& u);

}  // namespace agora::cart
