#pragma once
// Answers a search from this instance's index: words matched by the text index, the catalog's
// filters and the facet counts from the product table in one pass over the matches (a facet's
// counts leave out its own filter, so a chosen brand does not hide the others), then the page:
// the most relevant matches (as the text index weighed them), or sorted by price, date or rating
// from the table. Misspelled words
// with no match are corrected once.
#include "app/indexer.hpp"
#include "domain/price_buckets.hpp"
#include "domain/search_request.hpp"

#include <agora/catalog/api.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace agora::search {

struct SearchItem {
  std::shared_ptr<const catalog::ProductDocument> product;
  std::optional<std::int64_t> price;  // lowest, in the search's currency
};

struct FacetValue {
  std::string value;  // a brand, a category id, an attribute value
  std::size_t count = 0;
  const catalog::CategoryNode* category = nullptr;  // a category's, valid while the result lives
};

struct AttributeFacet {
  std::string name;
  std::vector<FacetValue> values;
};

struct SearchResult {
  std::string locale;    // the index that answered
  std::string currency;  // of the prices
  std::vector<SearchItem> items;
  std::size_t total = 0;  // matches passing every filter
  std::string next_cursor;
  std::optional<std::string> corrected_query;  // the words searched instead: the ones asked found nothing
  std::optional<std::vector<FacetValue>> brands;
  std::optional<std::vector<FacetValue>> categories;
  std::optional<std::vector<PriceBucket>> prices;
  std::optional<std::vector<AttributeFacet>> attributes;
  std::shared_ptr<const CategoryView> category_view;  // what `categories` point into
};

class Searcher {
 public:
  Searcher(Indexer& indexer, catalog::Api& catalog, Options options)
      : indexer_(indexer), catalog_(catalog), options_(std::move(options)) {}

  // `request` as parse_search_request read it (at most kMaxAttributeFilters attribute filters).
  // Error{unavailable} while the first index is built; Error{validation} naming currency for one
  // without an exchange rate.
  SearchResult search(const SearchRequest& request);

 private:
  struct Run;
  Indexer& indexer_;
  catalog::Api& catalog_;
  Options options_;
};

}  // namespace agora::search
