#include "http/pricing_fields.hpp"

#include <agora/core/money.hpp>
#include <boost/json.hpp>

#include <algorithm>

namespace agora::cart {
namespace {

constexpr std::int64_t kMaxAmount = 1'000'000'000'000;  // minor units: far above any price
constexpr std::size_t kMaxListItems = 1000;

bool upper_alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool valid_region(std::string_view r) { return r.size() <= 3 && std::all_of(r.begin(), r.end(), upper_alnum); }

}  // namespace

bool valid_currency(std::string_view code) { return find_currency(code) != nullptr; }

std::optional<std::string> country_field(Fields& f, std::string_view key, bool required) {
  auto v = f.text(key, 2, required);
  if (v && !valid_country(*v)) {
    f.fail(std::string(key), "must be an ISO 3166-1 alpha-2 code in upper case, such as DE");
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> currency_field(Fields& f, std::string_view key, bool required) {
  auto v = f.text(key, 3, required);
  if (v && !valid_currency(*v)) {
    f.fail(std::string(key), "must be an ISO 4217 currency code, such as EUR");
    return std::nullopt;
  }
  return v;
}

std::string region_field(Fields& f, std::string_view key) {
  auto v = f.text(key, 3, false, true).value_or("");
  if (!valid_region(v)) {
    f.fail(std::string(key), "must be an ISO 3166-2 subdivision code without its country, such as NY, or empty");
    return "";
  }
  return v;
}

std::vector<std::string> string_list(Fields& f, std::string_view key, bool (*valid)(std::string_view),
                                     std::string_view expected) {
  std::vector<std::string> out;
  const auto* v = f.raw(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array() || v->get_array().size() > kMaxListItems) {
    f.fail(std::string(key), "must be an array of at most " + std::to_string(kMaxListItems) + " strings");
    return out;
  }
  const auto& items = v->get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string() || !valid(items[i].get_string())) {
      f.fail(std::string(key) + "[" + std::to_string(i) + "]", std::string(expected));
      continue;
    }
    std::string s(items[i].get_string());
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

std::map<std::string, std::int64_t> amounts_field(Fields& f, std::string_view key, std::int64_t min) {
  std::map<std::string, std::int64_t> out;
  const auto* v = f.raw(key);
  if (!v || v->is_null()) return out;
  if (!v->is_object()) {
    f.fail(std::string(key), "must be an object of currency codes to amounts in minor units");
    return out;
  }
  Fields amounts(*v);
  for (const auto& [currency, amount] : v->get_object()) {
    const std::string name(currency);
    if (!valid_currency(name)) {
      amounts.fail(name, "is not an ISO 4217 currency code");
      continue;
    }
    if (const auto n = amounts.integer(name, min, kMaxAmount, true)) out.emplace(name, *n);
  }
  f.add(amounts.take_errors(std::string(key) + "."));
  return out;
}

std::optional<Timestamp> instant_field(Fields& f, std::string_view key) {
  const auto text = f.text(key, 64, false);
  if (!text) return std::nullopt;
  const auto t = parse_rfc3339(*text);
  if (!t) f.fail(std::string(key), std::string(kRfc3339Expected));
  return t;
}

}  // namespace agora::cart
