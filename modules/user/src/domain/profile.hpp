#pragma once
// Validation of what a user may change about themselves: profile, addresses, preferences.
#include <agora/core/fields.hpp>

#include <agora/user/api.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace agora::user {

// A PATCH of the profile; absent fields stay, null clears phone, locale and currency.
struct ProfilePatch {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> phone, locale, preferred_currency;
  bool empty() const { return !name && !phone && !locale && !preferred_currency; }
};

// Throws Error{validation} listing every bad field; roles, email, verified flag and the like are
// refused by name, so a client cannot assign them.
ProfilePatch parse_profile_patch(const boost::json::value& body);

// Applies a create (base = {}) or a PATCH (base = the stored address) body; throws Error{validation}.
Address parse_address(const boost::json::value& body, Address base, bool creating);

// Applies a PATCH of preferences onto the current ones; throws Error{validation}.
Preferences parse_preferences(const boost::json::value& body, Preferences current);

bool is_phone_number(std::string_view text) noexcept;  // E.164: +, 8..15 digits
bool is_locale(std::string_view text) noexcept;        // BCP 47 language[-REGION], e.g. "en", "de-CH"

}  // namespace agora::user
