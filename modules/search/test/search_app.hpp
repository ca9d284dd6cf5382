#pragma once
// A real agora server with the catalog, inventory and search modules on a fresh database, its own
// index directory, fixed exchange rates (EUR base; the catalog's base currency is USD), and callers
// named by their bearer token: "Bearer <role> <user id>". Helpers add products, categories and
// stock through the admin APIs and search as a shopper would.
#include "harness/bearer_roles.hpp"
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"
#include "harness/problems.hpp"
#include "harness/test_app.hpp"

#include <fmt/format.h>
#include <agora/catalog/module.hpp>
#include <agora/core/app.hpp>
#include <agora/core/ids.hpp>
#include <agora/fx/module.hpp>
#include <agora/inventory/module.hpp>
#include <agora/search/module.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <cctype>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace agora::search::test {
using agora::test::eventually;
using agora::test::HttpResult;
using Overrides = std::map<std::string, std::string>;

// A fresh directory under the system's temporary one, removed with the object.
struct TempDir {
  std::string path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "agora-search-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline Overrides with_defaults(Overrides o, const std::string& index_dir) {
  o.emplace("fx.providers", "fixed");
  o.emplace("fx.fixed_base", "EUR");
  o.emplace("fx.fixed_rates", "USD=1.25");
  o.emplace("search.index_dir", index_dir);
  o.emplace("search.locales", "en,de,fr");
  o.emplace("search.commit_interval_ms", "20");
  o.emplace("search.log_flush_ms", "20");
  o.emplace("search.suggest_refresh_ms", "100");
  return o;
}

struct ProductSpec {
  std::string title;
  std::string description;
  std::string brand = "Acme";
  std::string category_id;  // "" for none
  std::vector<std::pair<std::string, std::string>> attributes;
  std::int64_t cents = 1000;                                         // USD
  std::map<std::string, std::pair<std::string, std::string>> texts;  // other locales: title, description
  std::vector<std::string> sizes;  // one variant per size ("<slug>-<size>"); none: one variant without options
};

struct SearchApp : agora::test::TestApp {
  const std::string manager = "catalog_manager " + new_id();
  const std::string admin = "admin " + new_id();
  const std::string keeper = "warehouse " + new_id();

  explicit SearchApp(const std::string& index_dir, Overrides overrides = {})
      : SearchApp(agora::test::test_config(with_defaults(std::move(overrides), index_dir))) {}
  explicit SearchApp(Config c)
      : TestApp(std::move(c), {make_module, catalog::make_module, inventory::make_module, fx::make_module,
                               [] { return std::make_unique<agora::test::BearerRolesModule>(); }}) {
    REQUIRE(call("POST", "/api/v1/admin/fx/refresh", nullptr, admin).status == 200);
    REQUIRE(eventually([&] { return call("GET", "/api/v1/search").status == 200; }));
  }

  // The new product's id.
  std::string product(const ProductSpec& spec) {
    const auto slug = "p-" + new_id();
    boost::json::object texts{{"en", {{"title", spec.title}, {"description", spec.description}}}};
    for (const auto& [locale, text] : spec.texts) texts[locale] = {{"title", text.first}, {"description", text.second}};
    boost::json::object attributes;
    for (const auto& [name, value] : spec.attributes) attributes[name] = value;
    boost::json::object body{{"slug", slug},
                             {"status", "active"},
                             {"brand", spec.brand},
                             {"attributes", std::move(attributes)},
                             {"default_locale", "en"},
                             {"texts", std::move(texts)},
                             {"variants", boost::json::array()}};
    const auto price = boost::json::array{{{"currency", "USD"}, {"amount", spec.cents}}};
    auto& variants = body["variants"].as_array();
    if (spec.sizes.empty()) variants.push_back({{"sku", slug + "-1"}, {"prices", price}});
    for (const auto& size : spec.sizes)
      variants.push_back({{"sku", slug + "-" + size}, {"options", {{"size", size}}}, {"prices", price}});
    if (!spec.category_id.empty()) body["category_id"] = spec.category_id;
    const auto r = call("POST", "/api/v1/admin/catalog/products", body, manager);
    REQUIRE(r.status == 201);
    return std::string(r.json().at("id").as_string());
  }

  std::string category(const std::string& name, const std::string& parent_id = "") {
    boost::json::object body{{"slug", "c-" + new_id().substr(24)}, {"name", name}};
    if (!parent_id.empty()) body["parent_id"] = parent_id;
    const auto r = call("POST", "/api/v1/admin/catalog/categories", body, manager);
    REQUIRE(r.status == 201);
    return std::string(r.json().at("id").as_string());
  }

  void stock(const std::string& sku, std::int64_t quantity) {
    if (!warehouse_made_) {
      REQUIRE(call("POST", "/api/v1/admin/inventory/warehouses", {{"code", "main"}, {"name", "Main"}}, keeper).status ==
              201);
      warehouse_made_ = true;
    }
    REQUIRE(call("POST", "/api/v1/admin/inventory/movements",
                 {{"sku", sku}, {"warehouse", "main"}, {"kind", "receive"}, {"quantity", quantity}}, keeper)
                .status == 201);
  }

  HttpResult search(const std::string& query_string) { return call("GET", "/api/v1/search?" + query_string); }

  // The ids of the items a search answered, in order.
  std::vector<std::string> found(const std::string& query_string) {
    const auto r = search(query_string);
    REQUIRE(r.status == 200);
    std::vector<std::string> ids;
    const auto body = r.json();
    for (const auto& item : body.at("items").as_array()) ids.emplace_back(item.at("id").as_string());
    return ids;
  }

  // Waits until the index holds every change made so far (documents counted by the status route).
  void indexed(std::size_t documents) {
    REQUIRE(eventually([&] {
      const auto r = call("GET", "/api/v1/admin/search/status", nullptr, admin);
      return r.status == 200 && r.json().at("documents").to_number<std::size_t>() == documents;
    }));
  }

 private:
  bool warehouse_made_ = false;
};

inline std::string encoded(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

using agora::test::bad_fields;

}  // namespace agora::search::test
