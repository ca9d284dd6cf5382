#include "http/pricing_admin_routes.hpp"

#include "http/pricing_admin_json.hpp"

#include <agora/user/api.hpp>

namespace agora::cart {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kBase = "/api/v1/admin/cart/";

const http::RouteOptions& admin_only() {
  static const http::RouteOptions options{.roles = {std::string(user::kAdmin)}};
  return options;
}

template <class T>
Response list(const std::vector<T>& items) {
  boost::json::array a;
  for (const auto& x : items) a.push_back(to_json(x));
  return Response::json(boost::json::object{{"items", std::move(a)}});
}

Response created(const boost::json::object& body, const std::string& location) {
  auto r = Response::json(body, 201);
  r.headers.emplace_back("Location", location);
  return r;
}

// GET list, POST create, GET/PATCH/DELETE one (named by `{key}`) of a kind of rule, through
// the service's use cases; `key_of` says what a created rule is found by (its Location).
template <class T>
struct Resource {
  std::string path;  // "tax-rates"
  std::vector<T> (PricingRulesService::*all)();
  T (PricingRulesService::*get)(const std::string&);
  T (PricingRulesService::*create)(T);
  T (PricingRulesService::*update)(const std::string&, T);
  void (PricingRulesService::*remove)(const std::string&);
  T (*parse)(const boost::json::value&);         // a POST's body
  T (*parse_change)(const boost::json::value&);  // a PATCH's, put over the stored rule
  std::vector<std::string_view> fixed;           // keys a PATCH cannot change
  std::string (*key_of)(const T&);
};

template <class T>
void add_resource(http::Router& router, PricingRulesService& s, Resource<T> r) {
  const std::string base = std::string(kBase) + r.path;
  router.add(
      Method::get, base, [&s, r](const Request&) { return list((s.*r.all)()); }, admin_only());
  router.add(
      Method::post, base,
      [&s, r, base](const Request& req) {
        const auto rule = (s.*r.create)(r.parse(req.json()));
        return created(to_json(rule), base + "/" + r.key_of(rule));
      },
      admin_only());
  router.add(
      Method::get, base + "/{key}",
      [&s, r](const Request& req) { return Response::json(to_json((s.*r.get)(req.param("key")))); }, admin_only());
  router.add(
      Method::patch, base + "/{key}",
      [&s, r](const Request& req) {
        const auto& key = req.param("key");
        const auto body = patched(to_json((s.*r.get)(key)), req.json(), r.fixed);
        return Response::json(to_json((s.*r.update)(key, r.parse_change(body))));
      },
      admin_only());
  router.add(
      Method::del, base + "/{key}",
      [&s, r](const Request& req) {
        (s.*r.remove)(req.param("key"));
        return Response::empty();
      },
      admin_only());
}

}  // namespace

void add_pricing_admin_routes(http::Router& router, PricingRulesService& rules) {
  using S = PricingRulesService;
  add_resource<TaxRate>(router, rules,
                        {"tax-rates",
                         &S::tax_rates,
                         &S::tax_rate,
                         &S::create_tax_rate,
                         &S::update_tax_rate,
                         &S::remove_tax_rate,
                         parse_tax_rate,
                         parse_tax_rate,
                         {"id"},
                         [](const TaxRate& r) { return r.id; }});
  add_resource<ShippingZone>(router, rules,
                             {"shipping-zones",
                              &S::shipping_zones,
                              &S::shipping_zone,
                              &S::create_shipping_zone,
                              &S::update_shipping_zone,
                              &S::remove_shipping_zone,
                              parse_shipping_zone,
                              parse_shipping_zone,
                              {"id"},
                              [](const ShippingZone& z) { return z.id; }});
  add_resource<ShippingMethod>(router, rules,
                               {"shipping-methods",
                                &S::shipping_methods,
                                &S::shipping_method,
                                &S::create_shipping_method,
                                &S::update_shipping_method,
                                &S::remove_shipping_method,
                                parse_shipping_method,
                                parse_shipping_method,
                                {"id"},
                                [](const ShippingMethod& m) { return m.id; }});
  add_resource<DiscountCode>(router, rules,
                             {"discount-codes",
                              &S::discount_codes,
                              &S::discount_code,
                              &S::create_discount_code,
                              &S::update_discount_code,
                              &S::remove_discount_code,
                              [](const boost::json::value& body) { return parse_discount_code(body); },
                              // A PATCH names the code by its path.
                              [](const boost::json::value& body) { return parse_discount_code(body, true); },
                              {"code", "used"},
                              [](const DiscountCode& c) { return c.code; }});

  const std::string settings = std::string(kBase) + "tax-settings";
  router.add(
      Method::get, settings, [&rules](const Request&) { return Response::json(to_json(rules.tax_settings())); },
      admin_only());
  router.add(
      Method::put, settings,
      [&rules](const Request& req) {
        return Response::json(to_json(rules.set_tax_settings(parse_tax_settings(req.json()))));
      },
      admin_only());
  router.add(
      Method::get, std::string(kBase) + "discount-codes/{key}/usage",
      [&rules](const Request& req) { return Response::json(to_json(rules.code_usage(req.param("key")))); },
      admin_only());
}

}  // namespace agora::cart
