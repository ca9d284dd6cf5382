#pragma once
// A real agora server with the fx and catalog modules on a fresh database, fixed exchange rates
// (EUR base: 1 USD = 0.92 EUR-ish, 1 EUR = 162 JPY), a manual clock, and callers named by their
// bearer token: "Bearer <role> <user id>".
#include "harness/bearer_roles.hpp"
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"
#include "harness/problems.hpp"
#include "harness/test_app.hpp"

#include <agora/catalog/module.hpp>
#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/http.hpp>
#include <agora/core/ids.hpp>
#include <agora/fx/module.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <thread>

namespace agora::catalog::test {
using agora::test::eventually;

using agora::test::HttpResult;
using Overrides = std::map<std::string, std::string>;

inline Overrides with_rates(Overrides o) {
  o.emplace("fx.providers", "fixed");
  o.emplace("fx.fixed_base", "EUR");
  o.emplace("fx.fixed_rates", "USD=1.25,JPY=162.5,KWD=0.3321");
  return o;
}

struct CatalogApp : agora::test::TestApp {
  const std::string manager = "catalog_manager " + new_id();
  const std::string admin = "admin " + new_id();

  explicit CatalogApp(Overrides overrides = {})
      : CatalogApp(agora::test::test_config(with_rates(std::move(overrides)))) {}
  explicit CatalogApp(Config c)
      : TestApp(std::move(c),
                {[] { return std::make_unique<agora::test::BearerRolesModule>(); }, fx::make_module, make_module}) {
    REQUIRE(call("POST", "/api/v1/admin/fx/refresh", nullptr, admin).status == 200);
  }
};

// A valid create body: one variant per SKU, priced in USD (the base currency) at `cents`.
inline boost::json::object product_body(const std::string& slug, std::vector<std::string> skus,
                                        std::int64_t cents = 1999) {
  boost::json::array variants;
  for (const auto& sku : skus)
    variants.push_back({{"sku", sku},
                        {"options", {{"size", "M"}}},
                        {"weight_grams", 250},
                        {"prices", {{{"currency", "USD"}, {"amount", cents}}}}});
  return {{"slug", slug},
          {"status", "active"},
          {"brand", "Acme"},
          {"attributes", {{"material", "linen"}}},
          {"default_locale", "en"},
          {"texts",
           {{"en", {{"title", "Linen shirt"}, {"description", "Cool.\nComfortable."}}},
            {"de", {{"title", "Leinenhemd"}, {"description", ""}}}}},
          {"variants", std::move(variants)}};
}

inline std::string id_of(const HttpResult& r) { return std::string(r.json().at("id").as_string()); }

using agora::test::bad_fields;

}  // namespace agora::catalog::test
