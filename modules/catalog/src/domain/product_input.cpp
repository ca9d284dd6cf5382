#include "domain/product_input.hpp"

#include <agora/core/error.hpp>

#include <algorithm>
#include <regex>

namespace agora::catalog {

bool valid_slug(std::string_view s) {
  static const std::regex re("[a-z0-9]+(-[a-z0-9]+)*");
  return s.size() <= 120 && std::regex_match(s.begin(), s.end(), re);
}

bool valid_sku(std::string_view s) {
  static const std::regex re("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  return std::regex_match(s.begin(), s.end(), re);
}

bool valid_locale(std::string_view s) {
  static const std::regex re("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  return s.size() <= 35 && std::regex_match(s.begin(), s.end(), re);
}

bool valid_pair_name(std::string_view s) {
  static const std::regex re("[a-z][a-z0-9_]{0,39}");
  return std::regex_match(s.begin(), s.end(), re);
}

bool valid_pair_value(std::string_view s) { return !s.empty() && s.size() <= 200; }

bool valid_image_url(std::string_view s) {
  static const std::regex re("https?://[^\\s]{1,2000}");
  return std::regex_match(s.begin(), s.end(), re);
}

bool valid_status(std::string_view s) { return s == kDraft || s == kActive || s == kArchived; }

bool valid_tax_category(std::string_view s) { return s == kTaxStandard || s == kTaxReduced || s == kTaxZero; }

bool valid_compare_at(const Price& p) { return !p.compare_at || *p.compare_at > p.amount; }

bool valid_window(const Price& p) { return !p.starts_at || !p.ends_at || *p.starts_at < *p.ends_at; }

bool second_regular_price(const std::vector<Price>& earlier, const Price& p) {
  return !p.is_sale() && has_regular_price(earlier, p.currency);
}

bool has_regular_price(const std::vector<Price>& prices, std::string_view currency) {
  return std::any_of(prices.begin(), prices.end(),
                     [&](const Price& p) { return !p.is_sale() && p.currency == currency; });
}

void apply(const ProductPatch& patch, Product& product) {
  if (patch.slug) product.slug = *patch.slug;
  if (patch.status) product.status = *patch.status;
  if (patch.brand) product.brand = *patch.brand;
  if (patch.category_id) product.category_id = *patch.category_id;
  if (patch.tax_category) product.tax_category = *patch.tax_category;
  if (patch.attributes) product.attributes = *patch.attributes;
  if (patch.images) product.images = *patch.images;
  if (patch.default_locale) product.default_locale = *patch.default_locale;
  if (patch.texts) product.texts = *patch.texts;
  if (!product.texts.contains(product.default_locale))
    throw Error(ErrorKind::validation, "invalid product",
                {{"texts", "must have a title in the default locale " + product.default_locale}});
}

void apply(const VariantPatch& patch, Variant& v) {
  if (patch.options) v.options = *patch.options;
  auto& d = v.dimensions;
  for (auto [measure, value] :
       {std::pair{&d.weight_grams, &patch.weight_grams}, std::pair{&d.length_mm, &patch.length_mm},
        std::pair{&d.width_mm, &patch.width_mm}, std::pair{&d.height_mm, &patch.height_mm}})
    if (*value) *measure = **value;
}

}  // namespace agora::catalog
