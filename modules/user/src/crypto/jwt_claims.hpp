#pragma once
// Reading a JWT's claims: the registered ones (RFC 7519 §4.1) into Claims, the others by name or path.
#include "domain/claims.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::user {

Claims registered_claims(const boost::json::object& claims);

// The strings at a dotted claim path ("realm_access.roles"): a string or an array of strings.
std::vector<std::string> claim_strings(const boost::json::object& claims, std::string_view path);

// A claim that is a string (nullopt otherwise), and one that is true.
std::optional<std::string> string_claim(const boost::json::object& claims, std::string_view name);
bool true_claim(const boost::json::object& claims, std::string_view name);

}  // namespace agora::user
