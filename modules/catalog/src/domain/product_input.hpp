#pragma once
// Admin input for products and variants: JSON bodies checked field by field, so one 422 lists
// every problem (fields are named by path: "variants[0].prices[1].currency").
#include "domain/product.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace agora::catalog {

struct CatalogRules {
  std::string base_currency;  // every variant has a regular price in it
};

// A new product with its variants; ids are left empty for the caller to assign.
Product parse_new_product(const boost::json::value& body, const CatalogRules& rules);

// The product-level fields a PATCH may change; absent ones stay as they are.
struct ProductPatch {
  std::optional<std::string> slug;
  std::optional<std::string> status;
  std::optional<std::string> brand;
  std::optional<std::string> category_id;  // "" clears it
  std::optional<Pairs> attributes;
  std::optional<std::vector<Image>> images;
  std::optional<std::string> default_locale;
  std::optional<std::map<std::string, Text, std::less<>>> texts;  // replaces every locale
  std::vector<std::string> changed;  // field names present, for the event
};
ProductPatch parse_product_patch(const boost::json::value& body);
// Applies the patch; Error{validation} when the texts lack the default locale.
void apply(const ProductPatch& patch, Product& product);

Variant parse_new_variant(const boost::json::value& body, const CatalogRules& rules);
// {options, weight_grams, dimensions}: the SKU and the prices have their own endpoints.
void patch_variant(const boost::json::value& body, Variant& variant);
std::vector<Price> parse_price_list(const boost::json::value& body, const CatalogRules& rules);

bool valid_slug(std::string_view slug);
bool valid_sku(std::string_view sku);

}  // namespace agora::catalog
