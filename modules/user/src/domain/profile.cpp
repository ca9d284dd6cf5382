#include "domain/profile.hpp"

#include "domain/countries.hpp"

#include <agora/core/fields.hpp>
#include <agora/core/money.hpp>

#include <algorithm>
#include <cctype>

namespace agora::user {
namespace {

bool all_of(std::string_view s, int (*pred)(int)) {
  return std::all_of(s.begin(), s.end(), [pred](unsigned char c) { return pred(c) != 0; });
}

template <class T>
void take(const std::optional<T>& value, T& out) {
  if (value) out = *value;
}

}  // namespace

bool is_phone_number(std::string_view t) noexcept {
  return t.size() >= 9 && t.size() <= 16 && t[0] == '+' && t[1] != '0' && all_of(t.substr(1), isdigit);
}

bool is_locale(std::string_view t) noexcept {
  const auto lang = t.substr(0, t.find('-'));
  if (lang.size() < 2 || lang.size() > 3 || !all_of(lang, islower)) return false;
  if (lang.size() == t.size()) return true;
  const auto region = t.substr(lang.size() + 1);
  return (region.size() == 2 && all_of(region, isupper)) || (region.size() == 3 && all_of(region, isdigit));
}

bool is_currency(std::string_view code) noexcept { return find_currency(code) != nullptr; }

bool is_channel(std::string_view c) noexcept { return c == "email" || c == "sms" || c == "push" || c == "in_app"; }

Address patched(const AddressPatch& p, Address a) {
  take(p.label, a.label);
  take(p.recipient, a.recipient);
  take(p.line1, a.line1);
  take(p.line2, a.line2);
  take(p.city, a.city);
  take(p.region, a.region);
  take(p.postal_code, a.postal_code);
  take(p.country, a.country);
  take(p.phone, a.phone);
  take(p.default_shipping, a.default_shipping);
  take(p.default_billing, a.default_billing);
  return a;
}

std::optional<FieldError> postal_code_problem(const Address& a) {
  // Countries whose addresses are not deliverable without a postal code.
  static constexpr std::string_view kNeedPostalCode[] = {"AU", "CA", "CH", "DE", "ES", "FR",
                                                         "GB", "IN", "IT", "JP", "NL", "US"};
  if (a.postal_code.empty() &&
      std::find(std::begin(kNeedPostalCode), std::end(kNeedPostalCode), a.country) != std::end(kNeedPostalCode))
    return FieldError{"postal_code", "is required for addresses in " + a.country};
  return std::nullopt;
}

void check_address(const Address& a) {
  if (auto problem = postal_code_problem(a))
    throw Error(ErrorKind::validation, "invalid address", {std::move(*problem)});
}

std::vector<FieldError> address_problems(const Address& a) {
  std::vector<FieldError> problems;
  const auto check = [&](std::string_view field, const std::string& value, std::size_t max, bool required) {
    if (required && value.empty())
      problems.push_back({std::string(field), "is required"});
    else if (code_points(value) > max)
      problems.push_back({std::string(field), "must be at most " + std::to_string(max) + " characters"});
  };
  check("recipient", a.recipient, 200, true);
  check("line1", a.line1, 200, true);
  check("line2", a.line2, 200, false);
  check("city", a.city, 100, true);
  check("region", a.region, 100, false);
  check("postal_code", a.postal_code, 20, false);
  if (!is_country_code(a.country))
    problems.push_back({"country", "must be an ISO 3166-1 alpha-2 code such as DE or US"});
  else if (auto problem = postal_code_problem(a))
    problems.push_back(std::move(*problem));
  if (!a.phone.empty() && !is_phone_number(a.phone))
    problems.push_back({"phone", "must be an E.164 number such as +14155550123"});
  return problems;
}

Preferences patched(const PreferencesPatch& patch, Preferences p) {
  take(patch.language, p.language);
  take(patch.currency, p.currency);
  take(patch.order_channels, p.order_channels);
  take(patch.marketing_channels, p.marketing_channels);
  take(patch.security_channels, p.security_channels);
  take(patch.marketing_consent, p.marketing_consent);
  return p;
}

}  // namespace agora::user
