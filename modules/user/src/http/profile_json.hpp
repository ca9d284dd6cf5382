#pragma once
// A user's own data as the API reads and shows it: profile, addresses, preferences.
#include "app/profile_service.hpp"
#include "domain/account.hpp"
#include "domain/profile.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace agora::user {

// Each throws Error{validation} listing every bad field; fields a client may not set (roles,
// email, the verified flag and the like) are refused by name.
ProfilePatch parse_profile_patch(const boost::json::value& body);
// creating: the fields an address needs are required, and the whole address is checked too.
AddressPatch parse_address(const boost::json::value& body, bool creating);
PreferencesPatch parse_preferences(const boost::json::value& body);

boost::json::object account_view(const Account& a);  // the owner's and admins' view
boost::json::object address_view(const Address& a);
boost::json::object preferences_view(const PreferencesView& p);

}  // namespace agora::user
