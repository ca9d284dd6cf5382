#pragma once
// Storefront listing queries: filters, sort order and the opaque cursor, parsed from the query
// string; and the order of listed items. Pure.
#include "domain/product.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agora::catalog {

enum class SortOrder { newest, price_ascending, price_descending, rating };

struct ListingQuery {
  std::optional<std::string> category_id;
  std::vector<std::string> brands;        // any of them
  Pairs attributes;                       // all of them (attr.<name>=value)
  std::optional<std::int64_t> min_price;  // minor units of `currency`, inclusive
  std::optional<std::int64_t> max_price;
  SortOrder sort = SortOrder::newest;
  std::size_t limit = 24;
  std::string cursor;  // "" for the first page
  std::string currency;
  std::string locale;
};

// Error{validation} naming each bad parameter, a cursor this listing's sort order did not make
// included. Defaults: base currency, default locale.
ListingQuery parse_listing_query(const std::vector<std::pair<std::string, std::string>>& params,
                                 const std::string& base_currency, const std::string& default_locale);

// What a listed product is sorted by. Equal prices keep creation order (oldest first going up,
// newest first going down); rating ties break on count, then id (newest first).
struct ListingKey {
  std::int64_t price = 0;         // the lowest variant price, in the listing's currency
  std::int64_t rating_milli = 0;  // average rating x 1000
  std::int64_t rating_count = 0;
  std::string_view id;  // the product's (or the cursor's) own text: keys are made by the thousand
};

// True when a comes before b in the order.
bool comes_before(const ListingKey& a, const ListingKey& b, SortOrder order);
std::string encode_cursor(const ListingKey& key, SortOrder order);
// nullopt for a cursor this order did not make. The key's id views into `cursor`.
std::optional<ListingKey> decode_cursor(const std::string& cursor, SortOrder order);

}  // namespace agora::catalog
