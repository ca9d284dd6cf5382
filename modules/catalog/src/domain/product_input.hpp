#pragma once
// What admins may set on products, variants and price lists: the limits and formats their fields
// keep, the price list rules, and patches applied to a product or variant.
#include "domain/product.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::catalog {

struct CatalogRules {
  std::string base_currency;  // every variant has a regular price in it
};

inline constexpr std::size_t kMaxVariants = 100;  // per product
inline constexpr std::size_t kMaxPairs = 50;      // attributes of a product, options of a variant
inline constexpr std::size_t kMaxImages = 20;
inline constexpr std::size_t kMaxPrices = 100;  // per variant
inline constexpr std::size_t kMaxLocales = 100;
inline constexpr std::int64_t kMaxAmount = 1'000'000'000'000;  // minor units: ten billion of a 2-decimal currency
inline constexpr std::int64_t kMaxMeasure = 10'000'000;        // grams or millimetres
inline constexpr std::size_t kMaxBrand = 100;                  // characters
inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxDescription = 10000;
inline constexpr std::size_t kMaxImageAlt = 200;

bool valid_slug(std::string_view slug);          // lower-case letters, digits and single hyphens (at most 120)
bool valid_sku(std::string_view sku);            // letters, digits, '.', '_' and '-' (at most 64)
bool valid_locale(std::string_view locale);      // en, de-CH, ...
bool valid_pair_name(std::string_view name);     // an attribute's or option's: [a-z][a-z0-9_]{0,39}
bool valid_pair_value(std::string_view value);   // 1 to 200 characters
bool valid_image_url(std::string_view url);      // http or https
bool valid_status(std::string_view status);      // draft, active or archived
bool valid_tax_category(std::string_view name);  // standard, reduced or zero

// Price list rules, each checked on a price read whole: a compare_at price above the amount, a
// sale window that ends after it starts, at most one regular price per currency (`earlier`: the
// list's prices before this one), and a regular price in the base currency.
bool valid_compare_at(const Price& p);
bool valid_window(const Price& p);
bool second_regular_price(const std::vector<Price>& earlier, const Price& p);
bool has_regular_price(const std::vector<Price>& prices, std::string_view currency);

// The product-level fields a PATCH may change; absent ones stay as they are.
struct ProductPatch {
  std::optional<std::string> slug;
  std::optional<std::string> status;
  std::optional<std::string> brand;
  std::optional<std::string> category_id;  // "" clears it
  std::optional<std::string> tax_category;
  std::optional<Pairs> attributes;
  std::optional<std::vector<Image>> images;
  std::optional<std::string> default_locale;
  std::optional<std::map<std::string, Text, std::less<>>> texts;  // replaces every locale
  std::vector<std::string> changed;                               // field names present, for the event
};
// Applies the patch; Error{validation} when the texts lack the default locale.
void apply(const ProductPatch& patch, Product& product);

// A variant's {options, weight_grams, dimensions}: the SKU and the prices have their own endpoints.
struct VariantPatch {
  std::optional<Pairs> options;
  // Present: replaces the measure (an empty inner value clears it). The dimensions of a patch
  // come together: an object or null sets all three sizes.
  std::optional<std::optional<std::int64_t>> weight_grams, length_mm, width_mm, height_mm;
};
void apply(const VariantPatch& patch, Variant& variant);

}  // namespace agora::catalog
