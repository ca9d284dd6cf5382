#include "domain/product.hpp"

#include <algorithm>

namespace agora::catalog {

const std::string& Product::resolve_locale(std::string_view wanted) const {
  if (auto it = texts.find(wanted); it != texts.end()) return it->first;
  if (const auto dash = wanted.find('-'); dash != std::string_view::npos)
    if (auto it = texts.find(wanted.substr(0, dash)); it != texts.end()) return it->first;
  return texts.find(default_locale)->first;
}

std::vector<std::string> Product::skus() const {
  std::vector<std::string> out;
  for (const auto& v : variants) out.push_back(v.sku);
  return out;
}

std::optional<Offer> explicit_offer(const Variant& variant, std::string_view currency, Timestamp t) {
  const Price* regular = nullptr;
  const Price* sale = nullptr;
  for (const auto& p : variant.prices) {
    if (p.currency != currency || !p.holds_at(t)) continue;
    if (!p.is_sale())
      regular = &p;
    else if (!sale || p.amount < sale->amount)
      sale = &p;
  }
  if (sale) {
    auto was = sale->compare_at;
    if (!was && regular && regular->amount > sale->amount) was = regular->amount;
    return Offer{sale->amount, was, sale->ends_at};
  }
  if (regular) return Offer{regular->amount, regular->compare_at, std::nullopt};
  return std::nullopt;
}

std::optional<Timestamp> next_price_change(const Product& product, Timestamp t) {
  std::optional<Timestamp> next;
  const auto consider = [&](const std::optional<Timestamp>& at) {
    if (at && *at > t && (!next || *at < *next)) next = at;
  };
  for (const auto& v : product.variants)
    for (const auto& p : v.prices) {
      consider(p.starts_at);
      consider(p.ends_at);
    }
  return next;
}

}  // namespace agora::catalog
