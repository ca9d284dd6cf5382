#include "domain/category_view.hpp"
#include "domain/languages.hpp"
#include "domain/price_buckets.hpp"
#include "domain/search_request.hpp"
#include "domain/suggestions.hpp"
#include "domain/text_fold.hpp"

#include <agora/core/error.hpp>
#include <catch2/catch.hpp>

#include <algorithm>

using namespace agora;
using namespace agora::search;
using Params = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("folding drops case and accents but keeps the words apart") {
  REQUIRE(fold("Café CRÈME Brûlée") == "cafe creme brulee");
  REQUIRE(fold("Ångström") == "angstrom");
  REQUIRE(words_of(fold("T-Shirt, 100% Baumwolle!")) == std::vector<std::string>{"t", "shirt", "100", "baumwolle"});
  REQUIRE(words_of("").empty());
  REQUIRE_NOTHROW(fold(std::string("\xff\xfe bad", 6)));
}

TEST_CASE("a query locale falls back to its language, then to the first indexed locale") {
  const std::vector<std::string> indexed{"en", "de", "fr-CA"};
  REQUIRE(pick_locale(indexed, "de") == "de");
  REQUIRE(pick_locale(indexed, "de-CH") == "de");
  REQUIRE(pick_locale(indexed, "fr") == "fr-CA");
  REQUIRE(pick_locale(indexed, "ja") == "en");
  REQUIRE(stemmer_language("pt-BR") == "portuguese");
  REQUIRE(stemmer_language("xx").empty());
}

TEST_CASE("price buckets have round bounds, cover every price once and are never empty") {
  std::vector<std::int64_t> prices;
  for (int i = 1; i <= 100; ++i) prices.push_back(i * 137);
  const auto buckets = price_buckets(prices, 5);
  REQUIRE(buckets.size() >= 2);
  REQUIRE(buckets.size() <= 5);
  REQUIRE(!buckets.front().from);
  REQUIRE(!buckets.back().to);
  std::size_t total = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    REQUIRE(buckets[i].count > 0);
    total += buckets[i].count;
    if (i > 0) REQUIRE(buckets[i].from == buckets[i - 1].to);
    if (buckets[i].to) REQUIRE(round_down(*buckets[i].to) == *buckets[i].to);
  }
  REQUIRE(total == 100);
  std::vector<std::int64_t> same(10, 500);
  REQUIRE(price_buckets(same, 5).size() == 1);
  std::vector<std::int64_t> none;
  REQUIRE(price_buckets(none, 5).empty());
  // Many prices: bounds from a sample, counts exact (counted by hand here).
  std::vector<std::int64_t> many;
  for (int i = 0; i < 30000; ++i) many.push_back(100 + (i * 7919) % 90000);
  const auto spread = price_buckets(many, 5);
  REQUIRE(spread.size() >= 4);
  std::size_t counted = 0;
  for (const auto& b : spread) {
    const auto in_bucket = std::count_if(
        many.begin(), many.end(), [&](std::int64_t p) { return (!b.from || p >= *b.from) && (!b.to || p < *b.to); });
    REQUIRE(b.count == static_cast<std::size_t>(in_bucket));
    REQUIRE(b.count > many.size() / 10);  // none far from a fifth
    counted += b.count;
  }
  REQUIRE(counted == many.size());
  REQUIRE(round_down(1999) == 1000);
  REQUIRE(round_down(4999) == 2000);
  REQUIRE(round_down(5000) == 5000);
}

TEST_CASE("search parameters are read, and every bad one is named") {
  const auto r = parse_search_request({{"q", "red shoes"},
                                       {"brand", "Acme"},
                                       {"brand", "Zed"},
                                       {"attr.color", "red"},
                                       {"min_price", "100"},
                                       {"max_price", "900"},
                                       {"in_stock", "true"},
                                       {"facets", "brand,price,attr.color"},
                                       {"sort", "-price"},
                                       {"limit", "10"}},
                                      200);
  REQUIRE(r.brands.size() == 2);
  REQUIRE(r.attributes.size() == 1);
  REQUIRE(r.in_stock);
  REQUIRE(r.sort == SearchSort::price_descending);
  REQUIRE(r.facets == std::vector<std::string>{"brand", "price", "attr.color"});
  REQUIRE(parse_search_request({}, 200).sort == SearchSort::newest);
  REQUIRE(parse_search_request({{"q", "x"}}, 200).sort == SearchSort::relevance);

  try {
    parse_search_request({{"q", std::string(201, 'a')},
                          {"facets", "brand,colour"},
                          {"min_price", "-1"},
                          {"max_price", "x"},
                          {"sort", "cheap"},
                          {"limit", "0"},
                          {"category", "shoes"},
                          {"in_stock", "yes"},
                          {"cursor", "n.12.nope"},
                          {"page", "2"}},
                         200);
    FAIL("no error");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::validation);
    std::vector<std::string> fields;
    for (const auto& f : e.fields()) fields.push_back(f.field);
    REQUIRE(fields == std::vector<std::string>{"q", "facets", "min_price", "max_price", "sort", "limit", "category",
                                               "in_stock", "page", "cursor"});
  }
}

TEST_CASE("a search takes at most 32 attribute filters; the first one too many is named") {
  std::vector<std::pair<std::string, std::string>> params;
  for (int i = 0; i < 32; ++i) params.emplace_back("attr.a" + std::to_string(i), "x");
  REQUIRE(parse_search_request(params, 200).attributes.size() == 32);
  params.emplace_back("attr.a32", "x");
  params.emplace_back("attr.a33", "x");
  try {
    parse_search_request(params, 200);
    FAIL("no error");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::validation);
    REQUIRE(e.fields().size() == 1);
    REQUIRE(e.fields().at(0).field == "attr.a32");
  }
}

TEST_CASE("a cursor reads back as the sort that made it") {
  const Cursor c{.sort = SearchSort::price_ascending, .key = 1999, .id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"};
  const auto r = parse_search_request({{"sort", "price"}, {"cursor", encode_cursor(c)}}, 200);
  REQUIRE(r.cursor->key == 1999);
  REQUIRE(r.cursor->id == c.id);
  REQUIRE_THROWS_AS(parse_search_request({{"sort", "newest"}, {"cursor", encode_cursor(c)}}, 200), Error);
  const auto relevance = parse_search_request({{"q", "x"}, {"cursor", "r.48"}}, 200);
  REQUIRE(relevance.cursor->offset == 48);
}

TEST_CASE("a category covers its descendants and counts toward its ancestors") {
  const CategoryView view({{"a", std::nullopt, "a", "Clothing"},
                           {"b", "a", "b", "Shirts"},
                           {"c", "b", "c", "Polo"},
                           {"d", std::nullopt, "d", "Garden"}});
  REQUIRE(view.below("a") == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(view.above("c") == std::vector<std::string>{"c", "b", "a"});
  REQUIRE(view.names_above("c") == "Polo Shirts Clothing");
  REQUIRE(view.below("zz").empty());
  const CategoryView renamed({{"a", std::nullopt, "a", "Apparel"},
                              {"b", "a", "b", "Shirts"},
                              {"c", "b", "c", "Polo"},
                              {"d", std::nullopt, "d", "Garden"}});
  REQUIRE(renamed.changed_since(view) == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("suggestions complete the words typed, best first, and read past one typo") {
  const SuggestionIndex index({{"Trail running shoe", "product", "p1", 50},
                               {"Running sock", "product", "p2", 10},
                               {"Runa", "brand", "", 5},
                               {"rain jacket", "query", "", 100}});
  const auto texts = [&](std::string_view typed) {
    std::vector<std::string> out;
    for (const auto* p : index.complete(typed, 10)) out.push_back(p->text);
    return out;
  };
  REQUIRE(texts("run") == std::vector<std::string>{"Trail running shoe", "Running sock", "Runa"});
  REQUIRE(texts("running so") == std::vector<std::string>{"Running sock"});
  REQUIRE(texts("r") == std::vector<std::string>{"rain jacket", "Trail running shoe", "Running sock", "Runa"});
  REQUIRE(texts("runnign") == std::vector<std::string>{"Trail running shoe", "Running sock"});
  REQUIRE(texts("xyz").empty());
  REQUIRE(prefix_distance("runnign", "running") == 1);
  REQUIRE(prefix_distance("jackt", "jacket") == 1);
}
