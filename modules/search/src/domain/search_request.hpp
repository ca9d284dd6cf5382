#pragma once
// A search as asked in the query string: words, the catalog's filters, facets, sort and the opaque
// cursor of the next page. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agora::search {

enum class SearchSort { relevance, newest, price_ascending, price_descending, rating };

// Where the previous page ended: past `offset` ranked matches (relevance), or past the product
// `id` whose sort key was `key` (the others).
struct Cursor {
  SearchSort sort = SearchSort::relevance;
  std::int64_t key = 0;
  std::string id;
  std::size_t offset = 0;
};

struct SearchRequest {
  std::string q;
  std::string locale;                      // "": the first indexed locale
  std::string currency;                    // "": the catalog's base currency
  std::optional<std::string> category_id;  // and its descendants
  std::vector<std::string> brands;         // any of them
  // attr.<name>=value: values of one name are alternatives, different names must all hold.
  std::vector<std::pair<std::string, std::string>> attributes;
  std::optional<std::int64_t> min_price;  // minor units, inclusive
  std::optional<std::int64_t> max_price;
  bool in_stock = false;
  std::vector<std::string> facets;  // brand, category, price, attributes (each), attr.<name>
  SearchSort sort = SearchSort::relevance;
  std::size_t limit = 24;
  std::optional<Cursor> cursor;
};

inline constexpr std::size_t kMaxFacetValues = 50;       // values of one facet answered, by count
inline constexpr std::size_t kMaxAttributeFilters = 32;  // attr.<name>=value parameters of one search

// Error{validation} naming every bad parameter. Without q the default sort is newest.
SearchRequest parse_search_request(const std::vector<std::pair<std::string, std::string>>& params,
                                   std::size_t max_query_chars);

std::string encode_cursor(const Cursor& cursor);

}  // namespace agora::search
