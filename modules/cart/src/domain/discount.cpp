#include "domain/discount.hpp"

#include "domain/rounding.hpp"

#include <algorithm>
#include <cctype>

namespace agora::cart {
namespace {

constexpr std::int64_t kBasisPoints = 10'000;

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::int64_t value_or_zero(const std::map<std::string, std::int64_t>& m, const std::string& key) {
  const auto it = m.find(key);
  return it == m.end() ? 0 : it->second;
}

}  // namespace

bool valid_code(std::string_view c) {
  return !c.empty() && c.size() <= kMaxCodeLength && std::all_of(c.begin(), c.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
  });
}

std::string normalized_code(std::string_view code) {
  std::string out(code);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

bool eligible(const DiscountCode& code, const LineInput& line) {
  if (code.skus.empty() && code.category_ids.empty()) return true;
  return contains(code.skus, line.sku) ||
         std::any_of(line.category_ids.begin(), line.category_ids.end(),
                     [&](const std::string& c) { return contains(code.category_ids, c); });
}

std::string why_not(const DiscountCode* code, const CartInput& cart, std::int64_t subtotal) {
  if (!code) return "unknown";
  if (!code->active) return "inactive";
  if (code->starts_at && cart.now < *code->starts_at) return "not_started";
  if (code->ends_at && cart.now >= *code->ends_at) return "expired";
  if (code->kind == DiscountKind::fixed && !code->amounts.contains(cart.currency)) return "currency_not_supported";
  if (code->usage_limit && code->used >= *code->usage_limit) return "usage_limit_reached";
  if (code->per_customer_limit && value_or_zero(cart.customer_usage, code->code) >= *code->per_customer_limit)
    return "customer_limit_reached";
  if (std::none_of(cart.lines.begin(), cart.lines.end(), [&](const LineInput& l) { return eligible(*code, l); }))
    return "no_eligible_lines";
  if (subtotal < value_or_zero(code->minimum_subtotal, cart.currency)) return "minimum_not_met";
  return "";
}

std::vector<std::int64_t> line_discounts(const DiscountCode& code, const CartInput& cart,
                                         const std::vector<std::int64_t>& remaining) {
  std::vector<std::int64_t> weights(remaining.size(), 0);
  std::int64_t eligible_sum = 0;
  for (std::size_t i = 0; i < remaining.size(); ++i)
    if (eligible(code, cart.lines[i])) eligible_sum += weights[i] = remaining[i];

  if (code.kind == DiscountKind::percentage) {
    std::vector<std::int64_t> off(remaining.size(), 0);
    for (std::size_t i = 0; i < remaining.size(); ++i)
      off[i] = divide_rounded(static_cast<int128>(weights[i]) * code.percent_bp, kBasisPoints);
    return off;
  }
  // Eligible lines with nothing left weigh 0, so none of the amount lands on them (or on others).
  if (eligible_sum == 0) return std::vector<std::int64_t>(remaining.size(), 0);
  return allocate(std::min(code.amounts.at(cart.currency), eligible_sum), weights);
}

}  // namespace agora::cart
