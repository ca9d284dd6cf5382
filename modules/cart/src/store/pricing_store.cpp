#include "store/pricing_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/prepared.hpp>
#include <boost/json.hpp>

namespace agora::cart::pricing_store {
namespace {

namespace json = boost::json;

#define AGORA_CART_TAX_RATES "SELECT id, country, region, category, rate_ppm FROM cart.tax_rates"
#define AGORA_CART_ZONES "SELECT id, name, areas FROM cart.shipping_zones"
#define AGORA_CART_METHODS \
  "SELECT id, zone_id, name, currency, flat_price, bands, free_over, active FROM cart.shipping_methods"

std::vector<TaxRate> rates_of(const prepared::Rows& rows) {
  std::vector<TaxRate> out;
  for (int i = 0; i < rows.size(); ++i)
    out.push_back({rows.get<std::string>(i, "id"), rows.get<std::string>(i, "country"),
                   rows.get<std::string>(i, "region"), rows.get<std::string>(i, "category"),
                   rows.get<std::int64_t>(i, "rate_ppm")});
  return out;
}

std::string areas_text(const std::vector<Destination>& areas) {
  json::array a;
  for (const auto& d : areas) a.push_back({{"country", d.country}, {"region", d.region}});
  return json::serialize(a);
}

std::vector<ShippingZone> zones_of(const prepared::Rows& rows) {
  std::vector<ShippingZone> out;
  for (int i = 0; i < rows.size(); ++i) {
    ShippingZone z{rows.get<std::string>(i, "id"), rows.get<std::string>(i, "name"), {}};
    const auto areas = json::parse(rows.get<std::string>(i, "areas"));
    for (const auto& a : areas.as_array())
      z.areas.push_back({std::string(a.at("country").as_string()), std::string(a.at("region").as_string())});
    out.push_back(std::move(z));
  }
  return out;
}

std::string bands_text(const std::vector<WeightBand>& bands) {
  json::array a;
  for (const auto& b : bands) a.push_back({{"up_to_grams", b.up_to_grams}, {"price", b.price}});
  return json::serialize(a);
}

std::vector<ShippingMethod> methods_of(const prepared::Rows& rows) {
  std::vector<ShippingMethod> out;
  for (int i = 0; i < rows.size(); ++i) {
    ShippingMethod m{.id = rows.get<std::string>(i, "id"),
                     .zone_id = rows.get<std::string>(i, "zone_id"),
                     .name = rows.get<std::string>(i, "name"),
                     .currency = rows.get<std::string>(i, "currency"),
                     .flat_price = rows.get<std::int64_t>(i, "flat_price"),
                     .free_over = rows.get<std::optional<std::int64_t>>(i, "free_over"),
                     .active = rows.get<bool>(i, "active")};
    const auto bands = json::parse(rows.get<std::string>(i, "bands"));
    for (const auto& b : bands.as_array())
      m.bands.push_back({b.at("up_to_grams").to_number<std::int64_t>(), b.at("price").to_number<std::int64_t>()});
    out.push_back(std::move(m));
  }
  return out;
}

template <class T>
std::optional<T> first(std::vector<T> all) {
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

[[noreturn]] void rate_taken() {
  throw Error(ErrorKind::conflict, "the rate exists",
              {{"category", "this country and region have a rate for it already"}});
}

}  // namespace

std::vector<TaxRate> tax_rates(soci::session& sql) {
  return rates_of(prepared::run(sql, AGORA_CART_TAX_RATES " ORDER BY country, region, category"));
}

std::optional<TaxRate> tax_rate(soci::session& sql, const std::string& id) {
  return first(rates_of(prepared::run(sql, AGORA_CART_TAX_RATES " WHERE id = $1", {id})));
}

void insert_tax_rate(soci::session& sql, const TaxRate& r, Timestamp now) {
  const auto inserted = prepared::run(sql,
                                      "INSERT INTO cart.tax_rates (id, country, region, category, rate_ppm, created_at,"
                                      " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)"
                                      " ON CONFLICT (country, region, category) DO NOTHING",
                                      {r.id, r.country, r.region, r.category, r.rate_ppm, now});
  if (inserted.affected() == 0) rate_taken();
}

void update_tax_rate(soci::session& sql, const TaxRate& r, Timestamp now) {
  try {
    prepared::run(sql,
                  "UPDATE cart.tax_rates SET country = $2, region = $3, category = $4, rate_ppm = $5, updated_at = $6"
                  " WHERE id = $1",
                  {r.id, r.country, r.region, r.category, r.rate_ppm, now});
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    if (sqlstate_of(e) == "23505") rate_taken();
    throw;
  }
}

bool remove_tax_rate(soci::session& sql, const std::string& id) {
  return prepared::run(sql, "DELETE FROM cart.tax_rates WHERE id = $1", {id}).affected() > 0;
}

TaxInclusive tax_inclusive(soci::session& sql) {
  const auto rows = prepared::run(sql, "SELECT kind, code FROM cart.tax_inclusive ORDER BY kind, code");
  TaxInclusive out;
  for (int i = 0; i < rows.size(); ++i)
    (rows.get<std::string>(i, "kind") == "currency" ? out.currencies : out.countries)
        .push_back(rows.get<std::string>(i, "code"));
  return out;
}

void replace_tax_inclusive(soci::session& sql, const TaxInclusive& settings) {
  prepared::run(sql, "DELETE FROM cart.tax_inclusive");
  prepared::run(sql,
                "INSERT INTO cart.tax_inclusive (kind, code)"
                " SELECT 'currency', c FROM unnest(CAST($1 AS text[])) AS c"
                " UNION SELECT 'country', c FROM unnest(CAST($2 AS text[])) AS c",
                {settings.currencies, settings.countries});
}

std::vector<ShippingZone> zones(soci::session& sql) {
  return zones_of(prepared::run(sql, AGORA_CART_ZONES " ORDER BY name, id"));
}

std::optional<ShippingZone> zone(soci::session& sql, const std::string& id) {
  return first(zones_of(prepared::run(sql, AGORA_CART_ZONES " WHERE id = $1", {id})));
}

bool lock_zone(soci::session& sql, const std::string& id) {
  return !prepared::run(sql, "SELECT 1 FROM cart.shipping_zones WHERE id = $1 FOR SHARE", {id}).empty();
}

void insert_zone(soci::session& sql, const ShippingZone& z, Timestamp now) {
  prepared::run(sql,
                "INSERT INTO cart.shipping_zones (id, name, areas, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
                {z.id, z.name, areas_text(z.areas), now});
}

void update_zone(soci::session& sql, const ShippingZone& z, Timestamp now) {
  prepared::run(sql, "UPDATE cart.shipping_zones SET name = $2, areas = $3, updated_at = $4 WHERE id = $1",
                {z.id, z.name, areas_text(z.areas), now});
}

bool remove_zone_if_unused(soci::session& sql, const std::string& id) {
  return prepared::run(sql,
                       "DELETE FROM cart.shipping_zones z WHERE z.id = $1"
                       " AND NOT EXISTS (SELECT 1 FROM cart.shipping_methods WHERE zone_id = z.id)",
                       {id})
             .affected() > 0;
}

std::vector<ShippingMethod> methods(soci::session& sql) {
  return methods_of(prepared::run(sql, AGORA_CART_METHODS " ORDER BY name, id"));
}

std::optional<ShippingMethod> method(soci::session& sql, const std::string& id) {
  return first(methods_of(prepared::run(sql, AGORA_CART_METHODS " WHERE id = $1", {id})));
}

void insert_method(soci::session& sql, const ShippingMethod& m, Timestamp now) {
  prepared::run(sql,
                "INSERT INTO cart.shipping_methods (id, zone_id, name, currency, flat_price, bands, free_over, active,"
                " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
                {m.id, m.zone_id, m.name, m.currency, m.flat_price, bands_text(m.bands), m.free_over, m.active, now});
}

void update_method(soci::session& sql, const ShippingMethod& m, Timestamp now) {
  prepared::run(sql,
                "UPDATE cart.shipping_methods SET zone_id = $2, name = $3, currency = $4, flat_price = $5, bands = $6,"
                " free_over = $7, active = $8, updated_at = $9 WHERE id = $1",
                {m.id, m.zone_id, m.name, m.currency, m.flat_price, bands_text(m.bands), m.free_over, m.active, now});
}

bool remove_method(soci::session& sql, const std::string& id) {
  return prepared::run(sql, "DELETE FROM cart.shipping_methods WHERE id = $1", {id}).affected() > 0;
}

}  // namespace agora::cart::pricing_store
