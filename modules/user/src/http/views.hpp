#pragma once
// JSON of the identity endpoints and the audit log, and the reading of plain string fields.
#include "app/auth_service.hpp"
#include "domain/audit.hpp"

#include <agora/core/http.hpp>
#include <boost/json/object.hpp>

namespace agora::user {

boost::json::object audit_view(const AuditEntry& e);
http::Response token_response(const TokenSet& t);  // OAuth 2.0 fields, never cached

// A required string field of a JSON body (Error{validation} naming it otherwise).
std::string required_string(const boost::json::value& body, std::string_view field, std::size_t max_bytes = 4096);

}  // namespace agora::user
