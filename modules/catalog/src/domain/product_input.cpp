#include "domain/product_input.hpp"

#include <agora/core/error.hpp>
#include <agora/core/fields.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/money.hpp>

#include <algorithm>
#include <regex>
#include <set>

namespace agora::catalog {
namespace {

constexpr std::size_t kMaxVariants = 100;
constexpr std::size_t kMaxPairs = 50;
constexpr std::size_t kMaxImages = 20;
constexpr std::size_t kMaxPrices = 100;
constexpr std::int64_t kMaxAmount = 1'000'000'000'000;  // minor units: ten billion of a 2-decimal currency
constexpr std::int64_t kMaxMeasure = 10'000'000;        // grams or millimetres

bool valid_locale(std::string_view s) {
  static const std::regex re("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  return s.size() <= 35 && std::regex_match(s.begin(), s.end(), re);
}

bool valid_key(std::string_view s) {
  static const std::regex re("[a-z][a-z0-9_]{0,39}");
  return std::regex_match(s.begin(), s.end(), re);
}

std::string at(std::string_view field, std::size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }

// {"name": "value", ...} with lower-case names and short string values, sorted by name.
std::optional<Pairs> pairs(Fields& f, std::string_view key, bool required) {
  const auto* v = f.raw(key);
  if (!v || v->is_null()) {
    if (required) f.fail(std::string(key), "is required");
    return std::nullopt;
  }
  if (!v->is_object() || v->get_object().size() > kMaxPairs) {
    f.fail(std::string(key), "must be an object of at most 50 names with string values");
    return std::nullopt;
  }
  Pairs out;
  bool ok = true;
  for (const auto& [name, value] : v->get_object()) {
    const auto field = std::string(key) + "." + std::string(name);
    if (!valid_key(name)) {
      f.fail(field, "names are lower-case letters, digits and _ (at most 40)");
      ok = false;
    } else if (!value.is_string() || value.get_string().empty() || value.get_string().size() > 200) {
      f.fail(field, "must be a string of 1 to 200 characters");
      ok = false;
    } else {
      out.emplace_back(std::string(name), std::string(value.get_string()));
    }
  }
  std::sort(out.begin(), out.end());
  return ok ? std::optional(out) : std::nullopt;
}

std::optional<std::vector<Image>> images(Fields& f) {
  const auto* v = f.raw("images");
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_array() || v->get_array().size() > kMaxImages) {
    f.fail("images", "must be an array of at most 20 images");
    return std::nullopt;
  }
  static const std::regex url_re("https?://[^\\s]{1,2000}");
  std::vector<Image> out;
  for (std::size_t i = 0; i < v->get_array().size(); ++i) {
    const auto& item = v->get_array()[i];
    if (!item.is_object()) {
      f.fail(at("images", i), "must be an object {url, alt}");
      continue;
    }
    Fields img(item);
    const auto url = img.text("url", 2000, true);
    if (url && !std::regex_match(*url, url_re)) img.fail("url", "must be an http or https URL");
    const auto alt = img.text("alt", 200, false, true);
    const bool good = img.ok();
    f.add(img.nested_errors({"url", "alt"}, at("images", i) + "."));
    if (good) out.push_back({*url, alt.value_or("")});
  }
  return out;
}

std::optional<std::map<std::string, Text, std::less<>>> texts(Fields& f, bool required) {
  const auto* v = f.raw("texts");
  if (!v || v->is_null()) {
    if (required) f.fail("texts", "is required: {\"en\": {\"title\": ..., \"description\": ...}}");
    return std::nullopt;
  }
  if (!v->is_object() || v->get_object().empty() || v->get_object().size() > 100) {
    f.fail("texts", "must be an object with 1 to 100 locales");
    return std::nullopt;
  }
  std::map<std::string, Text, std::less<>> out;
  for (const auto& [locale, text] : v->get_object()) {
    const auto prefix = "texts." + std::string(locale);
    if (!valid_locale(locale)) {
      f.fail(prefix, "is not a locale such as en or de-CH");
      continue;
    }
    if (!text.is_object()) {
      f.fail(prefix, "must be an object {title, description}");
      continue;
    }
    Fields t(text);
    const auto title = t.text("title", 200, true);
    const auto description = t.text("description", 10000, false, true, true);
    const bool good = t.ok();
    f.add(t.nested_errors({"title", "description"}, prefix + "."));
    if (good) out[std::string(locale)] = {*title, description.value_or("")};
  }
  return out;
}

std::optional<Timestamp> instant(Fields& f, std::string_view key) {
  const auto* v = f.raw(key);
  if (!v || v->is_null()) return std::nullopt;
  const auto t = v->is_string() ? parse_rfc3339(v->get_string()) : std::nullopt;
  if (!t) f.fail(std::string(key), std::string(kRfc3339Expected));
  return t;
}

std::vector<Price> prices(const boost::json::value* v, std::string_view field, const CatalogRules& rules,
                          std::vector<FieldError>& errors) {
  std::vector<Price> out;
  if (!v || !v->is_array() || v->get_array().empty() || v->get_array().size() > kMaxPrices) {
    errors.push_back({std::string(field), "must be an array of 1 to 100 prices"});
    return out;
  }
  std::set<std::string> regular;
  for (std::size_t i = 0; i < v->get_array().size(); ++i) {
    const auto& item = v->get_array()[i];
    const auto prefix = at(field, i);
    if (!item.is_object()) {
      errors.push_back({prefix, "must be an object {currency, amount, compare_at, starts_at, ends_at}"});
      continue;
    }
    Fields p(item);
    const auto currency = p.text("currency", 3, true);
    if (currency && !find_currency(*currency)) p.fail("currency", "must be an ISO 4217 currency code such as USD");
    const auto amount = p.integer("amount", 0, kMaxAmount, true);
    const auto compare_at = p.integer("compare_at", 0, kMaxAmount);
    if (amount && compare_at && *compare_at <= *amount) p.fail("compare_at", "must be more than amount");
    const auto starts = instant(p, "starts_at");
    const auto ends = instant(p, "ends_at");
    if (starts && ends && *starts >= *ends) p.fail("ends_at", "must be after starts_at");
    Price price{currency.value_or(""), amount.value_or(0), compare_at, starts, ends};
    if (p.ok() && !price.is_sale() && !regular.insert(price.currency).second)
      p.fail("currency", "has a regular price already in this list");
    const bool good = p.ok();
    for (auto& e : p.nested_errors({"currency", "amount", "compare_at", "starts_at", "ends_at"}, prefix + "."))
      errors.push_back(std::move(e));
    if (good) out.push_back(std::move(price));
  }
  if (errors.empty() && !regular.contains(rules.base_currency))
    errors.push_back({std::string(field), "must have a regular price (no starts_at or ends_at) in the base currency " +
                                              rules.base_currency});
  return out;
}

void dimensions(Fields& f, Dimensions& d) {
  if (f.has("weight_grams")) d.weight_grams = f.integer("weight_grams", 0, kMaxMeasure);
  const auto* v = f.raw("dimensions");
  if (!v) return;
  if (v->is_null()) {
    d.length_mm = d.width_mm = d.height_mm = std::nullopt;
    return;
  }
  if (!v->is_object()) return f.fail("dimensions", "must be an object {length_mm, width_mm, height_mm}");
  Fields dims(*v);
  d.length_mm = dims.integer("length_mm", 0, kMaxMeasure);
  d.width_mm = dims.integer("width_mm", 0, kMaxMeasure);
  d.height_mm = dims.integer("height_mm", 0, kMaxMeasure);
  f.add(dims.nested_errors({"length_mm", "width_mm", "height_mm"}, "dimensions."));
}

// A variant object; errors are named under `prefix` ("variants[2].").
Variant variant(const boost::json::value& v, const std::string& prefix, const CatalogRules& rules,
                std::vector<FieldError>& errors) {
  Variant out;
  if (!v.is_object()) {
    errors.push_back({prefix.substr(0, prefix.size() - 1), "must be an object {sku, options, prices, ...}"});
    return out;
  }
  Fields f(v);
  const auto sku = f.text("sku", 64, true);
  if (sku && !valid_sku(*sku)) f.fail("sku", "letters, digits, '.', '_' and '-', starting with a letter or digit (at most 64)");
  out.sku = sku.value_or("");
  out.options = pairs(f, "options", false).value_or(Pairs{});
  dimensions(f, out.dimensions);
  std::vector<FieldError> price_errors;
  out.prices = prices(f.raw("prices"), "prices", rules, price_errors);
  f.add(std::move(price_errors));
  for (auto& e : f.nested_errors({"sku", "options", "weight_grams", "dimensions", "prices"}, prefix))
    errors.push_back(std::move(e));
  return out;
}

void fail_if(std::vector<FieldError> errors, std::string_view what) {
  if (!errors.empty()) throw Error(ErrorKind::validation, std::string(what), std::move(errors));
}

}  // namespace

bool valid_slug(std::string_view s) {
  static const std::regex re("[a-z0-9]+(-[a-z0-9]+)*");
  return s.size() <= 120 && std::regex_match(s.begin(), s.end(), re);
}

bool valid_sku(std::string_view s) {
  static const std::regex re("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  return std::regex_match(s.begin(), s.end(), re);
}

namespace {

// Reads every product-level field present in the body into a patch, recording problems in f.
ProductPatch read_product_fields(Fields& f, const boost::json::object& body) {
  ProductPatch p;
  for (const auto& [key, _] : body) p.changed.emplace_back(key);
  if (f.has("slug")) {
    p.slug = f.text("slug", 120, true);
    if (p.slug && !valid_slug(*p.slug)) f.fail("slug", "lower-case letters, digits and single hyphens (at most 120)");
  }
  if (f.has("status")) {
    p.status = f.text("status", 20, true);
    if (p.status && *p.status != kDraft && *p.status != kActive && *p.status != kArchived)
      f.fail("status", "must be draft, active or archived");
  }
  if (f.has("brand")) p.brand = f.text("brand", 100, false, true).value_or("");
  if (f.has("category_id")) {
    const auto* v = f.raw("category_id");
    if (v->is_null())
      p.category_id = "";
    else if (!v->is_string() || !is_uuid(v->get_string()))
      f.fail("category_id", "must be a category id or null");
    else
      p.category_id = std::string(v->get_string());
  }
  if (f.has("attributes")) p.attributes = pairs(f, "attributes", true);
  if (f.has("images")) p.images = images(f);
  if (f.has("default_locale")) {
    p.default_locale = f.text("default_locale", 35, true);
    if (p.default_locale && !valid_locale(*p.default_locale))
      f.fail("default_locale", "is not a locale such as en or de-CH");
  }
  if (f.has("texts")) p.texts = texts(f, true);
  return p;
}

}  // namespace

ProductPatch parse_product_patch(const boost::json::value& body) {
  Fields f(body);
  auto patch = read_product_fields(f, body.get_object());
  f.finish({"slug", "status", "brand", "category_id", "attributes", "images", "default_locale", "texts"},
           "invalid product");
  return patch;
}

void apply(const ProductPatch& patch, Product& product) {
  if (patch.slug) product.slug = *patch.slug;
  if (patch.status) product.status = *patch.status;
  if (patch.brand) product.brand = *patch.brand;
  if (patch.category_id) product.category_id = *patch.category_id;
  if (patch.attributes) product.attributes = *patch.attributes;
  if (patch.images) product.images = *patch.images;
  if (patch.default_locale) product.default_locale = *patch.default_locale;
  if (patch.texts) product.texts = *patch.texts;
  if (!product.texts.contains(product.default_locale))
    throw Error(ErrorKind::validation, "invalid product",
                {{"texts", "must have a title in the default locale " + product.default_locale}});
}

Product parse_new_product(const boost::json::value& body, const CatalogRules& rules) {
  Fields f(body);
  for (const auto* key : {"slug", "status", "default_locale", "texts"})
    if (!f.has(key)) f.fail(key, "is required");
  const auto patch = read_product_fields(f, body.get_object());
  Product product;
  const auto* list = f.raw("variants");
  if (!list || !list->is_array() || list->get_array().empty() || list->get_array().size() > kMaxVariants) {
    f.fail("variants", "must be an array of 1 to 100 variants");
  } else {
    std::vector<FieldError> errors;
    std::set<std::string> skus;
    for (std::size_t i = 0; i < list->get_array().size(); ++i) {
      auto v = variant(list->get_array()[i], at("variants", i) + ".", rules, errors);
      if (!v.sku.empty() && !skus.insert(v.sku).second)
        errors.push_back({at("variants", i) + ".sku", "is used by another variant of this product"});
      product.variants.push_back(std::move(v));
    }
    f.add(std::move(errors));
  }
  if (patch.texts && patch.default_locale && !patch.texts->contains(*patch.default_locale))
    f.fail("texts", "must have a title in the default locale " + *patch.default_locale);
  f.finish({"slug", "status", "brand", "category_id", "attributes", "images", "default_locale", "texts", "variants"},
           "invalid product");
  apply(patch, product);
  return product;
}

Variant parse_new_variant(const boost::json::value& body, const CatalogRules& rules) {
  if (!body.is_object()) throw Error(ErrorKind::bad_request, "request body must be a JSON object");
  std::vector<FieldError> errors;
  auto v = variant(body, "", rules, errors);
  fail_if(std::move(errors), "invalid variant");
  return v;
}

void patch_variant(const boost::json::value& body, Variant& v) {
  Fields f(body);
  if (f.has("options")) v.options = pairs(f, "options", true).value_or(v.options);
  dimensions(f, v.dimensions);
  f.finish({"options", "weight_grams", "dimensions"}, "invalid variant");
}

std::vector<Price> parse_price_list(const boost::json::value& body, const CatalogRules& rules) {
  Fields f(body);
  std::vector<FieldError> errors;
  auto list = prices(f.raw("prices"), "prices", rules, errors);
  f.add(std::move(errors));
  f.finish({"prices"}, "invalid price list");
  return list;
}

}  // namespace agora::catalog
