#include "http/profile_json.hpp"

#include "domain/countries.hpp"

#include <agora/core/fields.hpp>

#include <algorithm>

namespace agora::user {
namespace {

// Reads a field that may be a string or null (null clears it); `check` validates a string.
std::optional<std::optional<std::string>> clearable(Fields& f, std::string_view key, std::size_t max,
                                                    bool (*check)(std::string_view) noexcept, std::string_view rule) {
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

std::optional<std::vector<std::string>> channels(Fields& f, const boost::json::object& o, std::string_view category) {
  const auto* v = o.if_contains(category);
  if (!v) return std::nullopt;
  const std::string field = "channels." + std::string(category);
  if (!v->is_array()) {
    f.fail(field, "must be an array of channels");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  const auto& items = v->get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string_view c = items[i].is_string() ? std::string_view(items[i].get_string()) : std::string_view();
    if (!is_channel(c)) {
      f.fail(field + "[" + std::to_string(i) + "]", "must be email, sms, push or in_app");
      ok = false;
    } else if (std::find(out.begin(), out.end(), c) == out.end()) {
      out.emplace_back(c);
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

boost::json::value nullable(const std::optional<std::string>& v) {
  if (!v) return nullptr;
  return boost::json::value(*v);
}

boost::json::array strings(const std::vector<std::string>& v) { return boost::json::array(v.begin(), v.end()); }

}  // namespace

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

AddressPatch parse_address(const boost::json::value& body, bool creating) {
  Fields f(body);
  AddressPatch a;
  const auto text = [&](std::string_view key, std::size_t max, bool required) {
    return f.text(key, max, creating && required, !required);
  };
  a.label = text("label", 60, false);
  a.recipient = text("recipient", 200, true);
  a.line1 = text("line1", 200, true);
  a.line2 = text("line2", 200, false);
  a.city = text("city", 100, true);
  a.region = text("region", 100, false);
  a.postal_code = text("postal_code", 20, false);
  if (auto c = f.text("country", 2, creating)) {
    if (is_country_code(*c))
      a.country = *c;
    else
      f.fail("country", "must be an ISO 3166-1 alpha-2 code such as DE or US");
  }
  if (auto p = f.text("phone", 16, false, true)) {
    if (p->empty() || is_phone_number(*p))
      a.phone = *p;
    else
      f.fail("phone", "must be an E.164 number such as +14155550123");
  }
  a.default_shipping = f.boolean("default_shipping");
  a.default_billing = f.boolean("default_billing");
  // A new address is whole here, so its problems are listed with the others; a PATCH is checked
  // once it is applied to the stored address (ProfileService::update_address).
  if (creating)
    if (auto problem = postal_code_problem(patched(a, Address{}))) f.fail(problem->field, problem->message);
  f.finish({"label", "recipient", "line1", "line2", "city", "region", "postal_code", "country", "phone",
            "default_shipping", "default_billing"},
           "invalid address");
  return a;
}

PreferencesPatch parse_preferences(const boost::json::value& body) {
  Fields f(body);
  PreferencesPatch p;
  if (auto l = f.text("language", 12, false)) {
    if (is_locale(*l))
      p.language = *l;
    else
      f.fail("language", "must be a language such as en or de-CH");
  }
  if (const auto* c = f.raw("currency"); c && c->is_null())
    p.currency = "";
  else if (auto code = f.text("currency", 3, false)) {
    if (is_currency(*code))
      p.currency = *code;
    else
      f.fail("currency", "must be an ISO 4217 currency code");
  }
  if (const auto* ch = f.raw("channels")) {
    if (!ch->is_object())
      f.fail("channels", "must be an object with order, marketing and security");
    else {
      const auto& o = ch->get_object();
      for (const auto& [k, _] : o)
        if (k != "order" && k != "marketing" && k != "security")
          f.fail("channels." + std::string(k), "categories are order, marketing and security");
      p.order_channels = channels(f, o, "order");
      p.marketing_channels = channels(f, o, "marketing");
      p.security_channels = channels(f, o, "security");
    }
  }
  p.marketing_consent = f.boolean("marketing_consent");
  f.finish({"language", "currency", "channels", "marketing_consent"}, "invalid preferences");
  return p;
}

boost::json::object account_view(const Account& a) {
  return {{"id", a.id},
          {"email", a.email},
          {"email_verified", a.email_verified},
          {"name", a.name},
          {"phone", nullable(a.phone)},
          {"locale", nullable(a.locale)},
          {"preferred_currency", nullable(a.preferred_currency)},
          {"roles", strings(a.roles)},
          {"status", a.status},
          {"mfa_enabled", a.mfa_enabled},
          {"created_at", to_rfc3339(a.created_at)},
          {"updated_at", to_rfc3339(a.updated_at)}};
}

boost::json::object address_view(const Address& a) {
  return {{"id", a.id},
          {"label", a.label},
          {"recipient", a.recipient},
          {"line1", a.line1},
          {"line2", a.line2},
          {"city", a.city},
          {"region", a.region},
          {"postal_code", a.postal_code},
          {"country", a.country},
          {"phone", a.phone},
          {"default_shipping", a.default_shipping},
          {"default_billing", a.default_billing}};
}

boost::json::object preferences_view(const PreferencesView& v) {
  const auto& p = v.preferences;
  return {{"language", p.language},
          {"currency", p.currency.empty() ? boost::json::value(nullptr) : boost::json::value(p.currency)},
          {"channels",
           {{"order", strings(p.order_channels)},
            {"marketing", strings(p.marketing_channels)},
            {"security", strings(p.security_channels)}}},
          {"marketing_consent", p.marketing_consent},
          {"marketing_consent_at", v.marketing_consent_at ? boost::json::value(to_rfc3339(*v.marketing_consent_at))
                                                          : boost::json::value(nullptr)}};
}

}  // namespace agora::user
