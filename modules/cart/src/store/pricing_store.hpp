#pragma once
// SQL on cart.tax_rates, cart.tax_inclusive, cart.shipping_zones and cart.shipping_methods.
#include "domain/pricing.hpp"

#include <agora/core/clock.hpp>

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::cart::pricing_store {

std::vector<TaxRate> tax_rates(soci::session& sql);
std::optional<TaxRate> tax_rate(soci::session& sql, const std::string& id);
// Error{conflict} naming "category" when the country and region have a rate for it already.
void insert_tax_rate(soci::session& sql, const TaxRate& r, Timestamp now);
void update_tax_rate(soci::session& sql, const TaxRate& r, Timestamp now);
bool remove_tax_rate(soci::session& sql, const std::string& id);

// The currencies and the countries whose listed prices include tax.
struct TaxInclusive {
  std::vector<std::string> currencies, countries;
};
TaxInclusive tax_inclusive(soci::session& sql);
void replace_tax_inclusive(soci::session& sql, const TaxInclusive& settings);

std::vector<ShippingZone> zones(soci::session& sql);
std::optional<ShippingZone> zone(soci::session& sql, const std::string& id);
// The zone exists, and stays so until the transaction ends (a method may refer to it).
bool lock_zone(soci::session& sql, const std::string& id);
void insert_zone(soci::session& sql, const ShippingZone& z, Timestamp now);
void update_zone(soci::session& sql, const ShippingZone& z, Timestamp now);
// False when methods use it.
bool remove_zone_if_unused(soci::session& sql, const std::string& id);

std::vector<ShippingMethod> methods(soci::session& sql);
std::optional<ShippingMethod> method(soci::session& sql, const std::string& id);
void insert_method(soci::session& sql, const ShippingMethod& m, Timestamp now);
void update_method(soci::session& sql, const ShippingMethod& m, Timestamp now);
bool remove_method(soci::session& sql, const std::string& id);

}  // namespace agora::cart::pricing_store
