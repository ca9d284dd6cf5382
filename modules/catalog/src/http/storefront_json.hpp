#pragma once
// The storefront's answers as JSON: a product page as shoppers see it, and a listing page.
#include "app/listing_index.hpp"
#include "app/storefront.hpp"
#include "domain/listing.hpp"

#include <string>

namespace agora::catalog {

// The body of a product page (Storefront's PageWriter).
std::string product_page_json(const ProductPage& page);
// {items, next_cursor}: each item a product's card with its lowest price in the query's currency.
std::string listing_json(const ListingIndex::Page& page, const ListingQuery& query);

}  // namespace agora::catalog
