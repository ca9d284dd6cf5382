#include "domain/profile.hpp"

#include "domain/countries.hpp"

#include <agora/core/money.hpp>

#include <algorithm>
#include <cctype>

namespace agora::user {
namespace {

bool all_of(std::string_view s, int (*pred)(int)) {
  return std::all_of(s.begin(), s.end(), [pred](unsigned char c) { return pred(c) != 0; });
}

// Reads a field that may be a string or null (null clears it); `check` validates a string.
template <class Check>
std::optional<std::optional<std::string>> clearable(Fields& f, std::string_view key, std::size_t max, Check check,
                                                    std::string_view rule) {
  const auto* v = f.raw(key);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::string>{};
  auto s = f.text(key, max, true);
  if (!s) return std::nullopt;
  if (!check(*s)) {
    f.fail(std::string(key), std::string(rule));
    return std::nullopt;
  }
  return std::optional<std::string>{std::move(*s)};
}

bool is_currency(std::string_view code) { return find_currency(code) != nullptr; }

std::vector<std::string> channels(Fields& f, const boost::json::object& o, std::string_view category,
                                  std::vector<std::string> current) {
  const auto* v = o.if_contains(category);
  if (!v) return current;
  const std::string field = "channels." + std::string(category);
  if (!v->is_array()) {
    f.fail(field, "must be an array of channels");
    return current;
  }
  std::vector<std::string> out;
  for (const auto& item : v->get_array()) {
    const std::string_view c = item.is_string() ? std::string_view(item.get_string()) : std::string_view();
    if (c != "email" && c != "sms" && c != "push" && c != "in_app") {
      f.fail(field, "channels are email, sms, push or in_app");
      return current;
    }
    if (std::find(out.begin(), out.end(), c) == out.end()) out.emplace_back(c);
  }
  return out;
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

ProfilePatch parse_profile_patch(const boost::json::value& body) {
  Fields f(body);
  ProfilePatch p;
  p.name = f.text("name", 200, false);
  p.phone = clearable(f, "phone", 16, is_phone_number, "must be an E.164 number such as +14155550123");
  p.locale = clearable(f, "locale", 12, is_locale, "must be a locale such as en or de-CH");
  p.preferred_currency = clearable(f, "preferred_currency", 3, is_currency, "must be an ISO 4217 currency code");
  f.finish({"name", "phone", "locale", "preferred_currency"}, "invalid profile");
  return p;
}

Address parse_address(const boost::json::value& body, Address a, bool creating) {
  Fields f(body);
  const auto set = [&](std::string_view key, std::string& out, std::size_t max, bool required) {
    if (auto v = f.text(key, max, creating && required, !required)) out = std::move(*v);
  };
  set("label", a.label, 60, false);
  set("recipient", a.recipient, 200, true);
  set("line1", a.line1, 200, true);
  set("line2", a.line2, 200, false);
  set("city", a.city, 100, true);
  set("region", a.region, 100, false);
  set("postal_code", a.postal_code, 20, false);
  if (auto c = f.text("country", 2, creating)) {
    if (is_country_code(*c)) a.country = *c;
    else f.fail("country", "must be an ISO 3166-1 alpha-2 code such as DE or US");
  }
  if (auto p = f.text("phone", 16, false, true)) {
    if (p->empty() || is_phone_number(*p)) a.phone = *p;
    else f.fail("phone", "must be an E.164 number such as +14155550123");
  }
  if (auto d = f.boolean("default_shipping")) a.default_shipping = *d;
  if (auto d = f.boolean("default_billing")) a.default_billing = *d;
  // Countries whose addresses are not deliverable without a postal code.
  static constexpr std::string_view kNeedPostalCode[] = {"AU", "CA", "CH", "DE", "ES", "FR", "GB", "IN",
                                                         "IT", "JP", "NL", "US"};
  if (a.postal_code.empty() && std::find(std::begin(kNeedPostalCode), std::end(kNeedPostalCode), a.country) !=
                                   std::end(kNeedPostalCode))
    f.fail("postal_code", "is required for addresses in " + a.country);
  f.finish({"label", "recipient", "line1", "line2", "city", "region", "postal_code", "country", "phone",
            "default_shipping", "default_billing"},
           "invalid address");
  return a;
}

Preferences parse_preferences(const boost::json::value& body, Preferences p) {
  Fields f(body);
  if (auto l = f.text("language", 12, false)) {
    if (is_locale(*l)) p.language = *l;
    else f.fail("language", "must be a language such as en or de-CH");
  }
  if (const auto* c = f.raw("currency"); c && c->is_null()) p.currency.clear();
  else if (auto code = f.text("currency", 3, false)) {
    if (is_currency(*code)) p.currency = *code;
    else f.fail("currency", "must be an ISO 4217 currency code");
  }
  if (const auto* ch = f.raw("channels")) {
    if (!ch->is_object()) f.fail("channels", "must be an object with order, marketing and security");
    else {
      const auto& o = ch->get_object();
      for (const auto& [k, _] : o)
        if (k != "order" && k != "marketing" && k != "security")
          f.fail("channels." + std::string(k), "categories are order, marketing and security");
      p.order_channels = channels(f, o, "order", p.order_channels);
      p.marketing_channels = channels(f, o, "marketing", p.marketing_channels);
      p.security_channels = channels(f, o, "security", p.security_channels);
    }
  }
  if (auto m = f.boolean("marketing_consent")) p.marketing_consent = *m;
  f.finish({"language", "currency", "channels", "marketing_consent"}, "invalid preferences");
  return p;
}

}  // namespace agora::user
