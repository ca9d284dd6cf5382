#pragma once
// JSON views of the module's values, as the API returns them.
#include "app/auth_service.hpp"
#include "app/profile_service.hpp"
#include "store/account_store.hpp"
#include "store/profile_store.hpp"

#include <agora/core/http.hpp>
#include <boost/json/object.hpp>

namespace agora::user {

boost::json::object account_view(const Account& a);  // the owner's and admins' view
boost::json::object address_view(const Address& a);
boost::json::object preferences_view(const PreferencesView& p);
boost::json::object audit_view(const AuditEntry& e);
http::Response token_response(const TokenSet& t);  // OAuth 2.0 fields, never cached

// A required string field of a JSON body (Error{validation} naming it otherwise).
std::string required_string(const boost::json::value& body, std::string_view field, std::size_t max_bytes = 4096);

}  // namespace agora::user
