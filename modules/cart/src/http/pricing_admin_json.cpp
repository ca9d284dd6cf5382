#include "http/pricing_admin_json.hpp"

#include "domain/discount.hpp"
#include "domain/tax.hpp"
#include "http/pricing_fields.hpp"

#include <agora/core/fields.hpp>

namespace agora::cart {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxItems = 1000;
constexpr std::int64_t kMaxAmount = 1'000'000'000'000;
constexpr std::int64_t kMaxGrams = 1'000'000'000;
constexpr std::int64_t kMaxCount = 1'000'000'000'000;

bool valid_tax_category(std::string_view c) { return c == "standard" || c == "reduced" || c == "zero"; }

bool valid_name(std::string_view s) { return !s.empty() && s.size() <= kMaxNameLength; }

json::array strings(const std::vector<std::string>& v) { return json::array(v.begin(), v.end()); }

json::object amounts(const std::map<std::string, std::int64_t>& m) {
  json::object o;
  for (const auto& [currency, amount] : m) o[currency] = amount;
  return o;
}

json::value or_null(const std::optional<std::int64_t>& n) {
  if (!n) return nullptr;
  return *n;
}

json::value instant(const std::optional<Timestamp>& t) {
  if (!t) return nullptr;
  return json::value(to_rfc3339(*t));
}

// Each item of the array `key` read by `read` from its own Fields, its problems named key[i].field.
template <class T, class Read>
std::vector<T> objects(Fields& f, std::string_view key, bool required, Read read,
                       std::initializer_list<std::string_view> allowed) {
  std::vector<T> out;
  const auto* v = f.raw(key);
  if (!v || v->is_null()) {
    if (required) f.fail(std::string(key), "is required");
    return out;
  }
  if (!v->is_array() || v->get_array().size() > kMaxItems || (required && v->get_array().empty())) {
    f.fail(std::string(key), "must be an array of 1 to " + std::to_string(kMaxItems) + " objects");
    return out;
  }
  const auto& items = v->get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto prefix = std::string(key) + "[" + std::to_string(i) + "]";
    if (!items[i].is_object()) {
      f.fail(prefix, "must be an object");
      continue;
    }
    Fields item(items[i]);
    out.push_back(read(item));
    f.add(item.nested_errors(allowed, prefix + "."));
  }
  return out;
}

}  // namespace

TaxRate parse_tax_rate(const json::value& body) {
  Fields f(body);
  TaxRate r;
  r.country = country_field(f, "country", true).value_or("");
  r.region = region_field(f, "region");
  r.category = f.text("category", 16, true).value_or("");
  if (!r.category.empty() && !valid_tax_category(r.category)) f.fail("category", "must be standard, reduced or zero");
  r.rate_ppm = f.integer("rate_ppm", 0, kPpm, true).value_or(0);
  f.finish({"country", "region", "category", "rate_ppm"}, "invalid tax rate");
  return r;
}

TaxSettings parse_tax_settings(const json::value& body) {
  Fields f(body);
  TaxSettings s;
  s.tax_inclusive_currencies =
      string_list(f, "tax_inclusive_currencies", valid_currency, "must be an ISO 4217 currency code");
  s.tax_inclusive_countries =
      string_list(f, "tax_inclusive_countries", valid_country, "must be an ISO 3166-1 alpha-2 code in upper case");
  f.finish({"tax_inclusive_currencies", "tax_inclusive_countries"}, "invalid tax settings");
  return s;
}

ShippingZone parse_shipping_zone(const json::value& body) {
  Fields f(body);
  ShippingZone z;
  z.name = f.text("name", kMaxNameLength, true).value_or("");
  z.areas = objects<Destination>(
      f, "areas", true,
      [](Fields& a) {
        return Destination{country_field(a, "country", true).value_or(""), region_field(a, "region")};
      },
      {"country", "region"});
  f.finish({"name", "areas"}, "invalid shipping zone");
  return z;
}

ShippingMethod parse_shipping_method(const json::value& body) {
  Fields f(body);
  ShippingMethod m;
  m.zone_id = f.text("zone_id", 64, true).value_or("");
  m.name = f.text("name", kMaxNameLength, true).value_or("");
  m.currency = currency_field(f, "currency", true).value_or("");
  m.flat_price = f.integer("flat_price", 0, kMaxAmount).value_or(0);
  m.bands = objects<WeightBand>(f, "bands", false,
                                [](Fields& b) {
                                  return WeightBand{b.integer("up_to_grams", 1, kMaxGrams, true).value_or(0),
                                                    b.integer("price", 0, kMaxAmount, true).value_or(0)};
                                },
                                {"up_to_grams", "price"});
  for (std::size_t i = 1; i < m.bands.size(); ++i)
    if (m.bands[i].up_to_grams <= m.bands[i - 1].up_to_grams)
      f.fail("bands[" + std::to_string(i) + "].up_to_grams", "must be more than the band before's");
  m.free_over = f.integer("free_over", 0, kMaxAmount);
  m.active = f.boolean("active").value_or(true);
  f.finish({"zone_id", "name", "currency", "flat_price", "bands", "free_over", "active"}, "invalid shipping method");
  return m;
}

DiscountCode parse_discount_code(const json::value& body, bool named_by_path) {
  Fields f(body);
  DiscountCode c;
  if (!named_by_path) {
    c.code = f.text("code", kMaxCodeLength, true).value_or("");
    if (!c.code.empty() && !valid_code(c.code)) f.fail("code", "letters, digits, '-' and '_' only");
  }
  const auto kind = f.text("kind", 16, true);
  if (kind == "fixed") {
    c.kind = DiscountKind::fixed;
  } else if (kind && kind != "percentage") {
    f.fail("kind", "must be percentage or fixed");
  }
  if (c.kind == DiscountKind::percentage) {
    c.percent_bp = f.integer("percent_bp", 1, 10'000, kind.has_value()).value_or(0);
    if (f.has("amounts") && !amounts_field(f, "amounts", 1).empty())
      f.fail("amounts", "is for fixed codes only: leave it out or empty");
  } else {
    c.amounts = amounts_field(f, "amounts", 1);
    if (c.amounts.empty()) f.fail("amounts", "is required: the amount off in each currency the code serves");
    if (f.integer("percent_bp", 0, 10'000).value_or(0) != 0)
      f.fail("percent_bp", "is for percentage codes only: leave it out or 0");
  }
  c.minimum_subtotal = amounts_field(f, "minimum_subtotal", 0);
  c.starts_at = instant_field(f, "starts_at");
  c.ends_at = instant_field(f, "ends_at");
  if (c.starts_at && c.ends_at && *c.ends_at <= *c.starts_at) f.fail("ends_at", "must be after starts_at");
  c.usage_limit = f.integer("usage_limit", 1, kMaxCount);
  c.per_customer_limit = f.integer("per_customer_limit", 1, kMaxCount);
  c.skus = string_list(f, "skus", valid_name, "must be a SKU");
  c.category_ids = string_list(f, "category_ids", valid_name, "must be a category id");
  c.active = f.boolean("active").value_or(true);
  f.finish({"code", "kind", "percent_bp", "amounts", "minimum_subtotal", "starts_at", "ends_at", "usage_limit",
            "per_customer_limit", "skus", "category_ids", "active"},
           "invalid discount code");
  return c;
}

json::value patched(json::object current, const json::value& patch, const std::vector<std::string_view>& fixed) {
  Fields f(patch);  // Error{bad_request} unless an object
  for (const auto key : fixed) {
    if (f.has(key)) f.fail(std::string(key), "cannot be changed");
    current.erase(key);
  }
  if (!f.ok()) throw Error(ErrorKind::validation, "invalid change", f.take_errors());
  for (const auto& [key, value] : patch.get_object()) current[key] = value;
  return current;
}

json::object to_json(const TaxRate& r) {
  return {
      {"id", r.id}, {"country", r.country}, {"region", r.region}, {"category", r.category}, {"rate_ppm", r.rate_ppm}};
}

json::object to_json(const TaxSettings& s) {
  return {{"tax_inclusive_currencies", strings(s.tax_inclusive_currencies)},
          {"tax_inclusive_countries", strings(s.tax_inclusive_countries)}};
}

json::object to_json(const ShippingZone& z) {
  json::array areas;
  for (const auto& a : z.areas) areas.push_back({{"country", a.country}, {"region", a.region}});
  return {{"id", z.id}, {"name", z.name}, {"areas", std::move(areas)}};
}

json::object to_json(const ShippingMethod& m) {
  json::array bands;
  for (const auto& b : m.bands) bands.push_back({{"up_to_grams", b.up_to_grams}, {"price", b.price}});
  return {{"id", m.id},
          {"zone_id", m.zone_id},
          {"name", m.name},
          {"currency", m.currency},
          {"flat_price", m.flat_price},
          {"bands", std::move(bands)},
          {"free_over", or_null(m.free_over)},
          {"active", m.active}};
}

json::object to_json(const DiscountCode& c) {
  return {{"code", c.code},
          {"kind", c.kind == DiscountKind::fixed ? "fixed" : "percentage"},
          {"percent_bp", c.percent_bp},
          {"amounts", amounts(c.amounts)},
          {"minimum_subtotal", amounts(c.minimum_subtotal)},
          {"starts_at", instant(c.starts_at)},
          {"ends_at", instant(c.ends_at)},
          {"usage_limit", or_null(c.usage_limit)},
          {"per_customer_limit", or_null(c.per_customer_limit)},
          {"used", c.used},
          {"skus", strings(c.skus)},
          {"category_ids", strings(c.category_ids)},
          {"active", c.active}};
}

json::object to_json(const CodeUsage& u) {
  json::array customers;
  for (const auto& [customer, n] : u.by_customer) customers.push_back({{"customer_id", customer}, {"redemptions", n}});
  return {{"code", u.code},
          {"used", u.used},
          {"usage_limit", or_null(u.usage_limit)},
          {"per_customer_limit", or_null(u.per_customer_limit)},
          {"customers", std::move(customers)}};
}

}  // namespace agora::cart
