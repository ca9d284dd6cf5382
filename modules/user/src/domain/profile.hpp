#pragma once
// What a user may change about themselves (profile, addresses, preferences) and the rules the
// values must meet. The requests arrive already read (http/profile_json.hpp).
#include <agora/core/error.hpp>

#include <agora/user/api.hpp>
#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::user {

BOOST_DESCRIBE_STRUCT(Address, (),
                      (id, label, recipient, line1, line2, city, region, postal_code, country, phone, default_shipping,
                       default_billing))
BOOST_DESCRIBE_STRUCT(Preferences, (),
                      (language, currency, order_channels, marketing_channels, security_channels, marketing_consent))

// A PATCH of the profile; absent fields stay, null clears phone, locale and currency.
struct ProfilePatch {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> phone, locale, preferred_currency;
  bool empty() const { return !name && !phone && !locale && !preferred_currency; }
};

// A new address (onto an empty one) or a PATCH of a stored one: absent fields keep their value.
struct AddressPatch {
  std::optional<std::string> label, recipient, line1, line2, city, region, postal_code, country, phone;
  std::optional<bool> default_shipping, default_billing;
};
Address patched(const AddressPatch& patch, Address base);

// The rule on an address as a whole: a postal code where the country's post needs one.
std::optional<FieldError> postal_code_problem(const Address& a);
void check_address(const Address& a);  // throws Error{validation} with that problem
// Every problem of a whole address given at once: required parts (recipient, line1, city,
// country), lengths, country code, phone number, postal code.
std::vector<FieldError> address_problems(const Address& a);

// A PATCH of preferences; absent fields stay, a currency of "" clears it.
struct PreferencesPatch {
  std::optional<std::string> language;
  std::optional<std::string> currency;
  std::optional<std::vector<std::string>> order_channels, marketing_channels, security_channels;
  std::optional<bool> marketing_consent;
};
Preferences patched(const PreferencesPatch& patch, Preferences current);

bool is_phone_number(std::string_view text) noexcept;  // E.164: +, 8..15 digits
bool is_locale(std::string_view text) noexcept;        // BCP 47 language[-REGION], e.g. "en", "de-CH"
bool is_currency(std::string_view code) noexcept;      // ISO 4217, one we know
bool is_channel(std::string_view name) noexcept;       // email, sms, push or in_app

}  // namespace agora::user
