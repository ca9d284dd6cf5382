// Products through the real server: validation naming fields with nothing half-written, roles,
// prices in other currencies, sales on a clock, cached pages with ETags kept fresh by events,
// listings, NDJSON import and export, and catalog::Api.
#include "catalog_app.hpp"

#include <agora/catalog/api.hpp>
#include <agora/catalog/events.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace agora;
using namespace agora::catalog;
using namespace agora::catalog::test;

namespace {

std::string create(CatalogApp& c, const boost::json::object& body) {
  const auto r = c.call("POST", "/api/v1/admin/catalog/products", body, c.manager);
  REQUIRE(r.status == 201);
  return id_of(r);
}

std::string variant_id(const HttpResult& r, std::size_t i = 0) {
  return std::string(r.json().at("variants").at(i).at("id").as_string());
}

}  // namespace

TEST_CASE("bad product input is refused field by field, and nothing is half-written") {
  CatalogApp c;
  auto body = product_body("linen-shirt", {"LS-M", "bad sku!"});
  body["variants"].as_array()[0].as_object()["prices"] = {{{"currency", "USD"}, {"amount", -5}},
                                                          {{"currency", "XXY"}, {"amount", 100}}};
  auto r = c.call("POST", "/api/v1/admin/catalog/products", body, c.manager);
  REQUIRE(r.status == 422);
  REQUIRE(bad_fields(r) == std::vector<std::string>{"variants[0].prices[0].amount", "variants[0].prices[1].currency",
                                                    "variants[1].sku"});
  REQUIRE(c.count("SELECT count(*) FROM catalog.products") == 0);
  REQUIRE(c.count("SELECT count(*) FROM catalog.variants") == 0);

  auto no_base = product_body("no-base", {"NB-1"});
  no_base["variants"].as_array()[0].as_object()["prices"] = {{{"currency", "EUR"}, {"amount", 100}}};
  REQUIRE(bad_fields(c.call("POST", "/api/v1/admin/catalog/products", no_base, c.manager)) ==
          std::vector<std::string>{"variants[0].prices"});

  create(c, product_body("linen-shirt", {"LS-M"}));
  r = c.call("POST", "/api/v1/admin/catalog/products", product_body("linen-shirt", {"LS-L", "LS-M"}), c.manager);
  REQUIRE(r.status == 409);
  REQUIRE(bad_fields(r) == std::vector<std::string>{"slug", "variants[1].sku"});
  REQUIRE(c.count("SELECT count(*) FROM catalog.variants") == 1);
  REQUIRE(c.call("POST", "/api/v1/admin/catalog/products", "not an object", c.manager).status == 400);
  REQUIRE(c.call("POST", "/api/v1/admin/catalog/products", {{"slug", "x"}, {"roles", 1}}, c.manager).status == 422);
  const auto id = create(c, product_body("oak-table", {"OT-1"}));
  const auto variants = "/api/v1/admin/catalog/products/" + id + "/variants";
  REQUIRE(c.call("POST", variants, boost::json::array{1}, c.manager).status == 400);
  const auto variant = c.call("POST", variants, {{"sku", "OT 2"}, {"colour", "red"}}, c.manager);
  REQUIRE(variant.status == 422);
  REQUIRE(bad_fields(variant) == std::vector<std::string>{"colour", "prices", "sku"});
}

TEST_CASE("an unknown product, variant or slug is a 404 naming what was asked for") {
  CatalogApp c;
  const auto unknown = new_id();
  for (const std::string& id : {unknown, std::string("not-a-uuid")}) {
    INFO(id);
    const auto admin = c.call("GET", "/api/v1/admin/catalog/products/" + id, nullptr, c.manager);
    REQUIRE(admin.status == 404);
    REQUIRE(agora::test::problem(admin).at("detail") == boost::json::value("no product with id " + id));
    const auto variant = c.call("PATCH", "/api/v1/admin/catalog/variants/" + id, {{"weight_grams", 1}}, c.manager);
    REQUIRE(variant.status == 404);
    REQUIRE(agora::test::problem(variant).at("detail") == boost::json::value("no variant with id " + id));
    REQUIRE(c.call("GET", "/api/v1/catalog/products/" + id).status == 404);
  }
  create(c, [] {
    auto draft = product_body("draft-lamp", {"DL-1"});
    draft["status"] = "draft";
    return draft;
  }());
  for (const std::string slug : {"no-such-lamp", "draft-lamp"}) {
    const auto page = c.call("GET", "/api/v1/catalog/products/by-slug/" + slug);
    REQUIRE(page.status == 404);
    REQUIRE(agora::test::problem(page).at("detail") == boost::json::value("no product with slug " + slug));
  }
}

TEST_CASE("customers and anonymous callers cannot write the catalog") {
  CatalogApp c;
  const auto body = product_body("shirt", {"S-1"});
  REQUIRE(c.call("POST", "/api/v1/admin/catalog/products", body).status == 401);
  REQUIRE(c.call("POST", "/api/v1/admin/catalog/products", body, "customer " + new_id()).status == 403);
  const auto id = create(c, body);
  REQUIRE(c.call("DELETE", "/api/v1/admin/catalog/products/" + id, nullptr, "customer " + new_id()).status == 403);
  REQUIRE(c.call("POST", "/api/v1/admin/catalog/products/import", nullptr, "customer " + new_id()).status == 403);
  REQUIRE(c.call("GET", "/api/v1/catalog/products/" + id).status == 200);
}

TEST_CASE("a currency without an explicit price is converted from the base currency and marked converted") {
  CatalogApp c;
  auto body = product_body("mug", {"MUG-1", "MUG-2"}, 1000);
  body["variants"].as_array()[1].as_object()["prices"] = {{{"currency", "USD"}, {"amount", 1250}},
                                                          {{"currency", "JPY"}, {"amount", 1500}}};
  const auto id = create(c, body);
  const auto page = c.call("GET", "/api/v1/catalog/products/" + id + "?currency=JPY&locale=de-CH").json();
  REQUIRE(page.at("locale") == "de");
  REQUIRE(page.at("title") == "Leinenhemd");
  // 10.00 USD = 8.00 EUR = 1300 JPY (rates 1.25 USD and 162.5 JPY per EUR)
  REQUIRE(page.at("variants").at(0).at("price") == boost::json::object{{"amount", 1300}, {"currency", "JPY"}});
  REQUIRE(page.at("variants").at(0).at("converted") == true);
  REQUIRE(page.at("variants").at(1).at("price") == boost::json::object{{"amount", 1500}, {"currency", "JPY"}});
  REQUIRE(page.at("variants").at(1).at("converted") == false);
  REQUIRE(page.at("price_from").at("amount") == 1300);
  const auto kwd = c.call("GET", "/api/v1/catalog/products/" + id + "?currency=KWD").json();
  REQUIRE(kwd.at("variants").at(0).at("price").at("amount") == 2657);  // 8 EUR x 0.3321 = 2.6568 KWD
  const auto bad = c.call("GET", "/api/v1/catalog/products/" + id + "?currency=EURO&locale=x%20y");
  REQUIRE(bad_fields(bad) == std::vector<std::string>{"currency", "locale"});
}

TEST_CASE("a sale price holds only within its window, with the regular price as the compare-at price") {
  CatalogApp c;
  const auto created =
      c.call("POST", "/api/v1/admin/catalog/products", product_body("lamp", {"LAMP-1"}, 5000), c.manager);
  const auto id = id_of(created);
  const auto starts = c.clock.now() + std::chrono::hours(1);
  const auto ends = c.clock.now() + std::chrono::hours(2);
  const auto r = c.call(
      "PUT", "/api/v1/admin/catalog/variants/" + variant_id(created) + "/prices",
      {{"prices",
        {{{"currency", "USD"}, {"amount", 5000}},
         {{"currency", "USD"}, {"amount", 3500}, {"starts_at", to_rfc3339(starts)}, {"ends_at", to_rfc3339(ends)}}}}},
      c.manager);
  REQUIRE(r.status == 200);
  const auto price = [&] { return c.call("GET", "/api/v1/catalog/products/" + id).json().at("variants").at(0); };
  REQUIRE(price().at("price").at("amount") == 5000);
  c.clock.advance(std::chrono::minutes(90));
  REQUIRE(price().at("price").at("amount") == 3500);
  REQUIRE(price().at("compare_at").at("amount") == 5000);
  c.clock.advance(std::chrono::hours(1));
  REQUIRE(price().at("price").at("amount") == 5000);
  REQUIRE(price().at("compare_at").is_null());
}

TEST_CASE("sale windows outside 1970 to 2199 are refused naming the field, never wrapped to another time") {
  CatalogApp c;
  const auto created =
      c.call("POST", "/api/v1/admin/catalog/products", product_body("lamp", {"LAMP-1"}, 5000), c.manager);
  const auto r = c.call("PUT", "/api/v1/admin/catalog/variants/" + variant_id(created) + "/prices",
                        {{"prices",
                          {{{"currency", "USD"}, {"amount", 5000}},
                           {{"currency", "USD"},
                            {"amount", 3500},
                            {"starts_at", "1600-01-01T00:00:00Z"},
                            {"ends_at", "2262-04-12T00:00:00Z"}}}}},
                        c.manager);
  REQUIRE(r.status == 422);
  REQUIRE(bad_fields(r) == std::vector<std::string>{"prices[1].ends_at", "prices[1].starts_at"});

  auto forever = product_body("forever", {"FOR-1"});
  forever["variants"].as_array()[0].as_object()["prices"] = {
      {{"currency", "USD"}, {"amount", 1999}},
      {{"currency", "USD"}, {"amount", 999}, {"ends_at", "9999-12-31T23:59:59Z"}}};
  const auto refused = c.call("POST", "/api/v1/admin/catalog/products", forever, c.manager);
  REQUIRE(refused.status == 422);
  REQUIRE(bad_fields(refused) == std::vector<std::string>{"variants[0].prices[1].ends_at"});
}

TEST_CASE("a currency without an exchange rate is a 422 naming currency on listings, pages and catalog::Api") {
  CatalogApp c;  // rates for USD, JPY and KWD, none for GBP
  const auto id = create(c, product_body("kettle", {"KT-1"}, 2500));
  REQUIRE(c.call("GET", "/api/v1/catalog/products?currency=JPY&sort=price").status == 200);
  for (const std::string query : {"currency=GBP&sort=price", "currency=GBP&sort=-price", "currency=GBP"}) {
    INFO(query);
    const auto listed = c.call("GET", "/api/v1/catalog/products?" + query);
    REQUIRE(listed.status == 422);
    REQUIRE(bad_fields(listed) == std::vector<std::string>{"currency"});
    REQUIRE(std::string(listed.json().at("detail").as_string()).find("GBP") != std::string::npos);
  }
  const auto page = c.call("GET", "/api/v1/catalog/products/" + id + "?currency=GBP");
  REQUIRE(page.status == 422);
  REQUIRE(bad_fields(page) == std::vector<std::string>{"currency"});
  try {
    c.app.platform().services.get<catalog::Api>().variant_by_sku("KT-1", "GBP");
    FAIL("priced in GBP without a rate");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::validation);
    REQUIRE(e.fields().at(0).field == "currency");
  }
}

TEST_CASE("a listing cursor this listing did not give out is a 422 naming cursor, whatever the currency") {
  CatalogApp c;
  create(c, product_body("kettle", {"KT-1"}, 2500));
  for (const std::string query :
       {"sort=price&cursor=n019ab", "sort=price&cursor=garbage&currency=GBP", "cursor=p12_x"}) {
    INFO(query);
    const auto r = c.call("GET", "/api/v1/catalog/products?" + query);
    REQUIRE(r.status == 422);
    REQUIRE(bad_fields(r) == std::vector<std::string>{"cursor"});
  }
  const auto both = c.call("GET", "/api/v1/catalog/products?cursor=p12_x&limit=1000");
  REQUIRE(both.status == 422);
  REQUIRE(bad_fields(both) == std::vector<std::string>{"cursor", "limit"});
}

TEST_CASE("product pages carry an ETag; If-None-Match answers 304 until the product changes") {
  CatalogApp c;
  const auto id = create(c, product_body("desk", {"DESK-1"}));
  const auto first = c.call("GET", "/api/v1/catalog/products/" + id);
  const auto etag = first.headers.at("etag");
  const auto again = c.call("GET", "/api/v1/catalog/products/" + id, nullptr, "", {{"If-None-Match", etag}});
  REQUIRE(again.status == 304);
  REQUIRE(again.body.empty());
  REQUIRE(c.call("PATCH", "/api/v1/admin/catalog/products/" + id, {{"brand", "Other"}}, c.manager).status == 200);
  const auto changed = c.call("GET", "/api/v1/catalog/products/" + id, nullptr, "", {{"If-None-Match", etag}});
  REQUIRE(changed.status == 200);
  REQUIRE(changed.json().at("brand") == "Other");
  REQUIRE(changed.headers.at("etag") != etag);
  REQUIRE(c.call("GET", "/api/v1/catalog/products/by-slug/desk").json().at("id") == boost::json::value(id));
}

TEST_CASE("a price change reaches cached pages and listings on this instance at once and on another after one event") {
  CatalogApp a;
  CatalogApp b(agora::test::test_config_for(a.config.string("database.url"), with_rates({})));
  const auto created =
      a.call("POST", "/api/v1/admin/catalog/products", product_body("chair", {"CH-1"}, 4000), a.manager);
  const auto id = id_of(created);
  const auto price_at = [&](CatalogApp& app) {
    const auto r = app.call("GET", "/api/v1/catalog/products/" + id);
    return r.status == 200 ? r.json().at("variants").at(0).at("price").at("amount").as_int64() : -1;
  };
  // The listed price, in USD and converted to JPY (1 USD = 130 JPY through EUR); -1 when not listed.
  const auto listed_at = [&](CatalogApp& app, const std::string& currency) {
    const auto r = app.call("GET", "/api/v1/catalog/products?sort=price&currency=" + currency);
    const auto page = r.json();
    const auto& items = page.at("items").as_array();
    return items.empty() ? -1 : items.at(0).at("price_from").at("amount").as_int64();
  };
  REQUIRE(eventually([&] { return price_at(b) == 4000; }));  // b learnt of the new product from its event
  REQUIRE(price_at(a) == 4000);
  REQUIRE(listed_at(a, "JPY") == 5200);
  REQUIRE(listed_at(b, "JPY") == 5200);
  REQUIRE(a.call("PUT", "/api/v1/admin/catalog/variants/" + variant_id(created) + "/prices",
                 {{"prices", {{{"currency", "USD"}, {"amount", 3000}}}}}, a.manager)
              .status == 200);
  REQUIRE(price_at(a) == 3000);
  REQUIRE(listed_at(a, "USD") == 3000);
  REQUIRE(listed_at(a, "JPY") == 3900);
  REQUIRE(eventually([&] { return price_at(b) == 3000 && listed_at(b, "JPY") == 3900; }));
  REQUIRE(a.call("PATCH", "/api/v1/admin/catalog/products/" + id, {{"status", "draft"}}, a.manager).status == 200);
  REQUIRE(a.call("GET", "/api/v1/catalog/products/" + id).status == 404);
  REQUIRE(listed_at(a, "USD") == -1);
  REQUIRE(eventually([&] { return price_at(b) == -1 && listed_at(b, "USD") == -1; }));
}

TEST_CASE("listings filter by category with descendants, brand, attributes and price, sort, and page by cursor") {
  CatalogApp c;
  const auto root =
      id_of(c.call("POST", "/api/v1/admin/catalog/categories", {{"slug", "home"}, {"name", "Home"}}, c.manager));
  const auto child = id_of(c.call("POST", "/api/v1/admin/catalog/categories",
                                  {{"slug", "lamps"}, {"name", "Lamps"}, {"parent_id", root}}, c.manager));
  for (int i = 0; i < 7; ++i) {
    auto body = product_body("item-" + std::to_string(i), {"IT-" + std::to_string(i)}, 1000 + 100 * i);
    body["category_id"] = i % 2 ? child : root;
    if (i == 3) body["brand"] = "Lumo";
    if (i == 5) body["status"] = "draft";
    create(c, body);
  }
  const auto list = [&](const std::string& query) {
    const auto r = c.call("GET", "/api/v1/catalog/products?" + query);
    REQUIRE(r.status == 200);
    const auto page = r.json();
    std::vector<std::string> slugs;
    for (const auto& item : page.at("items").as_array()) slugs.emplace_back(item.at("slug").as_string());
    return std::pair(slugs, page.at("next_cursor"));
  };
  REQUIRE(list("category=" + root).first ==
          std::vector<std::string>{"item-6", "item-4", "item-3", "item-2", "item-1", "item-0"});
  REQUIRE(list("category=" + child + "&sort=price").first == std::vector<std::string>{"item-1", "item-3"});
  REQUIRE(list("brand=Lumo").first == std::vector<std::string>{"item-3"});
  REQUIRE(list("attr.material=linen&min_price=1200&max_price=1400&sort=-price").first ==
          std::vector<std::string>{"item-4", "item-3", "item-2"});
  REQUIRE(list("attr.material=wool").first.empty());

  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    const auto [slugs, next] = list("sort=price&limit=4" + (cursor.empty() ? "" : "&cursor=" + cursor));
    seen.insert(seen.end(), slugs.begin(), slugs.end());
    if (next.is_null()) break;
    cursor = std::string(next.as_string());
  }
  REQUIRE(seen == std::vector<std::string>{"item-0", "item-1", "item-2", "item-3", "item-4", "item-6"});
  const auto bad = c.call("GET", "/api/v1/catalog/products?sort=cheapest&limit=0&currency=ABC&min_price=-1");
  REQUIRE(bad_fields(bad) == std::vector<std::string>{"currency", "limit", "min_price", "sort"});
  REQUIRE(c.call("GET", "/api/v1/catalog/products?sort=price&cursor=n019ab").status == 422);
}

TEST_CASE("an NDJSON import lands the good lines, reports the bad ones by line number, and export round-trips") {
  CatalogApp c;
  std::string ndjson;
  for (int i = 0; i < 450; ++i)
    ndjson += boost::json::serialize(product_body("p-" + std::to_string(i), {"P-" + std::to_string(i)})) + "\n";
  ndjson += "{not json\n\n";
  ndjson += boost::json::serialize(product_body("p-0", {"P-NEW"})) + "\n";  // line 453: slug taken
  auto rating = product_body("bad", {"B-1"});
  rating["status"] = "sold";
  ndjson += boost::json::serialize(rating) + "\n";                               // line 454
  ndjson += boost::json::serialize(product_body("new", {"N-1", "P-3"})) + "\n";  // line 455: SKU taken
  auto nowhere = product_body("nowhere", {"W-1"});
  nowhere["category_id"] = new_id();
  ndjson += boost::json::serialize(nowhere) + "\n";  // line 456
  const auto r = c.http.request("POST", "/api/v1/admin/catalog/products/import", ndjson,
                                {{"Authorization", "Bearer " + c.manager}, {"Content-Type", "application/x-ndjson"}});
  REQUIRE(r.status == 200);
  const auto report = r.json();
  REQUIRE(report.at("imported") == 450);
  const auto& failed = report.at("failed").as_array();
  REQUIRE(failed.size() == 5);
  REQUIRE(failed[0].at("line") == 451);
  REQUIRE(failed[1].at("line") == 453);
  REQUIRE(failed[1].at("status") == 409);
  REQUIRE(failed[2].at("line") == 454);
  REQUIRE(failed[2].at("errors").at(0).at("field") == "status");
  REQUIRE(failed[3].at("line") == 455);
  REQUIRE(failed[3].at("errors").at(0).at("field") == "variants[1].sku");
  REQUIRE(failed[4].at("line") == 456);
  REQUIRE(failed[4].at("errors").at(0).at("field") == "category_id");
  REQUIRE(c.count("SELECT count(*) FROM catalog.products") == 450);
  REQUIRE(c.call("GET", "/api/v1/catalog/products/by-slug/p-449").status == 200);

  const auto exported = c.call("GET", "/api/v1/admin/catalog/products/export", nullptr, c.manager);
  REQUIRE(exported.headers.at("content-type") == "application/x-ndjson");
  CatalogApp fresh;
  const auto again = fresh.http.request("POST", "/api/v1/admin/catalog/products/import", exported.body,
                                        {{"Authorization", "Bearer " + fresh.manager}});
  REQUIRE(again.json().at("imported") == 450);
  REQUIRE(again.json().at("failed").as_array().empty());
}

TEST_CASE("a product is standard-rated unless given a tax category of reduced or zero, which a patch changes") {
  CatalogApp c;
  const auto plain = c.call("POST", "/api/v1/admin/catalog/products", product_body("kettle", {"KT-1"}), c.manager);
  REQUIRE(plain.json().at("tax_category") == "standard");
  REQUIRE(c.published<events::Created>(id_of(plain)).at(0).tax_category == "standard");

  auto luxury = product_body("caviar", {"CV-1"});
  luxury["tax_category"] = "luxury";
  auto r = c.call("POST", "/api/v1/admin/catalog/products", luxury, c.manager);
  REQUIRE(r.status == 422);
  REQUIRE(bad_fields(r) == std::vector<std::string>{"tax_category"});
  luxury["tax_category"] = 7;
  REQUIRE(bad_fields(c.call("POST", "/api/v1/admin/catalog/products", luxury, c.manager)) ==
          std::vector<std::string>{"tax_category"});
  REQUIRE(c.count("SELECT count(*) FROM catalog.products") == 1);

  auto bread = product_body("bread", {"BR-1"});
  bread["tax_category"] = "reduced";
  const auto id = create(c, bread);
  const auto path = "/api/v1/admin/catalog/products/" + id;
  REQUIRE(c.call("GET", path, nullptr, c.manager).json().at("tax_category") == "reduced");

  r = c.call("PATCH", path, {{"tax_category", "none"}}, c.manager);
  REQUIRE(r.status == 422);
  REQUIRE(bad_fields(r) == std::vector<std::string>{"tax_category"});
  REQUIRE(c.call("PATCH", path, {{"tax_category", "zero"}}, c.manager).json().at("tax_category") == "zero");
  REQUIRE(c.call("GET", path, nullptr, c.manager).json().at("tax_category") == "zero");
  REQUIRE(c.published<events::Updated>(id).back().changed == std::vector<std::string>{"tax_category"});
}

TEST_CASE("an export and its import into another catalog keep every product's tax category") {
  CatalogApp c;
  for (const auto* category : {"standard", "reduced", "zero"}) {
    auto body = product_body(std::string("tea-") + category, {std::string("TEA-") + category});
    body["tax_category"] = category;
    create(c, body);
  }
  const auto tax_by_slug = [](const std::string& ndjson) {
    std::map<std::string, std::string> out;
    std::istringstream lines(ndjson);
    for (std::string line; std::getline(lines, line);) {
      const auto p = boost::json::parse(line);
      out[std::string(p.at("slug").as_string())] = std::string(p.at("tax_category").as_string());
    }
    return out;
  };
  const auto exported = c.call("GET", "/api/v1/admin/catalog/products/export", nullptr, c.manager).body;
  const std::map<std::string, std::string> expected{
      {"tea-standard", "standard"}, {"tea-reduced", "reduced"}, {"tea-zero", "zero"}};
  REQUIRE(tax_by_slug(exported) == expected);

  CatalogApp fresh;
  const auto imported = fresh.http.request("POST", "/api/v1/admin/catalog/products/import", exported,
                                           {{"Authorization", "Bearer " + fresh.manager}});
  REQUIRE(imported.json().at("imported") == 3);
  REQUIRE(tax_by_slug(fresh.call("GET", "/api/v1/admin/catalog/products/export", nullptr, fresh.manager).body) ==
          expected);
}

TEST_CASE("an import that meets a concurrent writer of one of its slugs refuses that line only") {
  CatalogApp c;
  auto other = c.db().acquire();  // another writer, not yet committed: the import's check cannot see it
  other->begin();
  *other << "INSERT INTO catalog.products (id, slug, status, default_locale, created_at, updated_at)"
            " VALUES (gen_random_uuid(), 'p-7', 'active', 'en', now(), now())";
  std::string ndjson;
  for (int i = 0; i < 20; ++i)
    ndjson += boost::json::serialize(product_body("p-" + std::to_string(i), {"P-" + std::to_string(i)})) + "\n";
  HttpResult r;
  std::thread importer([&] {
    r = c.http.request("POST", "/api/v1/admin/catalog/products/import", ndjson,
                       {{"Authorization", "Bearer " + c.manager}});
  });
  REQUIRE(eventually([&] {  // the import's insert waits on the other writer's slug
    return c.count(
               "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
               "AND query LIKE 'INSERT INTO catalog.products%'") == 1;
  }));
  other->commit();
  importer.join();
  REQUIRE(r.status == 200);
  const auto report = r.json();
  REQUIRE(report.at("imported") == 19);
  REQUIRE(report.at("failed").as_array().size() == 1);
  REQUIRE(report.at("failed").at(0).at("line") == 8);
  REQUIRE(report.at("failed").at(0).at("errors").at(0).at("field") == "slug");
  REQUIRE(c.count("SELECT count(*) FROM catalog.products") == 20);
  REQUIRE(c.published_count<events::Created>() == 19);
}

TEST_CASE("other modules read a SKU's price in a currency and a product summary through catalog::Api") {
  CatalogApp c;
  const auto id = create(c, product_body("kettle", {"KT-1"}, 2500));
  auto& api = c.app.platform().services.get<catalog::Api>();
  const auto offer = api.variant_by_sku("KT-1", "EUR");
  REQUIRE(offer);
  REQUIRE(offer->price == Money(2000, "EUR"));
  REQUIRE(offer->converted);
  REQUIRE(offer->product_id == id);
  REQUIRE(api.variant_by_sku("KT-1", "USD")->price == Money(2500, "USD"));
  REQUIRE_FALSE(api.variant_by_sku("NOPE", "USD"));
  REQUIRE_THROWS_AS(api.variant_by_sku("KT-1", "EURO"), Error);
  REQUIRE(api.product_summary(id, "de")->title == "Leinenhemd");
  REQUIRE(api.product_summary(id, "de")->skus == std::vector<std::string>{"KT-1"});
}

TEST_CASE("catalog::Api gives a cart line its localized title, options, image, category with ancestors and tax") {
  CatalogApp c;
  const auto category = [&](const std::string& slug, boost::json::value parent) {
    const auto r = c.call("POST", "/api/v1/admin/catalog/categories",
                          {{"slug", slug}, {"name", slug}, {"parent_id", parent}}, c.manager);
    REQUIRE(r.status == 201);
    return id_of(r);
  };
  const auto clothing = category("clothing", nullptr);
  const auto shirts = category("shirts", boost::json::value(clothing));
  auto body = product_body("linen-shirt", {"LS-M"});
  body["category_id"] = shirts;
  body["tax_category"] = "reduced";
  body["images"] = {{{"url", "https://img.example/front.jpg"}, {"alt", "Front"}},
                    {{"url", "https://img.example/back.jpg"}, {"alt", "Back"}}};
  create(c, body);
  auto& api = c.app.platform().services.get<catalog::Api>();

  const auto offer = api.variant_by_sku("LS-M", "USD", "de-CH");
  REQUIRE(offer);
  REQUIRE(offer->title == "Leinenhemd");
  REQUIRE(offer->options == std::vector<std::pair<std::string, std::string>>{{"size", "M"}});
  REQUIRE(offer->image_url == "https://img.example/front.jpg");
  REQUIRE(offer->category_ids == std::vector<std::string>{shirts, clothing});
  REQUIRE(offer->tax_category == "reduced");
  REQUIRE(api.variant_by_sku("LS-M", "USD", "fr")->title == "Linen shirt");
  REQUIRE(api.variant_by_sku("LS-M", "USD")->title == "Linen shirt");

  REQUIRE(c.call("PATCH", "/api/v1/admin/catalog/categories/" + shirts, {{"parent_id", nullptr}}, c.manager).status ==
          200);
  REQUIRE(api.variant_by_sku("LS-M", "USD")->category_ids == std::vector<std::string>{shirts});

  create(c, product_body("kettle", {"KT-1"}));
  const auto plain = api.variant_by_sku("KT-1", "USD", "en");
  REQUIRE(plain->image_url.empty());
  REQUIRE(plain->category_ids.empty());
  REQUIRE(plain->tax_category == "standard");
}

TEST_CASE("catalog::Api tells which SKUs exist and which of them are for sale") {
  CatalogApp c;
  create(c, product_body("kettle", {"KT-1", "KT-2"}));
  auto draft = product_body("teapot", {"TP-1"});
  draft["status"] = "draft";
  create(c, draft);
  auto& api = c.app.platform().services.get<catalog::Api>();
  const auto known = api.known_skus({"TP-1", "NOPE", "KT-2", "TP-1"});
  REQUIRE(known.size() == 2);
  REQUIRE(known[0].sku == "TP-1");
  REQUIRE_FALSE(known[0].sellable);
  REQUIRE(known[1].sku == "KT-2");
  REQUIRE(known[1].sellable);
  REQUIRE(api.known_skus({}).empty());
}

TEST_CASE("agora catalog import files products under the categories the catalog holds") {
  CatalogApp c;
  const auto r = c.call("POST", "/api/v1/admin/catalog/categories", {{"slug", "lamps"}, {"name", "Lamps"}}, c.manager);
  REQUIRE(r.status == 201);
  auto body = product_body("desk-lamp", {"DL-1"});
  body["category_id"] = id_of(r);
  const auto path = std::filesystem::temp_directory_path() / ("agora-import-" + new_id() + ".ndjson");
  std::ofstream(path) << boost::json::serialize(body) << "\n";
  // As the command line runs it: the modules installed, not started.
  App cli(c.config, {make_module, fx::make_module}, {}, c.clock);
  const std::vector<std::string> args{"import", path.string()};
  REQUIRE(cli.command("catalog")->run(args) == 0);
  std::filesystem::remove(path);
  REQUIRE(c.count("SELECT count(*) FROM catalog.products WHERE category_id = $1", {id_of(r)}) == 1);
}
