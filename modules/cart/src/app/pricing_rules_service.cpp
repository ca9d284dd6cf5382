#include "app/pricing_rules_service.hpp"

#include "domain/discount.hpp"
#include "store/discount_store.hpp"
#include "store/pricing_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

namespace agora::cart {
namespace {

// A rule the path names that does not exist, e.g. "no tax rate with the id ...".
Error no_rule(std::string_view what, std::string_view named_by, const std::string& key) {
  return Error(ErrorKind::not_found, "no " + std::string(what) + " with the " + std::string(named_by) + " " + key);
}

template <class T>
T found(std::optional<T> v, std::string_view what, const std::string& id, std::string_view named_by = "id") {
  if (!v) throw no_rule(what, named_by, id);
  return std::move(*v);
}

// A malformed id names nothing: no query needed to say so.
std::string known_id(const std::string& id, const char* what) {
  if (!is_uuid(id)) throw no_rule(what, "id", id);
  return id;
}

// The code a path names, upper case: no such code when it could not be one (no query either).
std::string known_code(const std::string& code) {
  if (!valid_code(code)) throw no_rule("discount code", "code", code);
  return normalized_code(code);
}

void require_zone(soci::session& sql, const std::string& zone_id) {
  if (!is_uuid(zone_id) || !pricing_store::lock_zone(sql, zone_id))
    throw Error(ErrorKind::validation, "invalid shipping method", {{"zone_id", "is not a shipping zone"}});
}

}  // namespace

PricingRulesService::PricingRulesService(Database& db, const Clock& clock, std::string default_country)
    : db_(db), clock_(clock), default_country_(std::move(default_country)) {
  auto none = std::make_shared<PricingRules>();
  none->default_country = default_country_;
  rules_.store(std::move(none));
}

void PricingRulesService::reload() {
  std::lock_guard lock(reloading_);
  auto rules = std::make_shared<PricingRules>();
  db_.transact(
      [&](Tx& tx) {
        auto& sql = tx.sql();
        rules->tax_rates = pricing_store::tax_rates(sql);
        auto inclusive = pricing_store::tax_inclusive(sql);
        rules->tax_inclusive_currencies = std::move(inclusive.currencies);
        rules->tax_inclusive_countries = std::move(inclusive.countries);
        rules->zones = pricing_store::zones(sql);
        rules->methods = pricing_store::methods(sql);
        rules->codes = discount_store::codes(sql);
      },
      Isolation::repeatable_read);  // one consistent picture of every table
  rules->default_country = default_country_;
  rules_.store(std::move(rules));
}

std::map<std::string, std::int64_t> PricingRulesService::customer_usage(const std::string& customer_id,
                                                                        const std::vector<std::string>& codes) {
  std::vector<std::string> normalized;
  for (const auto& c : codes) normalized.push_back(normalized_code(c));
  auto conn = db_.acquire();
  return discount_store::customer_usage(*conn, customer_id, normalized);
}

bool PricingRulesService::redeem(Tx& tx, const std::string& order_id, const std::string& customer_id,
                                 const std::string& code) {
  auto& sql = tx.sql();
  const auto c = found(discount_store::lock(sql, normalized_code(code)), "discount code", code, "code");
  if (discount_store::redeemed(sql, c.code, order_id)) return true;
  if (c.usage_limit && c.used >= *c.usage_limit) return false;
  if (c.per_customer_limit && !customer_id.empty() &&
      discount_store::customer_usage(sql, customer_id, {c.code})[c.code] >= *c.per_customer_limit)
    return false;
  discount_store::record_redemption(sql, c.code, order_id, customer_id, clock_.now());
  return true;
}

std::vector<std::string> PricingRulesService::release(Tx& tx, const std::string& order_id) {
  return discount_store::release_order(tx.sql(), order_id);
}

std::vector<TaxRate> PricingRulesService::tax_rates() {
  auto conn = db_.acquire();
  return pricing_store::tax_rates(*conn);
}

TaxRate PricingRulesService::tax_rate(const std::string& id) {
  auto conn = db_.acquire();
  return found(pricing_store::tax_rate(*conn, known_id(id, "tax rate")), "tax rate", id);
}

TaxRate PricingRulesService::create_tax_rate(TaxRate rate) {
  rate.id = new_id();
  db_.transact([&](Tx& tx) { pricing_store::insert_tax_rate(tx.sql(), rate, clock_.now()); });
  reload();
  return rate;
}

TaxRate PricingRulesService::update_tax_rate(const std::string& id, TaxRate rate) {
  rate.id = tax_rate(id).id;
  db_.transact([&](Tx& tx) { pricing_store::update_tax_rate(tx.sql(), rate, clock_.now()); });
  reload();
  return rate;
}

void PricingRulesService::remove_tax_rate(const std::string& id) {
  const bool removed =
      db_.transact([&](Tx& tx) { return pricing_store::remove_tax_rate(tx.sql(), known_id(id, "tax rate")); });
  if (!removed) throw no_rule("tax rate", "id", id);
  reload();
}

TaxSettings PricingRulesService::tax_settings() {
  auto conn = db_.acquire();
  auto s = pricing_store::tax_inclusive(*conn);
  return {std::move(s.currencies), std::move(s.countries)};
}

TaxSettings PricingRulesService::set_tax_settings(const TaxSettings& settings) {
  db_.transact([&](Tx& tx) {
    pricing_store::replace_tax_inclusive(tx.sql(),
                                         {settings.tax_inclusive_currencies, settings.tax_inclusive_countries});
  });
  reload();
  return tax_settings();
}

std::vector<ShippingZone> PricingRulesService::shipping_zones() {
  auto conn = db_.acquire();
  return pricing_store::zones(*conn);
}

ShippingZone PricingRulesService::shipping_zone(const std::string& id) {
  auto conn = db_.acquire();
  return found(pricing_store::zone(*conn, known_id(id, "shipping zone")), "shipping zone", id);
}

ShippingZone PricingRulesService::create_shipping_zone(ShippingZone zone) {
  zone.id = new_id();
  db_.transact([&](Tx& tx) { pricing_store::insert_zone(tx.sql(), zone, clock_.now()); });
  reload();
  return zone;
}

ShippingZone PricingRulesService::update_shipping_zone(const std::string& id, ShippingZone zone) {
  zone.id = shipping_zone(id).id;
  db_.transact([&](Tx& tx) { pricing_store::update_zone(tx.sql(), zone, clock_.now()); });
  reload();
  return zone;
}

void PricingRulesService::remove_shipping_zone(const std::string& id) {
  shipping_zone(id);
  const bool removed = db_.transact([&](Tx& tx) { return pricing_store::remove_zone_if_unused(tx.sql(), id); });
  if (!removed) throw Error(ErrorKind::conflict, "shipping methods use the zone: remove or move them first");
  reload();
}

std::vector<ShippingMethod> PricingRulesService::shipping_methods() {
  auto conn = db_.acquire();
  return pricing_store::methods(*conn);
}

ShippingMethod PricingRulesService::shipping_method(const std::string& id) {
  auto conn = db_.acquire();
  return found(pricing_store::method(*conn, known_id(id, "shipping method")), "shipping method", id);
}

ShippingMethod PricingRulesService::create_shipping_method(ShippingMethod method) {
  method.id = new_id();
  db_.transact([&](Tx& tx) {
    require_zone(tx.sql(), method.zone_id);
    pricing_store::insert_method(tx.sql(), method, clock_.now());
  });
  reload();
  return method;
}

ShippingMethod PricingRulesService::update_shipping_method(const std::string& id, ShippingMethod method) {
  method.id = shipping_method(id).id;
  db_.transact([&](Tx& tx) {
    require_zone(tx.sql(), method.zone_id);
    pricing_store::update_method(tx.sql(), method, clock_.now());
  });
  reload();
  return method;
}

void PricingRulesService::remove_shipping_method(const std::string& id) {
  const bool removed =
      db_.transact([&](Tx& tx) { return pricing_store::remove_method(tx.sql(), known_id(id, "shipping method")); });
  if (!removed) throw no_rule("shipping method", "id", id);
  reload();
}

std::vector<DiscountCode> PricingRulesService::discount_codes() {
  auto conn = db_.acquire();
  return discount_store::codes(*conn);
}

DiscountCode PricingRulesService::discount_code(const std::string& code) {
  auto conn = db_.acquire();
  return found(discount_store::code(*conn, known_code(code)), "discount code", code, "code");
}

DiscountCode PricingRulesService::create_discount_code(DiscountCode code) {
  code.code = normalized_code(code.code);
  code.used = 0;
  db_.transact([&](Tx& tx) { discount_store::insert(tx.sql(), code, clock_.now()); });
  reload();
  return code;
}

DiscountCode PricingRulesService::update_discount_code(const std::string& code, DiscountCode changed) {
  const auto current = discount_code(code);
  changed.code = current.code;
  db_.transact([&](Tx& tx) { discount_store::update(tx.sql(), changed, clock_.now()); });
  reload();
  return discount_code(code);
}

void PricingRulesService::remove_discount_code(const std::string& code) {
  const auto current = discount_code(code);
  const bool removed =
      db_.transact([&](Tx& tx) { return discount_store::remove_if_unredeemed(tx.sql(), current.code); });
  if (!removed) throw Error(ErrorKind::conflict, "orders redeemed the code: deactivate it instead");
  reload();
}

CodeUsage PricingRulesService::code_usage(const std::string& code) {
  const auto c = discount_code(code);
  auto conn = db_.acquire();
  return {c.code, c.used, c.usage_limit, c.per_customer_limit, discount_store::redemptions_by_customer(*conn, c.code)};
}

}  // namespace agora::cart
