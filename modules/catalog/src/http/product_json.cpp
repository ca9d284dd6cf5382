#include "http/product_json.hpp"

#include <agora/core/error.hpp>
#include <agora/core/fields.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/money.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <set>

namespace agora::catalog {
namespace {

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
    if (!valid_pair_name(name)) {
      f.fail(field, "names are lower-case letters, digits and _ (at most 40)");
      ok = false;
    } else if (!value.is_string() || !valid_pair_value(value.get_string())) {
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
  std::vector<Image> out;
  for (std::size_t i = 0; i < v->get_array().size(); ++i) {
    const auto& item = v->get_array()[i];
    if (!item.is_object()) {
      f.fail(at("images", i), "must be an object {url, alt}");
      continue;
    }
    Fields img(item);
    const auto url = img.text("url", 2000, true);
    if (url && !valid_image_url(*url)) img.fail("url", "must be an http or https URL");
    const auto alt = img.text("alt", kMaxImageAlt, false, true);
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
  if (!v->is_object() || v->get_object().empty() || v->get_object().size() > kMaxLocales) {
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
    const auto title = t.text("title", kMaxTitle, true);
    const auto description = t.text("description", kMaxDescription, false, true, true);
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
    Price price{currency.value_or(""), amount.value_or(0), p.integer("compare_at", 0, kMaxAmount)};
    if (amount && !valid_compare_at(price)) p.fail("compare_at", "must be more than amount");
    price.starts_at = instant(p, "starts_at");
    price.ends_at = instant(p, "ends_at");
    if (!valid_window(price)) p.fail("ends_at", "must be after starts_at");
    if (p.ok() && second_regular_price(out, price)) p.fail("currency", "has a regular price already in this list");
    const bool good = p.ok();
    for (auto& e : p.nested_errors({"currency", "amount", "compare_at", "starts_at", "ends_at"}, prefix + "."))
      errors.push_back(std::move(e));
    if (good) out.push_back(std::move(price));
  }
  if (errors.empty() && !has_regular_price(out, rules.base_currency))
    errors.push_back({std::string(field), "must have a regular price (no starts_at or ends_at) in the base currency " +
                                              rules.base_currency});
  return out;
}

// weight_grams and dimensions, as the patch of a variant's measures.
void measures(Fields& f, VariantPatch& patch) {
  if (f.has("weight_grams")) patch.weight_grams.emplace(f.integer("weight_grams", 0, kMaxMeasure));
  const auto* v = f.raw("dimensions");
  if (!v) return;
  if (v->is_null()) {
    patch.length_mm.emplace();
    patch.width_mm.emplace();
    patch.height_mm.emplace();
    return;
  }
  if (!v->is_object()) return f.fail("dimensions", "must be an object {length_mm, width_mm, height_mm}");
  Fields dims(*v);
  patch.length_mm.emplace(dims.integer("length_mm", 0, kMaxMeasure));
  patch.width_mm.emplace(dims.integer("width_mm", 0, kMaxMeasure));
  patch.height_mm.emplace(dims.integer("height_mm", 0, kMaxMeasure));
  f.add(dims.nested_errors({"length_mm", "width_mm", "height_mm"}, "dimensions."));
}

// The fields of a variant object, recording problems in f; the caller closes the list of fields.
Variant read_variant(Fields& f, const CatalogRules& rules) {
  Variant out;
  const auto sku = f.text("sku", 64, true);
  if (sku && !valid_sku(*sku))
    f.fail("sku", "letters, digits, '.', '_' and '-', starting with a letter or digit (at most 64)");
  out.sku = sku.value_or("");
  out.options = pairs(f, "options", false).value_or(Pairs{});
  VariantPatch sizes;
  measures(f, sizes);
  apply(sizes, out);
  std::vector<FieldError> price_errors;
  out.prices = prices(f.raw("prices"), "prices", rules, price_errors);
  f.add(std::move(price_errors));
  return out;
}

const std::initializer_list<std::string_view> kVariantFields{"sku", "options", "weight_grams", "dimensions", "prices"};

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
    if (p.status && !valid_status(*p.status)) f.fail("status", "must be draft, active or archived");
  }
  if (f.has("brand")) p.brand = f.text("brand", kMaxBrand, false, true).value_or("");
  if (f.has("category_id")) {
    const auto* v = f.raw("category_id");
    if (v->is_null())
      p.category_id = "";
    else if (!v->is_string() || !is_uuid(v->get_string()))
      f.fail("category_id", "must be a category id or null");
    else
      p.category_id = std::string(v->get_string());
  }
  if (f.has("tax_category")) {
    p.tax_category = f.text("tax_category", 20, true);
    if (p.tax_category && !valid_tax_category(*p.tax_category))
      f.fail("tax_category", "must be standard, reduced or zero");
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

boost::json::object price_json(const Price& p) {
  boost::json::object o{{"currency", p.currency}, {"amount", p.amount}};
  if (p.compare_at) o["compare_at"] = *p.compare_at;
  if (p.starts_at) o["starts_at"] = to_rfc3339(*p.starts_at);
  if (p.ends_at) o["ends_at"] = to_rfc3339(*p.ends_at);
  return o;
}

boost::json::object variant_json(const Variant& v) {
  boost::json::object o{{"id", v.id}, {"sku", v.sku}, {"options", pairs_json(v.options)}};
  const auto& d = v.dimensions;
  if (d.weight_grams) o["weight_grams"] = *d.weight_grams;
  if (d.length_mm || d.width_mm || d.height_mm) {
    boost::json::object dims;
    if (d.length_mm) dims["length_mm"] = *d.length_mm;
    if (d.width_mm) dims["width_mm"] = *d.width_mm;
    if (d.height_mm) dims["height_mm"] = *d.height_mm;
    o["dimensions"] = std::move(dims);
  }
  boost::json::array prices;
  for (const auto& p : v.prices) prices.push_back(price_json(p));
  o["prices"] = std::move(prices);
  return o;
}

// What an exported line carries that a create body does not.
void strip_read_only(boost::json::value& line) {
  if (!line.is_object()) return;
  auto& o = line.as_object();
  for (const auto* key : {"id", "revision", "created_at", "updated_at"}) o.erase(key);
  if (auto* variants = o.if_contains("variants"); variants && variants->is_array())
    for (auto& v : variants->as_array())
      if (v.is_object()) v.as_object().erase("id");
}

}  // namespace

boost::json::object pairs_json(const Pairs& pairs) {
  boost::json::object o;
  for (const auto& [k, v] : pairs) o[k] = v;
  return o;
}

boost::json::array images_json(const std::vector<Image>& images) {
  boost::json::array a;
  for (const auto& i : images) a.push_back({{"url", i.url}, {"alt", i.alt}});
  return a;
}

ProductPatch parse_product_patch(const boost::json::value& body) {
  Fields f(body);
  auto patch = read_product_fields(f, body.get_object());
  f.finish(
      {"slug", "status", "brand", "category_id", "tax_category", "attributes", "images", "default_locale", "texts"},
      "invalid product");
  return patch;
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
      const auto& item = list->get_array()[i];
      if (!item.is_object()) {
        errors.push_back({at("variants", i), "must be an object {sku, options, prices, ...}"});
        continue;
      }
      Fields vf(item);
      auto v = read_variant(vf, rules);
      for (auto& e : vf.nested_errors(kVariantFields, at("variants", i) + ".")) errors.push_back(std::move(e));
      if (!v.sku.empty() && !skus.insert(v.sku).second)
        errors.push_back({at("variants", i) + ".sku", "is used by another variant of this product"});
      product.variants.push_back(std::move(v));
    }
    f.add(std::move(errors));
  }
  if (patch.texts && patch.default_locale && !patch.texts->contains(*patch.default_locale))
    f.fail("texts", "must have a title in the default locale " + *patch.default_locale);
  f.finish({"slug", "status", "brand", "category_id", "tax_category", "attributes", "images", "default_locale", "texts",
            "variants"},
           "invalid product");
  apply(patch, product);
  return product;
}

Variant parse_new_variant(const boost::json::value& body, const CatalogRules& rules) {
  Fields f(body);
  auto v = read_variant(f, rules);
  f.finish(kVariantFields, "invalid variant");
  return v;
}

VariantPatch parse_variant_patch(const boost::json::value& body) {
  Fields f(body);
  VariantPatch patch;
  if (f.has("options")) patch.options = pairs(f, "options", true);
  measures(f, patch);
  f.finish({"options", "weight_grams", "dimensions"}, "invalid variant");
  return patch;
}

std::vector<Price> parse_price_list(const boost::json::value& body, const CatalogRules& rules) {
  Fields f(body);
  std::vector<FieldError> errors;
  auto list = prices(f.raw("prices"), "prices", rules, errors);
  f.add(std::move(errors));
  f.finish({"prices"}, "invalid price list");
  return list;
}

boost::json::object product_json(const Product& p) {
  boost::json::object texts;
  for (const auto& [locale, t] : p.texts) texts[locale] = {{"title", t.title}, {"description", t.description}};
  boost::json::array variants;
  for (const auto& v : p.variants) variants.push_back(variant_json(v));
  return {{"id", p.id},
          {"slug", p.slug},
          {"status", p.status},
          {"brand", p.brand},
          {"category_id", p.category_id.empty() ? boost::json::value() : boost::json::value(p.category_id)},
          {"tax_category", p.tax_category},
          {"attributes", pairs_json(p.attributes)},
          {"images", images_json(p.images)},
          {"default_locale", p.default_locale},
          {"texts", std::move(texts)},
          {"variants", std::move(variants)},
          {"revision", p.revision},
          {"created_at", to_rfc3339(p.created_at)},
          {"updated_at", to_rfc3339(p.updated_at)}};
}

ImportReport import_ndjson(ProductService& products, std::istream& lines) {
  return products.import(lines, [&rules = products.rules()](std::string_view line) {
    boost::system::error_code ec;
    auto body = boost::json::parse(line, ec);
    if (ec) throw Error(ErrorKind::bad_request, "line is not JSON: " + ec.message());
    strip_read_only(body);
    return parse_new_product(body, rules);
  });
}

void export_ndjson(ProductService& products, std::ostream& out) {
  for (const auto& p : products.all()) out << boost::json::serialize(product_json(p)) << '\n';
}

}  // namespace agora::catalog
