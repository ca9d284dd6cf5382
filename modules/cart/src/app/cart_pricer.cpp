#include "app/cart_pricer.hpp"

#include <agora/core/error.hpp>
#include <agora/core/money.hpp>

namespace agora::cart {
namespace {

std::string money_text(std::int64_t minor, const std::string& currency) { return Money(minor, currency).to_string(); }

std::string reason_text(const std::string& reason) {
  if (reason == "inactive") return "is not active";
  if (reason == "not_started") return "is not valid yet";
  if (reason == "expired") return "has expired";
  if (reason == "unknown") return "is not a code of this shop";
  if (reason == "currency_not_supported") return "does not apply to this currency";
  if (reason == "usage_limit_reached") return "has been used up";
  if (reason == "customer_limit_reached") return "was already used as often as allowed";
  if (reason == "no_eligible_lines") return "applies to none of the lines";
  if (reason == "minimum_not_met") return "needs a larger subtotal";
  return "does not apply";
}

}  // namespace

LineSnapshot snapshot_of(const catalog::VariantOffer& offer) {
  LineSnapshot s{offer.title, {}, offer.image_url, offer.price.minor()};
  for (const auto& [name, value] : offer.options) s.options.push_back({name, value});
  return s;
}

catalog::VariantOffer CartPricer::offer(const std::string& sku, const Cart& cart) {
  auto offer = catalog_.variant_by_sku(sku, cart.currency, cart.locale);
  if (!offer) throw Error(ErrorKind::validation, "invalid line", {{"sku", "is not a product of this shop"}});
  if (offer->status != "active") throw Error(ErrorKind::validation, "invalid line", {{"sku", "is not for sale"}});
  return *offer;
}

std::int64_t CartPricer::available(const std::string& sku) { return inventory_.availability({sku}).at(0).available; }

std::vector<std::string> CartPricer::skus_of(const Cart& cart) {
  std::vector<std::string> skus;
  for (const auto& l : cart.lines) skus.push_back(l.sku);
  for (const auto& l : cart.saved) skus.push_back(l.sku);
  return skus;
}

PricedCart CartPricer::price(const Cart& cart) {
  const auto skus = skus_of(cart);
  const auto stock = skus.empty() ? std::vector<inventory::Availability>{} : inventory_.availability(skus);
  const bool needs_usage = !cart.owner_id.empty() && !cart.discount_codes.empty();
  return price_with(cart, stock,
                    needs_usage ? usage_(cart.owner_id, cart.discount_codes) : std::map<std::string, std::int64_t>{});
}

std::optional<PricedCart> CartPricer::price_from_memory(const Cart& cart) {
  if (!cart.owner_id.empty() && !cart.discount_codes.empty()) return std::nullopt;
  const auto skus = skus_of(cart);
  if (skus.empty()) return price_with(cart, {}, {});
  auto stock = inventory_.cached_availability(skus);
  if (!stock) return std::nullopt;
  return price_with(cart, *stock, {});
}

std::optional<std::int64_t> CartPricer::cached_available(const std::string& sku) {
  auto stock = inventory_.cached_availability({sku});
  if (!stock) return std::nullopt;
  return stock->at(0).available;
}

PricedCart CartPricer::price_with(const Cart& cart, const std::vector<inventory::Availability>& availability,
                                  std::map<std::string, std::int64_t> usage) {
  PricedCart out{cart, {}, {}, {}, {}};
  std::map<std::string, std::int64_t> stock;
  for (const auto& a : availability) stock[a.sku] = a.available;

  const auto state_of = [&](const Line& line) {
    LineState s;
    s.offer = catalog_.variant_by_sku(line.sku, cart.currency, cart.locale);
    s.available = stock[line.sku];
    s.added_price = line.added.unit_price;
    s.current_price = s.offer ? s.offer->price.minor() : line.added.unit_price;
    return s;
  };

  CartInput input{cart.currency, {}, std::nullopt, cart.shipping_method_id, cart.discount_codes,
                  cart.owner_id, {}, clock_.now()};
  if (cart.shipping_address)
    input.destination = Destination{cart.shipping_address->country, cart.shipping_address->region};
  for (const auto& line : cart.lines) {
    auto s = state_of(line);
    const auto problem = [&](std::string code, std::string message) {
      out.problems.push_back({std::move(code), line.sku, std::move(message)});
    };
    if (!s.offer) {
      problem("unknown_sku", "is no longer sold by this shop");
    } else if (s.offer->status != "active") {
      problem("not_for_sale", "is not for sale at the moment");
    } else if (s.available <= 0) {
      problem("out_of_stock", "is out of stock");
    } else {
      if (s.available < line.quantity) problem("short", "only " + std::to_string(s.available) + " in stock");
      if (s.price_changed())
        problem("price_changed", "was " + money_text(s.added_price, cart.currency) + " when added, now " +
                                     money_text(s.current_price, cart.currency));
      s.priced = input.lines.size();
      input.lines.push_back({line.sku, line.quantity, s.current_price, s.offer->tax_category, s.offer->category_ids,
                             s.offer->weight_grams.value_or(0)});
    }
    out.lines.push_back(std::move(s));
  }
  for (const auto& line : cart.saved) out.saved.push_back(state_of(line));

  input.customer_usage = std::move(usage);
  out.price = cart::price(*rules_(), input);
  if (!cart.shipping_method_id.empty() && !out.price.shipping_method_valid)
    out.problems.push_back({"shipping_method_unavailable", "",
                            "the chosen shipping method does not serve this address or cart; choose another"});
  for (const auto& code : out.price.codes)
    if (!code.reason.empty())
      out.problems.push_back({"discount_not_applied", "", "code " + code.code + " " + reason_text(code.reason)});
  return out;
}

}  // namespace agora::cart
