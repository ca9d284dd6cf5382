#include "http/pricing_admin_routes.hpp"

#include "http/cart_schemas.hpp"
#include "http/pricing_admin_json.hpp"
#include "http/pricing_admin_schemas.hpp"

#include <agora/user/api.hpp>

namespace agora::cart {
namespace {

using http::Method;
using http::Request;
using http::Response;
using schemas::schema_ref;

constexpr std::string_view kBase = "/api/v1/admin/cart/";

http::RouteOptions admin_only(http::RouteDoc doc) {
  return {.roles = {std::string(user::kAdmin)}, .doc = std::move(doc)};
}

std::string list_of(std::string_view schema) {
  return R"({"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": )" +
         schema_ref(schema) + "}}}";
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

// What the API document says of a kind of rule: its schema's name (<name>Input is its bodies'),
// the keys a POST requires, the rule in words, and the conflicts (409) creating, changing and
// removing one can meet.
struct ResourceDoc {
  std::string_view schema;           // "CartTaxRate"
  std::string_view required;         // JSON array text
  std::string_view noun;             // "tax rate"
  std::string_view patch_rule = {};  // JSON Schema members a PATCH body adds to <name>Input
  std::vector<unsigned> create_problems = {};
  std::vector<unsigned> update_problems = {};
  std::vector<unsigned> remove_problems = {};
};

// GET list, POST create, GET/PATCH/DELETE one (named by `{key}`) of a kind of rule, through
// the service's use cases; `key_of` says what a created rule is found by (its Location).
template <class T>
struct Resource {
  std::string path;  // "tax-rates"
  ResourceDoc doc;
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
  const std::string noun(r.doc.noun), input = schema_ref(std::string(r.doc.schema) + "Input");
  router.add(
      Method::get, base, [&s, r](const Request&) { return list((s.*r.all)()); },
      admin_only({.summary = "Every " + noun, .response = list_of(r.doc.schema)}));
  router.add(
      Method::post, base,
      [&s, r, base](const Request& req) {
        const auto rule = (s.*r.create)(r.parse(req.json()));
        return created(to_json(rule), base + "/" + r.key_of(rule));
      },
      admin_only({.summary = "Creates a " + noun,
                  .request = R"({"allOf": [)" + input + R"(], "required": )" + std::string(r.doc.required) + "}",
                  .response = schema_ref(r.doc.schema),
                  .status = 201,
                  .problems = r.doc.create_problems,
                  .headers = {"Location"}}));
  router.add(
      Method::get, base + "/{key}",
      [&s, r](const Request& req) { return Response::json(to_json((s.*r.get)(req.param("key")))); },
      admin_only({.summary = "A " + noun, .response = schema_ref(r.doc.schema)}));
  router.add(
      Method::patch, base + "/{key}",
      [&s, r](const Request& req) {
        const auto& key = req.param("key");
        const auto body = patched(to_json((s.*r.get)(key)), req.json(), r.fixed);
        return Response::json(to_json((s.*r.update)(key, r.parse_change(body))));
      },
      admin_only({.summary = "Changes a " + noun + ": the keys given, the rest as it was",
                  .request = R"({"allOf": [)" + input + "]" +
                             (r.doc.patch_rule.empty() ? "" : ", " + std::string(r.doc.patch_rule)) + "}",
                  .response = schema_ref(r.doc.schema),
                  .problems = r.doc.update_problems}));
  router.add(
      Method::del, base + "/{key}",
      [&s, r](const Request& req) {
        (s.*r.remove)(req.param("key"));
        return Response::empty();
      },
      admin_only({.summary = "Removes a " + noun, .status = 204, .problems = r.doc.remove_problems}));
}

}  // namespace

void add_pricing_admin_routes(http::Router& router, PricingRulesService& rules) {
  using S = PricingRulesService;
  namespace d = schemas;
  router.schema("CartTaxRate", d::kTaxRate);
  router.schema("CartTaxRateInput", d::kTaxRateInput);
  router.schema("CartTaxSettings", d::kTaxSettings);
  router.schema("CartTaxSettingsInput", d::kTaxSettingsInput);
  router.schema("CartShippingZone", d::kShippingZone);
  router.schema("CartShippingZoneInput", d::kShippingZoneInput);
  router.schema("CartShippingMethod", d::kShippingMethod);
  router.schema("CartShippingMethodInput", d::kShippingMethodInput);
  router.schema("CartDiscountCode", d::kDiscountCode);
  router.schema("CartDiscountCodeInput", d::kDiscountCodeInput);
  router.schema("CartDiscountCodeUsage", d::kDiscountCodeUsage);

  add_resource<TaxRate>(router, rules,
                        {"tax-rates",
                         // Another rate of the same country, region and category is a conflict.
                         {"CartTaxRate", d::kTaxRateRequired, "tax rate", {}, {409}, {409}, {}},
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
                              // A zone that shipping methods use cannot be removed.
                              {"CartShippingZone", d::kShippingZoneRequired, "shipping zone", {}, {}, {}, {409}},
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
                                {"CartShippingMethod", d::kShippingMethodRequired, "shipping method"},
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
                              // A code that exists is a conflict; one that orders redeemed cannot be removed.
                              {"CartDiscountCode",
                               d::kDiscountCodeRequired,
                               "discount code",
                               R"("not": {"required": ["code"]})",
                               {409},
                               {},
                               {409}},
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
      admin_only({.summary = "Where prices include tax", .response = schema_ref("CartTaxSettings")}));
  router.add(
      Method::put, settings,
      [&rules](const Request& req) {
        return Response::json(to_json(rules.set_tax_settings(parse_tax_settings(req.json()))));
      },
      admin_only({.summary = "Replaces where prices include tax",
                  .request = schema_ref("CartTaxSettingsInput"),
                  .response = schema_ref("CartTaxSettings")}));
  router.add(
      Method::get, std::string(kBase) + "discount-codes/{key}/usage",
      [&rules](const Request& req) { return Response::json(to_json(rules.code_usage(req.param("key")))); },
      admin_only({.summary = "How often a discount code was redeemed, by customer",
                  .response = schema_ref("CartDiscountCodeUsage")}));
}

}  // namespace agora::cart
