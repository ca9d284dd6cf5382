#include "search_app.hpp"

#include "domain/text_fold.hpp"

#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <thread>

using namespace agora;
using namespace agora::search::test;
using agora::search::fold;

namespace {

std::vector<std::string> texts_of(const boost::json::value& suggestions) {  // a value the caller holds
  std::vector<std::string> out;
  for (const auto& s : suggestions.at("suggestions").as_array()) out.emplace_back(s.at("text").as_string());
  return out;
}

}  // namespace

TEST_CASE("a title match ranks above a description match") {
  TempDir dir;
  SearchApp s(dir.path);
  const auto in_description = s.product({"Garden chair", "Goes well with a lantern on summer nights"});
  const auto in_title = s.product({"Brass lantern", "A warm light for the porch"});
  s.product({"Oak table", "Solid and plain"});
  s.indexed(3);
  REQUIRE(s.found("q=lantern") == std::vector<std::string>{in_title, in_description});
}

TEST_CASE("words are stemmed in each locale's language and accents do not matter") {
  TempDir dir;
  SearchApp s(dir.path);
  const auto shoe = s.product({"Run shoe",
                               "Light trainer",
                               "Acme",
                               "",
                               {},
                               1000,
                               {{"de", {"Laufschuhe für Damen", "Leicht"}}, {"fr", {"Chaussures élégantes", ""}}}});
  const auto shirt =
      s.product({"Linen shirt", "", "Acme", "", {}, 1000, {{"de", {"Leinenhemd", "Hemden aus Leinen"}}}});
  s.indexed(2);
  REQUIRE(s.found("q=running+shoes") == std::vector<std::string>{shoe});
  REQUIRE(s.found("q=Laufschuh&locale=de") == std::vector<std::string>{shoe});
  REQUIRE(s.found("q=Hemd&locale=de-CH") == std::vector<std::string>{shirt});
  REQUIRE(s.found("q=chaussure+elegante&locale=fr") == std::vector<std::string>{shoe});
  REQUIRE(s.found("q=CHAUSSURES+%C3%89L%C3%89GANTES&locale=fr") == std::vector<std::string>{shoe});
  // A product without a German text is found in German by its default locale's words.
  REQUIRE(s.found("q=linen&locale=de").empty());
  REQUIRE(s.found("q=linen&locale=ja") == std::vector<std::string>{shirt});
}

TEST_CASE("facet counts equal counting the catalog by hand, a facet leaving out its own filter") {
  TempDir dir;
  SearchApp s(dir.path);
  const auto clothing = s.category("Clothing");
  const auto shirts = s.category("Shirts", clothing);
  const auto garden = s.category("Garden");
  const std::vector<std::string> categories{clothing, shirts, garden};
  const std::vector<std::string> brands{"Acme", "Zed", "Orbit"};
  const std::vector<std::string> colors{"red", "blue", "green"};
  struct Made {
    std::string id, brand, category, color;
    std::int64_t cents;
    bool stocked, soft;
  };
  std::mt19937 random(7);
  std::vector<Made> made;
  for (int i = 0; i < 40; ++i) {
    Made m{"",
           brands[random() % 3],
           categories[random() % 3],
           colors[random() % 3],
           static_cast<std::int64_t>(500 + (random() % 40) * 100),
           random() % 2 == 0,
           random() % 3 != 0};
    m.id = s.product({m.soft ? "Soft thing" : "Hard thing", "", m.brand, m.category, {{"color", m.color}}, m.cents});
    if (m.stocked)
      s.stock(s.call("GET", "/api/v1/admin/catalog/products/" + m.id, nullptr, s.manager)
                  .json()
                  .at("variants")
                  .at(0)
                  .at("sku")
                  .as_string()
                  .c_str(),
              5);
    made.push_back(m);
  }
  s.indexed(made.size());
  REQUIRE(eventually([&] {
    const auto r = s.search("in_stock=true&limit=100");
    return r.status == 200 && r.json().at("total").to_number<std::size_t>() ==
                                  static_cast<std::size_t>(
                                      std::count_if(made.begin(), made.end(), [](const Made& m) { return m.stocked; }));
  }));

  const auto under = [&](const std::string& category, const std::string& filter) {
    return category == filter || (filter == clothing && category == shirts);
  };
  for (int round = 0; round < 25; ++round) {
    const bool by_word = random() % 2 == 0;
    const std::string brand = random() % 2 ? brands[random() % 3] : "";
    const std::string category = random() % 2 ? categories[random() % 3] : "";
    const std::string color = random() % 2 ? colors[random() % 3] : "";
    const std::int64_t max_usd = random() % 2 ? 1500 + (random() % 20) * 100 : 0;
    const bool stocked = random() % 3 == 0;
    // EUR: 1 EUR = 1.25 USD, so a USD amount is 0.8 of itself in EUR.
    std::string qs = "currency=USD&facets=brand,category,attr.color&limit=100";
    if (by_word) qs += "&q=soft";
    if (!brand.empty()) qs += "&brand=" + brand;
    if (!category.empty()) qs += "&category=" + category;
    if (!color.empty()) qs += "&attr.color=" + color;
    if (max_usd) qs += "&max_price=" + std::to_string(max_usd);
    if (stocked) qs += "&in_stock=true";
    const auto r = s.search(qs);
    REQUIRE(r.status == 200);
    const auto body = r.json();

    const auto passes = [&](const Made& m, const std::string& except) {
      return (!by_word || m.soft) && (!stocked || m.stocked) && (!max_usd || m.cents <= max_usd) &&
             (except == "brand" || brand.empty() || m.brand == brand) &&
             (except == "category" || category.empty() || under(m.category, category)) &&
             (except == "color" || color.empty() || m.color == color);
    };
    std::set<std::string> expected_ids, got_ids;
    for (const auto& m : made)
      if (passes(m, "")) expected_ids.insert(m.id);
    for (const auto& item : body.at("items").as_array()) got_ids.insert(std::string(item.at("id").as_string()));
    INFO(qs);
    REQUIRE(got_ids == expected_ids);
    REQUIRE(body.at("total").to_number<std::size_t>() == expected_ids.size());

    std::map<std::string, std::size_t> by_brand, by_category, by_color;
    for (const auto& m : made) {
      if (passes(m, "brand")) ++by_brand[m.brand];
      if (passes(m, "color")) ++by_color[m.color];
      if (passes(m, "category")) {
        ++by_category[m.category];
        if (m.category == shirts) ++by_category[clothing];
      }
    }
    const auto facet = [&](const boost::json::value& values, const char* key) {
      std::map<std::string, std::size_t> out;
      for (const auto& v : values.as_array())
        out[std::string(v.at(key).as_string())] = v.at("count").to_number<std::size_t>();
      return out;
    };
    const auto& facets = body.at("facets");
    REQUIRE(facet(facets.at("brand"), "value") == by_brand);
    REQUIRE(facet(facets.at("category"), "id") == by_category);
    const auto& attributes = facets.at("attributes").as_object();
    REQUIRE(facet(attributes.contains("color") ? attributes.at("color") : boost::json::array(), "value") == by_color);
  }
}

TEST_CASE("variant options filter and count like attributes") {
  TempDir dir;
  SearchApp s(dir.path);
  ProductSpec tee{"Cotton tee", "", "Acme", "", {{"size", "M"}}};
  tee.sizes = {"S", "M", "L"};
  const auto t = s.product(tee);
  ProductSpec polo{"Cotton polo", ""};
  polo.sizes = {"M", "XL"};
  s.product(polo);
  s.indexed(2);
  REQUIRE(s.found("q=cotton&attr.size=S") == std::vector<std::string>{t});
  REQUIRE(s.found("q=cotton&attr.size=XL&attr.size=S").size() == 2);
  const auto body = s.search("q=cotton&facets=attr.size").json();
  std::map<std::string, std::int64_t> sizes;
  for (const auto& v : body.at("facets").at("attributes").at("size").as_array())
    sizes[std::string(v.at("value").as_string())] = v.at("count").as_int64();
  REQUIRE(sizes == std::map<std::string, std::int64_t>{{"L", 1}, {"M", 2}, {"S", 1}, {"XL", 1}});
}

TEST_CASE("sorts page through every match once with the cursor") {
  TempDir dir;
  SearchApp s(dir.path);
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i)
    ids.push_back(s.product({"Lamp " + std::to_string(i), "", "Acme", "", {}, 1000 + (i % 3) * 100}));
  s.indexed(ids.size());
  for (const std::string sort : {"price", "-price", "newest", "rating", "relevance"}) {
    std::vector<std::string> seen;
    std::string cursor;
    std::vector<std::int64_t> prices;
    do {
      const auto r = s.search("q=lamp&currency=USD&limit=3&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor));
      REQUIRE(r.status == 200);
      const auto body = r.json();
      for (const auto& item : body.at("items").as_array()) {
        seen.emplace_back(item.at("id").as_string());
        prices.push_back(item.at("price_from").at("amount").to_number<std::int64_t>());
      }
      cursor = body.at("next_cursor").is_null() ? "" : std::string(body.at("next_cursor").as_string());
    } while (!cursor.empty());
    INFO(sort);
    REQUIRE(std::set<std::string>(seen.begin(), seen.end()) == std::set<std::string>(ids.begin(), ids.end()));
    REQUIRE(seen.size() == ids.size());
    if (sort == "price") REQUIRE(std::is_sorted(prices.begin(), prices.end()));
    if (sort == "-price") REQUIRE(std::is_sorted(prices.rbegin(), prices.rend()));
    if (sort == "newest") REQUIRE(seen == std::vector<std::string>(ids.rbegin(), ids.rend()));
  }
}

TEST_CASE("a misspelled search is corrected, and suggestions complete what is typed") {
  TempDir dir;
  SearchApp s(dir.path);
  const auto jacket = s.product({"Waterproof jacket", "For rain", "Northwind"});
  s.product({"Wool sweater", "", "Northwind"});
  s.indexed(2);
  const auto r = s.search("q=waterprof+jackt");
  REQUIRE(r.status == 200);
  REQUIRE(r.json().at("corrected_query") == "waterproof jacket");
  REQUIRE(r.json().at("items").at(0).at("id").as_string() == jacket);
  REQUIRE(s.search("q=jacket").json().at("corrected_query").is_null());

  REQUIRE(eventually([&] { return s.call("GET", "/api/v1/search/suggest?q=wat").status == 200; }));
  // The product's title, or the corrected search just made: the same words, shown once.
  REQUIRE(eventually([&] {
    const auto texts = texts_of(s.call("GET", "/api/v1/search/suggest?q=wat").json());
    return texts.size() == 1 && fold(texts[0]) == "waterproof jacket";
  }));
  REQUIRE(texts_of(s.call("GET", "/api/v1/search/suggest?q=north").json()).front() == "Northwind");
  REQUIRE(texts_of(s.call("GET", "/api/v1/search/suggest?q=sweatr").json()) ==
          std::vector<std::string>{"Wool sweater"});
  REQUIRE(bad_fields(s.call("GET", "/api/v1/search/suggest?q=")) == std::vector<std::string>{"q"});
}

TEST_CASE("a price change is found by price within a second on the writing instance and on another") {
  TempDir dir_a, dir_b;
  SearchApp a(dir_a.path);
  auto config_b = agora::test::test_config_for(a.config.string("database.url"), with_defaults({}, dir_b.path));
  SearchApp b(std::move(config_b));
  const auto id = a.product({"Desk lamp", "", "Acme", "", {}, 5000});
  a.indexed(1);
  b.indexed(1);
  const auto variant = a.call("GET", "/api/v1/admin/catalog/products/" + id, nullptr, a.manager)
                           .json()
                           .at("variants")
                           .at(0)
                           .at("id")
                           .as_string();
  REQUIRE(a.found("q=lamp&currency=USD&max_price=3000").empty());
  REQUIRE(a.call("PUT", "/api/v1/admin/catalog/variants/" + std::string(variant) + "/prices",
                 {{"prices", {{{"currency", "USD"}, {"amount", 2500}}}}}, a.manager)
              .status == 200);
  for (auto* app : {&a, &b}) {
    REQUIRE(eventually([&] { return app->found("q=lamp&currency=USD&max_price=3000") == std::vector<std::string>{id}; },
                       std::chrono::seconds(1)));
    REQUIRE(app->search("q=lamp&currency=USD").json().at("items").at(0).at("price_from").at("amount") == 2500);
  }
}

TEST_CASE("a reindex swaps in a new index while searches go on answering") {
  TempDir dir;
  SearchApp s(dir.path);
  for (int i = 0; i < 30; ++i) s.product({"Candle " + std::to_string(i), "Beeswax"});
  s.indexed(30);
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, answered{0};
  std::thread reader([&] {
    agora::test::HttpClient http(s.base_url());
    while (!done) {
      const auto r = http.request("GET", "/api/v1/search?q=candle&limit=100");
      if (r.status != 200 || r.json().at("total") != 30) ++failures;
      ++answered;
    }
  });
  const auto before = s.metrics().counter("agora_search_rebuilds_total", "").value();
  REQUIRE(s.call("POST", "/api/v1/admin/search/reindex", nullptr, s.admin).status == 202);
  REQUIRE(eventually([&] { return s.metrics().counter("agora_search_rebuilds_total", "").value() == before + 1; }));
  // `agora search reindex` asks the same of every running instance.
  const std::vector<std::string> args{"reindex"};
  REQUIRE(s.app.command("search")->run(args) == 0);
  REQUIRE(eventually([&] { return s.metrics().counter("agora_search_rebuilds_total", "").value() == before + 2; }));
  done = true;
  reader.join();
  s.product({"Candle late", "Beeswax"});
  s.indexed(31);
  REQUIRE(failures == 0);
  REQUIRE(answered > 0);
  REQUIRE(s.found("q=candle&limit=100").size() == 31);
  // One generation on disk: the replaced one is gone.
  std::size_t generations = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path)) generations += e.is_directory();
  REQUIRE(generations == 1);
}

TEST_CASE("a missing or corrupt index is rebuilt at start, and a kept one is brought up to date") {
  TempDir dir;
  std::string url;
  std::string first;
  {
    SearchApp s(dir.path);
    url = s.config.string("database.url");
    first = s.product({"Copper kettle", ""});
    s.indexed(1);
  }
  // Added while no instance kept a search index: found after the next start, the kept index reopened.
  {
    const Overrides rates{{"fx.providers", "fixed"}, {"fx.fixed_base", "EUR"}, {"fx.fixed_rates", "USD=1.25"}};
    agora::test::TestApp catalog_only(
        agora::test::test_config_for(url, rates),
        {catalog::make_module, fx::make_module, [] { return std::make_unique<agora::test::BearerRolesModule>(); }});
    boost::json::object body{{"slug", "pan"},
                             {"status", "active"},
                             {"default_locale", "en"},
                             {"texts", {{"en", {{"title", "Copper pan"}}}}},
                             {"variants", {{{"sku", "PAN-1"}, {"prices", {{{"currency", "USD"}, {"amount", 900}}}}}}}};
    REQUIRE(catalog_only.call("POST", "/api/v1/admin/catalog/products", body, "admin " + new_id()).status == 201);
  }
  {
    auto config = agora::test::test_config_for(url, with_defaults({}, dir.path));
    SearchApp s(std::move(config));
    s.indexed(2);
    REQUIRE(s.found("q=kettle") == std::vector<std::string>{first});
    REQUIRE(s.found("q=copper").size() == 2);
  }
  std::string current;
  std::ifstream(std::filesystem::path(dir.path) / "current") >> current;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::filesystem::path(dir.path) / current))
    if (e.is_regular_file()) std::ofstream(e.path(), std::ios::trunc) << "garbage";
  auto config = agora::test::test_config_for(url, with_defaults({}, dir.path));
  SearchApp s(std::move(config));
  s.indexed(2);
  REQUIRE(s.found("q=copper").size() == 2);
}

TEST_CASE("every search is logged with its query id, clicks count, and admins read the reports") {
  TempDir dir;
  SearchApp s(dir.path);
  const auto mug = s.product({"Enamel mug", ""});
  s.indexed(1);
  std::vector<std::string> query_ids;
  for (int i = 0; i < 3; ++i) query_ids.emplace_back(s.search("q=Mug").json().at("query_id").as_string());
  s.search("q=teapot");
  REQUIRE(s.call("POST", "/api/v1/search/clicks", {{"query_id", query_ids[0]}, {"product_id", mug}, {"position", 1}})
              .status == 204);
  REQUIRE(bad_fields(s.call("POST", "/api/v1/search/clicks", {{"query_id", "x"}, {"position", 0}})) ==
          (std::vector<std::string>{"position", "product_id", "query_id"}));
  const auto extra =
      s.call("POST", "/api/v1/search/clicks",
             {{"query_id", query_ids[0]}, {"product_id", mug}, {"position", 1}, {"page", 2}, {"position_on_page", 1}});
  REQUIRE(extra.status == 422);
  REQUIRE(bad_fields(extra) == std::vector<std::string>{"page", "position_on_page"});
  REQUIRE(s.call("POST", "/api/v1/search/clicks", boost::json::array{query_ids[0]}).status == 400);
  REQUIRE(eventually([&] { return s.count("SELECT count(*) FROM search.queries WHERE query <> ''") == 4; }));
  REQUIRE(s.count("SELECT count(*) FROM search.queries WHERE normalized = 'mug' AND result_count = 1") == 3);

  const auto top = s.call("GET", "/api/v1/admin/search/reports/top-queries?days=1", nullptr, s.manager);
  REQUIRE(top.status == 200);
  const auto top_body = top.json();
  const auto& first = top_body.at("items").at(0);
  REQUIRE(first.at("query") == "mug");
  REQUIRE(first.at("searches") == 3);
  REQUIRE(first.at("clicks") == 1);
  REQUIRE(first.at("click_through").to_number<double>() == Approx(1.0 / 3).epsilon(0.001));
  const auto none = s.call("GET", "/api/v1/admin/search/reports/no-results", nullptr, s.manager).json();
  REQUIRE(none.at("items").as_array().size() == 1);
  REQUIRE(none.at("items").at(0).at("query") == "teapot");
  const auto ctr = s.call("GET", "/api/v1/admin/search/reports/click-through", nullptr, s.manager).json();
  REQUIRE(ctr.at("items").at(0).at("query") == "mug");
  REQUIRE(s.call("GET", "/api/v1/admin/search/reports/top-queries", nullptr, "customer " + new_id()).status == 403);
  REQUIRE(s.call("GET", "/api/v1/admin/search/reports/best", nullptr, s.manager).status == 404);
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"days=0", "days"},
                                                        {"days=many", "days"},
                                                        {"limit=abc", "limit"},
                                                        {"limit=1000", "limit"},
                                                        {"locale=", "locale"},
                                                        {"locale=" + std::string(36, 'x'), "locale"}}) {
    INFO(query);
    const auto refused = s.call("GET", "/api/v1/admin/search/reports/top-queries?" + query, nullptr, s.manager);
    REQUIRE(refused.status == 422);
    REQUIRE(bad_fields(refused) == std::vector<std::string>{field});
  }
  REQUIRE(bad_fields(s.call("GET", "/api/v1/admin/search/reports/no-results?days=0&limit=0", nullptr, s.manager)) ==
          (std::vector<std::string>{"days", "limit"}));
}

TEST_CASE("synonyms an admin sets find each other on every instance") {
  TempDir dir;
  SearchApp s(dir.path);
  const auto sneaker = s.product({"Canvas sneakers", ""});
  s.indexed(1);
  REQUIRE(s.found("q=trainers").empty());
  const boost::json::array groups{boost::json::array{"sneakers", "trainers"}};
  const auto r = s.call("PUT", "/api/v1/admin/search/synonyms/en", {{"groups", groups}}, s.manager);
  REQUIRE(r.status == 200);
  REQUIRE(eventually([&] { return s.found("q=trainers") == std::vector<std::string>{sneaker}; }));
  REQUIRE(s.call("GET", "/api/v1/admin/search/synonyms/en", nullptr, s.manager).json().at("groups").at(0).at(1) ==
          "trainers");
  const boost::json::array alone{boost::json::array{"alone"}};
  REQUIRE(bad_fields(s.call("PUT", "/api/v1/admin/search/synonyms/en", {{"groups", alone}}, s.manager)) ==
          std::vector<std::string>{"groups[0]"});
  const boost::json::array odd{boost::json::array{"fine", 7}, "loose", boost::json::array{"ok", "!!"}};
  const auto typed = s.call("PUT", "/api/v1/admin/search/synonyms/en", {{"groups", odd}, {"locale", "en"}}, s.manager);
  REQUIRE(typed.status == 422);
  REQUIRE(bad_fields(typed) == std::vector<std::string>{"groups[0][1]", "groups[1]", "locale"});
  const boost::json::array empty_word{boost::json::array{"ok", "!!"}};
  REQUIRE(bad_fields(s.call("PUT", "/api/v1/admin/search/synonyms/en", {{"groups", empty_word}}, s.manager)) ==
          std::vector<std::string>{"groups[0][1]"});
  REQUIRE(s.call("PUT", "/api/v1/admin/search/synonyms/en", "groups", s.manager).status == 400);
  REQUIRE(s.call("PUT", "/api/v1/admin/search/synonyms/ja", {{"groups", boost::json::array()}}, s.manager).status ==
          404);
}

TEST_CASE("bad search input is a field-named problem, and nothing breaks the server") {
  TempDir dir;
  SearchApp s(dir.path);
  s.product({"Plain cup", ""});
  s.indexed(1);
  REQUIRE(bad_fields(s.search("q=" + std::string(201, 'a'))) == std::vector<std::string>{"q"});
  REQUIRE(bad_fields(s.search("facets=colour")) == std::vector<std::string>{"facets"});
  REQUIRE(bad_fields(s.search("min_price=cheap&category=shoes")) ==
          (std::vector<std::string>{"category", "min_price"}));
  REQUIRE(bad_fields(s.search("currency=XXY")) == std::vector<std::string>{"currency"});
  REQUIRE(bad_fields(s.search("cursor=zzz")) == std::vector<std::string>{"cursor"});
  for (const auto* nasty : {"q=%00%01%02", "q=%FF%FE", "q=AND+OR+NOT", "q=%22unclosed", "q=a*&locale=xx-YY",
                            "q=-&facets=attributes,price", "brand=&attr.=x"}) {
    INFO(nasty);
    const auto r = s.search(nasty);
    INFO(r.body);
    REQUIRE((r.status == 200 || r.status == 422 || r.status == 400));  // 400: not UTF-8
  }
  REQUIRE(s.search("q=cup").status == 200);
  // The odd ones were logged too, and did not stop the log (PostgreSQL refuses a NUL in jsonb).
  REQUIRE(eventually([&] { return s.count("SELECT count(*) FROM search.queries WHERE normalized = 'cup'") == 1; }));
  REQUIRE(s.count("SELECT count(*) FROM search.queries WHERE query LIKE '%AND OR NOT%'") == 1);
}
