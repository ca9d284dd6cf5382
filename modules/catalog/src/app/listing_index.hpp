#pragma once
// What storefront listings read: every active product filed under its brand, category and
// attribute values, and kept in each listing order (newest, rating, price per currency). A page
// walks its order from the cursor and stops once it has enough; a narrow filter instead picks its
// few candidates from the filed sets and sorts them. Prices are computed when a product changes,
// when a sale starts or ends, and (for converted currencies) when exchange rates change; never per
// request.
#include "domain/listing.hpp"
#include "domain/product.hpp"

#include <agora/core/clock.hpp>
#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace agora::catalog {

// Base-currency amounts already converted into one currency: catalogs repeat their prices.
using Conversions = std::unordered_map<std::int64_t, std::int64_t>;

class ListingIndex {
 public:
  using Ptr = std::shared_ptr<const Product>;
  // The lowest variant price of a product in `currency` at `now`, in its minor units.
  using Pricer = std::function<std::int64_t(const Product&, const std::string& currency, Timestamp now, Conversions&)>;
  using Categories = std::set<std::string, std::less<>>;

  struct Page {
    std::vector<std::pair<Ptr, std::int64_t>> items;  // each product with its price in the listing's currency
    std::string next_cursor;                          // "" on the last page
  };

  ListingIndex(Pricer pricer, const Clock& clock);

  // Replaces everything with these products (built aside, then swapped in: listings go on meanwhile).
  void reload(const std::vector<Ptr>& products);
  // These ids changed: `current` holds the ones that still exist, as they are now.
  void update(const std::vector<std::string>& ids, const std::vector<Ptr>& current);
  // Exchange rates changed: prices every currency again while listings go on with the old prices.
  void rates_changed();

  // `categories`: when set, only products in one of them. Throws what the pricer throws when the
  // currency's prices cannot be computed (no exchange rate for it, or none yet).
  Page list(const ListingQuery& query, const std::optional<Categories>& categories);
  // Each product's price in `currency` as list() shows it; nullopt for one not listed. Throws as list().
  std::vector<std::optional<std::int64_t>> prices(const std::vector<std::string>& ids, const std::string& currency);

 private:
  struct Item;
  struct Ranked {
    ListingKey key;  // key.id views the item's id
    const Item* item;
  };
  struct InOrder {
    SortOrder order;
    bool operator()(const Ranked& a, const Ranked& b) const { return comes_before(a.key, b.key, order); }
  };
  using Order = std::set<Ranked, InOrder>;
  // What filtering and sorting read of a product, kept together so a scan of thousands stays in cache.
  struct Item {
    Ptr product;
    std::string_view id;  // the key of its entry in State::items
    std::int64_t rating_milli = 0;
    std::int64_t rating_count = 0;
    boost::container::small_vector<std::uint32_t, 6> terms;  // sorted ids of the terms it is filed under
    boost::container::small_vector<std::int64_t, 2> prices;  // by slot
  };
  struct Slot {  // one currency's prices, in price order
    std::string currency;
    bool fresh = false;
    Order by_price{InOrder{SortOrder::price_ascending}};
  };
  struct State {
    std::map<std::string, Item, std::greater<>> items;        // newest first (ids are UUIDv7)
    std::unordered_map<std::string, std::uint32_t> term_ids;  // brand, category and attribute values
    std::vector<std::vector<const Item*>> filed;              // by term id, in no order
    Order by_rating{InOrder{SortOrder::rating}};
    std::deque<Slot> slots;
    std::multimap<Timestamp, std::string> price_changes;  // when a product's price may change next
    std::uint64_t generation = 0;                         // counts updates
    std::uint32_t term_id(const std::string& term);       // a new id for a new term
  };
  class Query;

  // An item's place in a slot's price order, or (no slot) in rating order.
  static ListingKey key(const Item& item, std::optional<std::size_t> slot);
  void add(State& s, const Ptr& p, Timestamp now);  // p must be active
  void remove(State& s, const std::string& id);
  // One currency's price for every item (in State::items order) and the price order they make.
  struct Priced {
    std::vector<std::int64_t> prices;
    Order order{InOrder{SortOrder::price_ascending}};
  };
  Priced price_all(const State& s, const std::string& currency, Timestamp now) const;  // throws as the pricer
  static void install(State& s, std::size_t index, Priced priced);                     // the slot becomes fresh
  // Fills a slot's prices and order; a pricing failure leaves it stale and throws.
  void price_slot(State& s, Slot& slot, std::size_t index, Timestamp now);
  // One item's price in a fresh slot; a pricing failure makes the slot stale (logged, not thrown).
  void price_item(Slot& slot, std::size_t index, Item& item, Timestamp now);
  std::optional<std::size_t> ready_slot(const State& s, const std::string& currency, Timestamp now) const;
  std::size_t prepare_slot(State& s, const std::string& currency, Timestamp now);

  Pricer pricer_;
  const Clock& clock_;
  mutable std::shared_mutex mutex_;
  std::unique_ptr<State> state_;
};

}  // namespace agora::catalog
