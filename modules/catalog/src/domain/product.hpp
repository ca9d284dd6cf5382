#pragma once
// The catalog's products as values: texts per locale, variants, price lists, and the rules that
// pick a price at an instant. Pure: no I/O, no clock of its own.
#include "domain/review.hpp"

#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agora::catalog {

inline constexpr std::string_view kDraft = "draft";
inline constexpr std::string_view kActive = "active";
inline constexpr std::string_view kArchived = "archived";

// Which tax rate applies to a product; the rates themselves are not the catalog's.
inline constexpr std::string_view kTaxStandard = "standard";
inline constexpr std::string_view kTaxReduced = "reduced";
inline constexpr std::string_view kTaxZero = "zero";

using Pairs = std::vector<std::pair<std::string, std::string>>;  // sorted by name, names unique

struct Text {
  std::string title;
  std::string description;
};
BOOST_DESCRIBE_STRUCT(Text, (), (title, description))

struct Image {
  std::string url;
  std::string alt;
};

// One entry of a variant's price list: a regular price (no window) or a sale (a window).
struct Price {
  std::string currency;
  std::int64_t amount = 0;
  std::optional<std::int64_t> compare_at;
  std::optional<Timestamp> starts_at;
  std::optional<Timestamp> ends_at;
  bool is_sale() const { return starts_at || ends_at; }
  bool holds_at(Timestamp t) const { return (!starts_at || *starts_at <= t) && (!ends_at || t < *ends_at); }
};
BOOST_DESCRIBE_STRUCT(Price, (), (currency, amount, compare_at, starts_at, ends_at))

struct Dimensions {
  std::optional<std::int64_t> weight_grams;
  std::optional<std::int64_t> length_mm;
  std::optional<std::int64_t> width_mm;
  std::optional<std::int64_t> height_mm;
};
BOOST_DESCRIBE_STRUCT(Dimensions, (), (weight_grams, length_mm, width_mm, height_mm))

struct Variant {
  std::string id;
  std::string sku;
  Pairs options;  // size, colour, ...
  Dimensions dimensions;
  std::vector<Price> prices;
};
BOOST_DESCRIBE_STRUCT(Variant, (), (id, sku, options, dimensions, prices))

struct Product {
  std::string id;
  std::string slug;
  std::string status;
  std::string brand;
  std::string category_id;  // "" for none
  std::string tax_category{kTaxStandard};
  Pairs attributes;
  std::vector<Image> images;
  std::string default_locale;
  std::map<std::string, Text, std::less<>> texts;  // by locale; always has default_locale
  std::vector<Variant> variants;                   // at least one
  RatingSummary rating;
  std::int64_t revision = 1;
  Timestamp created_at;
  Timestamp updated_at;

  // The locale to show for `wanted`: itself, else its language ("de" for "de-CH"), else the default.
  const std::string& resolve_locale(std::string_view wanted) const;
  const Text& text(std::string_view wanted_locale) const { return texts.at(resolve_locale(wanted_locale)); }
  std::vector<std::string> skus() const;
};
BOOST_DESCRIBE_STRUCT(Product, (),
                      (id, slug, status, brand, category_id, tax_category, attributes, images, default_locale, texts,
                       variants, rating, revision, created_at, updated_at))

// A price as a shopper sees it at an instant, in the price list's own currency.
struct Offer {
  std::int64_t amount = 0;
  std::optional<std::int64_t> compare_at;  // the "was" price: the sale's, else the regular price
  std::optional<Timestamp> ends_at;        // when a sale ends
};

// The explicit price of `variant` in `currency` at `t`: the lowest sale holding at t, else the
// regular price; nullopt when the price list has neither.
std::optional<Offer> explicit_offer(const Variant& variant, std::string_view currency, Timestamp t);

// The first instant after `t` at which some price of the product starts or ends (cache expiry).
std::optional<Timestamp> next_price_change(const Product& product, Timestamp t);

}  // namespace agora::catalog
