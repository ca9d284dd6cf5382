#pragma once
// JSON of the identity endpoints and the audit log, and the reading of passwords and other secrets.
#include "app/auth_service.hpp"
#include "domain/audit.hpp"

#include <agora/core/fields.hpp>
#include <agora/core/http.hpp>
#include <boost/json/object.hpp>

namespace agora::user {

boost::json::object audit_view(const AuditEntry& e);
http::Response token_response(const TokenSet& t);  // OAuth 2.0 fields, never cached

// A password as typed: any non-empty string (its rules are the policy's, which the use case applies).
std::optional<std::string> password_field(Fields& f, std::string_view key);
// An email as typed (the use case trims and checks it): required, line breaks and tabs allowed.
std::optional<std::string> email_field(Fields& f);

}  // namespace agora::user
