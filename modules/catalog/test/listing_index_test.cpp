// The listing index against the plain rule: filter every product, sort by the order, page by
// cursor. Whatever path a page takes (walking an order or gathering a filter's candidates), it
// must list exactly what the rule lists, and follow price changes, sale windows and rate changes.
#include "app/listing_index.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>

using namespace agora;
using namespace agora::catalog;

namespace {

using Ptr = ListingIndex::Ptr;
const Timestamp kStart = Timestamp(std::chrono::hours(500'000));

// USD is every product's own price; JPY is converted at `jpy_per_usd` unless a JPY price is set.
struct Prices {
  std::atomic<int> jpy_per_usd{150};
  std::atomic<bool> failing{false};
  std::atomic<int> calls{0};
  std::atomic<bool> hold_next{false};  // the next call waits until `released`
  std::atomic<bool> holding{false};
  std::atomic<bool> released{false};
  std::int64_t operator()(const Product& p, const std::string& currency, Timestamp now, Conversions& memo) {
    ++calls;
    if (hold_next.exchange(false)) {
      holding = true;
      while (!released) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (failing) throw Error(ErrorKind::unavailable, "no exchange rate is known yet");
    std::optional<std::int64_t> low;
    for (const auto& v : p.variants) {
      auto offer = explicit_offer(v, currency, now);
      std::int64_t amount = 0;
      if (offer) {
        amount = offer->amount;
      } else {
        const auto usd = explicit_offer(v, "USD", now)->amount;
        auto [it, fresh] = memo.try_emplace(usd, 0);
        if (fresh) it->second = usd * jpy_per_usd / 100;
        amount = it->second;
      }
      low = std::min(low.value_or(amount), amount);
    }
    return *low;
  }
};

struct Fixture {
  ManualClock clock{kStart};
  Prices prices;
  ListingIndex index{
      [this](const Product& p, const std::string& c, Timestamp t, Conversions& m) { return prices(p, c, t, m); },
      clock};
};

Ptr product(std::string brand, std::string category, std::string colour, std::vector<std::int64_t> usd,
            std::string status = "active", int rating_count = 0, long long rating_sum = 0) {
  Product p;
  p.id = new_id();
  p.slug = "p-" + p.id;
  p.status = std::move(status);
  p.brand = std::move(brand);
  p.category_id = std::move(category);
  p.attributes = {{"colour", std::move(colour)}, {"material", "cotton"}};
  p.default_locale = "en";
  p.texts["en"] = {"Title", ""};
  for (auto cents : usd) {
    Variant v;
    v.sku = "SKU-" + p.id + "-" + std::to_string(p.variants.size());
    v.prices.push_back({"USD", cents, std::nullopt, std::nullopt, std::nullopt});
    p.variants.push_back(std::move(v));
  }
  p.rating.count = rating_count;
  p.rating.sum = rating_sum;
  return std::make_shared<const Product>(std::move(p));
}

Ptr with(const Ptr& p, const std::function<void(Product&)>& change) {
  auto copy = *p;
  change(copy);
  return std::make_shared<const Product>(std::move(copy));
}

// Every page of a listing, following cursors: (slug, price) in order.
std::vector<std::pair<std::string, std::int64_t>> all_pages(
    ListingIndex& index, ListingQuery q, const std::optional<ListingIndex::Categories>& categories = {}) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (int pages = 0; pages < 10'000; ++pages) {
    const auto page = index.list(q, categories);
    REQUIRE(page.items.size() <= q.limit);
    for (const auto& [p, price] : page.items) out.emplace_back(p->slug, price);
    if (page.next_cursor.empty()) return out;
    REQUIRE(page.items.size() == q.limit);
    q.cursor = page.next_cursor;
  }
  FAIL("the cursors never ended");
  return out;
}

ListingQuery query(SortOrder sort, std::size_t limit = 24, std::string currency = "USD") {
  ListingQuery q;
  q.sort = sort;
  q.limit = limit;
  q.currency = std::move(currency);
  q.locale = "en";
  return q;
}

}  // namespace

TEST_CASE("every listing path lists exactly what filtering and sorting all products would, page by page") {
  Fixture f;
  std::mt19937 rng(20261126);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::vector<std::string> brands{"a", "b", "c", "d", "e", "f"}, colours{"red", "blue", "green", "black"},
      categories{new_id(), new_id(), new_id()};
  std::vector<Ptr> products;
  for (int i = 0; i < 900; ++i) {
    std::vector<std::int64_t> usd{100 * (1 + pick(40))};  // many equal prices: ties must page right
    if (pick(2)) usd.push_back(100 * (1 + pick(40)));
    const int reviews = pick(4);
    products.push_back(product(brands[static_cast<std::size_t>(pick(6))], categories[static_cast<std::size_t>(pick(3))],
                               colours[static_cast<std::size_t>(pick(4))], usd, pick(10) == 0 ? "draft" : "active",
                               reviews, reviews * (1 + pick(5))));
  }
  f.index.reload(products);

  for (int round = 0; round < 300; ++round) {
    const SortOrder sorts[] = {SortOrder::newest, SortOrder::price_ascending, SortOrder::price_descending,
                               SortOrder::rating};
    auto q = query(sorts[pick(4)], static_cast<std::size_t>(1 + pick(40)), pick(3) == 0 ? "JPY" : "USD");
    std::optional<ListingIndex::Categories> scope;
    if (pick(4) == 0) scope = ListingIndex::Categories{categories[static_cast<std::size_t>(pick(3))]};
    for (int b = pick(3); b > 0; --b) q.brands.push_back(brands[static_cast<std::size_t>(pick(6))]);
    if (pick(2)) q.attributes.emplace_back("colour", colours[static_cast<std::size_t>(pick(4))]);
    if (pick(4) == 0) q.attributes.emplace_back("material", pick(2) ? "cotton" : "wool");
    std::sort(q.attributes.begin(), q.attributes.end());
    if (pick(3) == 0) q.min_price = 100 * pick(30);
    if (pick(3) == 0) q.max_price = q.min_price.value_or(0) + 100 * pick(30);

    struct Row {
      ListingKey key;
      std::string slug;
    };
    std::vector<Row> expected;
    for (const auto& p : products) {
      Conversions memo;
      const auto price = f.prices(*p, q.currency, kStart, memo);
      const bool brand_ok = q.brands.empty() || std::count(q.brands.begin(), q.brands.end(), p->brand) > 0;
      const bool attributes_ok =
          std::includes(p->attributes.begin(), p->attributes.end(), q.attributes.begin(), q.attributes.end());
      if (p->status != "active" || !brand_ok || !attributes_ok || (scope && !scope->contains(p->category_id))) continue;
      if ((q.min_price && price < *q.min_price) || (q.max_price && price > *q.max_price)) continue;
      expected.push_back({{price, std::llround(p->rating.average() * 1000), p->rating.count, p->id}, p->slug});
    }
    std::sort(expected.begin(), expected.end(),
              [&](const Row& a, const Row& b) { return comes_before(a.key, b.key, q.sort); });
    std::vector<std::pair<std::string, std::int64_t>> want;
    for (const auto& r : expected) want.emplace_back(r.slug, r.key.price);

    INFO("round " << round << ", limit " << q.limit << ", " << q.brands.size() << " brands, " << q.attributes.size()
                  << " attributes, " << expected.size() << " expected");
    REQUIRE(all_pages(f.index, q, scope) == want);
  }
}

TEST_CASE("a listing follows product changes, removals and unpublishing") {
  Fixture f;
  const auto cheap = product("a", "", "red", {500}), dear = product("a", "", "red", {900});
  f.index.reload({cheap, dear});
  const auto slugs = [&](SortOrder sort) {
    std::vector<std::string> out;
    for (const auto& [slug, _] : all_pages(f.index, query(sort))) out.push_back(slug);
    return out;
  };
  REQUIRE(slugs(SortOrder::price_ascending) == std::vector{cheap->slug, dear->slug});

  f.index.update({cheap->id}, {with(cheap, [](Product& p) { p.variants[0].prices[0].amount = 1000; })});
  REQUIRE(slugs(SortOrder::price_ascending) == std::vector{dear->slug, cheap->slug});

  const auto third = product("b", "", "blue", {1});
  f.index.update({dear->id, third->id}, {with(dear, [](Product& p) { p.status = "archived"; }), third});
  REQUIRE(slugs(SortOrder::price_ascending) == std::vector{third->slug, cheap->slug});
  REQUIRE(slugs(SortOrder::newest) == std::vector{third->slug, cheap->slug});

  f.index.update({cheap->id}, {});  // deleted
  REQUIRE(slugs(SortOrder::rating) == std::vector{third->slug});
}

TEST_CASE("a sale reorders a price listing when it starts and again when it ends, with no change to the product") {
  Fixture f;
  const auto on_sale = with(product("a", "", "red", {900}), [](Product& p) {
    p.variants[0].prices.push_back(
        {"USD", 300, std::nullopt, kStart + std::chrono::hours(1), kStart + std::chrono::hours(2)});
  });
  const auto other = product("a", "", "red", {500});
  f.index.reload({on_sale, other});
  const auto first = [&] { return all_pages(f.index, query(SortOrder::price_ascending)).front(); };
  REQUIRE(first() == std::pair(other->slug, std::int64_t{500}));
  f.clock.advance(std::chrono::minutes(61));
  REQUIRE(first() == std::pair(on_sale->slug, std::int64_t{300}));
  f.clock.advance(std::chrono::hours(1));
  REQUIRE(first() == std::pair(other->slug, std::int64_t{500}));
}

TEST_CASE("converted prices are priced again after exchange rates change, and not on every listing") {
  Fixture f;
  const auto a = product("a", "", "red", {1000}), b = product("a", "", "red", {2000});
  const auto explicit_jpy = with(product("a", "", "red", {3000}), [](Product& p) {
    p.variants[0].prices.push_back({"JPY", 1600, {}, {}, {}});
  });
  f.index.reload({a, b, explicit_jpy});
  const auto jpy = [&] { return all_pages(f.index, query(SortOrder::price_descending, 24, "JPY")); };
  REQUIRE(jpy() == std::vector<std::pair<std::string, std::int64_t>>{
                       {b->slug, 3000}, {explicit_jpy->slug, 1600}, {a->slug, 1500}});
  const auto calls = f.prices.calls.load();
  jpy();
  REQUIRE(f.prices.calls == calls);

  f.prices.jpy_per_usd = 100;
  f.index.rates_changed();
  REQUIRE(jpy() == std::vector<std::pair<std::string, std::int64_t>>{
                       {b->slug, 2000}, {explicit_jpy->slug, 1600}, {a->slug, 1000}});
}

TEST_CASE("a listing whose prices cannot be computed fails, and works again once they can") {
  Fixture f;
  const auto a = product("a", "", "red", {1000});
  f.index.reload({a});
  f.prices.failing = true;
  REQUIRE_THROWS_AS(f.index.list(query(SortOrder::price_ascending, 24, "JPY"), {}), Error);
  // A product written meanwhile is not lost: it is priced with the rest once prices are back.
  const auto b = product("a", "", "red", {500});
  f.index.update({b->id}, {b});
  f.prices.failing = false;
  REQUIRE(all_pages(f.index, query(SortOrder::price_ascending, 24, "JPY")) ==
          std::vector<std::pair<std::string, std::int64_t>>{{b->slug, 750}, {a->slug, 1500}});
}

TEST_CASE("a product changed while rates are being re-priced is listed at its new price and the new rate") {
  Fixture f;
  const auto a = product("a", "", "red", {1000}), b = product("a", "", "red", {2000});
  f.index.reload({a, b});
  const auto jpy = [&] { return all_pages(f.index, query(SortOrder::price_ascending, 24, "JPY")); };
  REQUIRE(jpy() == std::vector<std::pair<std::string, std::int64_t>>{{a->slug, 1500}, {b->slug, 3000}});

  f.prices.jpy_per_usd = 100;
  f.prices.hold_next = true;
  std::thread repricing([&] { f.index.rates_changed(); });  // holds the shared lock while priced
  while (!f.prices.holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread changing(
      [&] { f.index.update({a->id}, {with(a, [](Product& p) { p.variants[0].prices[0].amount = 3000; })}); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the update now waits for the lock
  f.prices.released = true;
  repricing.join();
  changing.join();
  REQUIRE(jpy() == std::vector<std::pair<std::string, std::int64_t>>{{b->slug, 2000}, {a->slug, 3000}});
}

TEST_CASE("prices() gives each listed product's price as the listing shows it, and none for the unlisted") {
  Fixture f;
  const auto a = product("Acme", "", "red", {500, 300});
  const auto b = product("Acme", "", "red", {1000});
  const auto draft = product("Acme", "", "red", {700}, "draft");
  f.index.reload({a, b, draft});
  const auto usd = f.index.prices({b->id, a->id, draft->id, "no-such-id"}, "USD");
  REQUIRE(usd == std::vector<std::optional<std::int64_t>>{1000, 300, std::nullopt, std::nullopt});
  REQUIRE(f.index.prices({a->id}, "JPY") == std::vector<std::optional<std::int64_t>>{450});
  f.prices.failing = true;
  REQUIRE_THROWS_AS(f.index.prices({a->id}, "GBP"), Error);
}
