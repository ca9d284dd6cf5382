// Listing rules: query parsing, the order of items, cursors that only their own order accepts,
// and the price a shopper sees at an instant.
#include "domain/listing.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::catalog;

TEST_CASE("a listing query takes filters, a sort and a page size, and names every bad parameter") {
  const auto q = parse_listing_query({{"brand", "Acme"},
                                      {"brand", "Lumo"},
                                      {"attr.colour", "red"},
                                      {"sort", "-price"},
                                      {"limit", "10"},
                                      {"currency", "JPY"},
                                      {"min_price", "100"}},
                                     "USD", "en");
  REQUIRE(q.brands == std::vector<std::string>{"Acme", "Lumo"});
  REQUIRE(q.attributes == Pairs{{"colour", "red"}});
  REQUIRE(q.sort == SortOrder::price_descending);
  REQUIRE(q.limit == 10);
  REQUIRE(q.currency == "JPY");
  REQUIRE(q.locale == "en");
  try {
    parse_listing_query({{"limit", "500"}, {"sort", "cheap"}, {"min_price", "9"}, {"max_price", "1"}, {"colour", "x"}},
                        "USD", "en");
    FAIL("expected a validation error");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::validation);
    REQUIRE(e.fields().size() == 4);
  }
}

TEST_CASE("cursors round-trip in their own order and are refused by another") {
  const auto id = new_id();
  const ListingKey key{1999, 4500, 12, id};
  for (auto order : {SortOrder::newest, SortOrder::price_ascending, SortOrder::price_descending, SortOrder::rating}) {
    const auto cursor = encode_cursor(key, order);
    const auto back = decode_cursor(cursor, order);
    REQUIRE(back);
    REQUIRE(back->id == id);
    if (order != SortOrder::newest && order != SortOrder::rating) REQUIRE(back->price == 1999);
  }
  REQUIRE_FALSE(decode_cursor(encode_cursor(key, SortOrder::rating), SortOrder::price_ascending));
  REQUIRE_FALSE(decode_cursor("p12_not-an-id", SortOrder::price_ascending));
  REQUIRE_FALSE(decode_cursor("", SortOrder::newest));
}

TEST_CASE("a listing query with a cursor its sort order did not make is a validation error naming cursor") {
  try {
    parse_listing_query(
        {{"cursor", encode_cursor({0, 0, 0, "01900000-0000-7000-8000-000000000001"}, SortOrder::newest)},
         {"sort", "price"}},
        "USD", "en");
    FAIL("accepted a newest-first cursor for a price listing");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::validation);
    REQUIRE(e.fields().size() == 1);
    REQUIRE(e.fields().at(0).field == "cursor");
  }
  REQUIRE(parse_listing_query({{"cursor", "n01900000-0000-7000-8000-000000000001"}}, "USD", "en").cursor.size() == 37);
}

TEST_CASE("price orders are each other's exact reverse, ties in creation order; rating order breaks ties by count") {
  const ListingKey a{100, 0, 0, "b"}, b{100, 0, 0, "a"}, c{90, 0, 0, "c"};
  REQUIRE(comes_before(c, a, SortOrder::price_ascending));
  REQUIRE(comes_before(b, a, SortOrder::price_ascending));  // same price: the earlier id first going up
  REQUIRE(comes_before(a, c, SortOrder::price_descending));
  REQUIRE(comes_before(a, b, SortOrder::price_descending));  // and the later id first going down
  const ListingKey many{0, 4000, 30, "x"}, few{0, 4000, 2, "y"};
  REQUIRE(comes_before(many, few, SortOrder::rating));
}

TEST_CASE("the lowest sale in its window wins; outside it the regular price holds") {
  const auto t = Timestamp(std::chrono::hours(1000));
  Variant v;
  v.prices = {{"USD", 1000, std::nullopt, std::nullopt, std::nullopt},
              {"USD", 800, std::nullopt, t, t + std::chrono::hours(2)},
              {"USD", 700, 900, t + std::chrono::hours(1), t + std::chrono::hours(3)},
              {"EUR", 950, std::nullopt, std::nullopt, std::nullopt}};
  REQUIRE(explicit_offer(v, "USD", t - std::chrono::hours(1))->amount == 1000);
  const auto sale = explicit_offer(v, "USD", t);
  REQUIRE(sale->amount == 800);
  REQUIRE(sale->compare_at == 1000);
  REQUIRE(explicit_offer(v, "USD", t + std::chrono::minutes(90))->compare_at == 900);
  REQUIRE(explicit_offer(v, "USD", t + std::chrono::hours(3))->amount == 1000);
  REQUIRE_FALSE(explicit_offer(v, "JPY", t));
  Product p;
  p.variants = {v};
  REQUIRE(next_price_change(p, t) == t + std::chrono::hours(1));
}
