#pragma once
// The shop's pricing rules: a snapshot in memory that carts are priced against, the admin use cases
// that change the rules (each one transaction, then a fresh snapshot), and discount redemptions.
#include "domain/pricing.hpp"

#include <agora/core/clock.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace agora {
class Database;
class Tx;
}  // namespace agora

namespace agora::cart {

// Whose listed prices include tax.
struct TaxSettings {
  std::vector<std::string> tax_inclusive_currencies, tax_inclusive_countries;
};

// How much a discount code was used, and by whom.
struct CodeUsage {
  std::string code;
  std::int64_t used = 0;
  std::optional<std::int64_t> usage_limit, per_customer_limit;
  std::map<std::string, std::int64_t> by_customer;  // customer id ("" for guests) → orders
};

class PricingRulesService {
 public:
  // Starts with no rules; the first reload() reads them (the module's start(): the tables may not
  // exist before migrations ran).
  PricingRulesService(Database& db, const Clock& clock, std::string default_country);

  // The current snapshot, from memory; safe from any thread.
  std::shared_ptr<const PricingRules> rules() const { return rules_.load(); }
  // Reads the rules again (another instance's admin may have changed them).
  void reload();

  // code → orders of the customer that redeemed it, for the (upper-case) codes it redeemed: one query.
  std::map<std::string, std::int64_t> customer_usage(const std::string& customer_id,
                                                     const std::vector<std::string>& codes);
  // Counts the order's use of the code inside the caller's transaction: false when the code's total
  // or the customer's limit is reached (a guest, customer_id "", has none); true without counting
  // again when the order redeemed it already. Exact under concurrency: the code's row stays locked
  // until the caller commits. Error{not_found} for an unknown code.
  bool redeem(Tx& tx, const std::string& order_id, const std::string& customer_id, const std::string& code);
  // Takes back what order `order_id` redeemed (it was cancelled); the codes it had redeemed.
  std::vector<std::string> release(Tx& tx, const std::string& order_id);

  // Admin use cases. Ids are assigned on create; Error{not_found} for an unknown id or code.
  std::vector<TaxRate> tax_rates();
  TaxRate tax_rate(const std::string& id);
  TaxRate create_tax_rate(TaxRate rate);  // Error{conflict} when the country and region have the category
  TaxRate update_tax_rate(const std::string& id, TaxRate rate);
  void remove_tax_rate(const std::string& id);

  TaxSettings tax_settings();
  TaxSettings set_tax_settings(const TaxSettings& settings);

  std::vector<ShippingZone> shipping_zones();
  ShippingZone shipping_zone(const std::string& id);
  ShippingZone create_shipping_zone(ShippingZone zone);
  ShippingZone update_shipping_zone(const std::string& id, ShippingZone zone);
  void remove_shipping_zone(const std::string& id);  // Error{conflict} while methods use it

  // Error{validation} naming zone_id when the zone does not exist.
  std::vector<ShippingMethod> shipping_methods();
  ShippingMethod shipping_method(const std::string& id);
  ShippingMethod create_shipping_method(ShippingMethod method);
  ShippingMethod update_shipping_method(const std::string& id, ShippingMethod method);
  void remove_shipping_method(const std::string& id);

  std::vector<DiscountCode> discount_codes();
  DiscountCode discount_code(const std::string& code);   // case-insensitive
  DiscountCode create_discount_code(DiscountCode code);  // Error{conflict} naming code when taken
  // Every field but the code and its use count.
  DiscountCode update_discount_code(const std::string& code, DiscountCode changed);
  void remove_discount_code(const std::string& code);  // Error{conflict} once redeemed: deactivate it
  CodeUsage code_usage(const std::string& code);

 private:
  Database& db_;
  const Clock& clock_;
  const std::string default_country_;
  std::mutex reloading_;  // one reload at a time, so that an older read never replaces a newer one
  std::atomic<std::shared_ptr<const PricingRules>> rules_;
};

}  // namespace agora::cart
