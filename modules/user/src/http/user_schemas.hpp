#pragma once
// The user module's requests and answers as JSON Schema, for the API document (GET /api/v1/openapi.json):
// what http/*_json.cpp and the routes read and write. Named ones are declared by add_user_schemas.
#include <agora/core/api_schema.hpp>
#include <agora/core/http.hpp>

#include <string>
#include <string_view>

namespace agora::user {

inline constexpr std::string_view kUserRole = R"json({
  "enum": ["customer", "support", "catalog_manager", "warehouse", "order_manager", "admin"]
})json";

inline constexpr std::string_view kUserChannel = R"json({"enum": ["email", "sms", "push", "in_app"]})json";

inline constexpr std::string_view kUserAccount = R"json({
  "type": "object",
  "description": "An account as its owner and administrators see it.",
  "required": ["id", "email", "email_verified", "name", "phone", "locale", "preferred_currency", "roles", "status",
               "mfa_enabled", "created_at", "updated_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "email": {"type": "string", "format": "email"},
    "email_verified": {"type": "boolean"},
    "name": {"type": "string"},
    "phone": {"type": ["string", "null"], "description": "E.164, e.g. +14155550123"},
    "locale": {"type": ["string", "null"], "examples": ["de-CH"]},
    "preferred_currency": {"type": ["string", "null"], "examples": ["EUR"]},
    "roles": {"type": "array", "items": {"$ref": "#/components/schemas/UserRole"}},
    "status": {"enum": ["active", "locked", "deleted"]},
    "mfa_enabled": {"type": "boolean"},
    "locked_reason": {"type": "string", "description": "Why an administrator locked it; in administrators' view only"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"}
  }
})json";

inline constexpr std::string_view kUserAccountList = R"json({
  "type": "object",
  "required": ["items", "next_cursor"],
  "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/UserAccount"}},
    "next_cursor": {"type": ["string", "null"], "description": "The cursor of the next page; null on the last"}
  }
})json";

inline constexpr std::string_view kUserTokens = R"json({
  "type": "object",
  "description": "An OAuth 2.0 token response.",
  "required": ["access_token", "token_type", "expires_in", "refresh_token"],
  "properties": {
    "access_token": {"type": "string", "description": "A JWT for the Authorization header"},
    "token_type": {"const": "Bearer"},
    "expires_in": {"type": "integer", "description": "Seconds the access token lasts"},
    "refresh_token": {"type": "string", "description": "For one refresh_token grant; a second use ends the session"}
  }
})json";

inline constexpr std::string_view kUserProfilePatch = R"json({
  "type": "object",
  "description": "Absent fields stay as they are.",
  "additionalProperties": false,
  "properties": {
    "name": {"type": "string", "minLength": 1, "maxLength": 200},
    "phone": {"type": ["string", "null"], "pattern": "^\\+[1-9][0-9]{7,14}$", "description": "E.164; null clears it"},
    "locale": {"type": ["string", "null"], "pattern": "^[a-z]{2,3}(-([A-Z]{2}|[0-9]{3}))?$",
               "description": "null clears it"},
    "preferred_currency": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$",
                           "description": "ISO 4217; null clears it"}
  }
})json";

// The fields of an address a client sends: all of them for a new one (those user_address_input
// makes required), any of them for a PATCH.
inline constexpr std::string_view kUserAddressFields = R"json({
  "label": {"type": "string", "maxLength": 60},
  "recipient": {"type": "string", "minLength": 1, "maxLength": 200},
  "line1": {"type": "string", "minLength": 1, "maxLength": 200},
  "line2": {"type": "string", "maxLength": 200},
  "city": {"type": "string", "minLength": 1, "maxLength": 100},
  "region": {"type": "string", "maxLength": 100},
  "postal_code": {"type": "string", "maxLength": 20,
                  "description": "Required in AU, CA, CH, DE, ES, FR, GB, IN, IT, JP, NL and US"},
  "country": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2"},
  "phone": {"type": "string", "pattern": "^(\\+[1-9][0-9]{7,14})?$", "description": "E.164, or empty"},
  "default_shipping": {"type": "boolean"},
  "default_billing": {"type": "boolean"}
})json";

// The body of POST (creating) or PATCH of an address.
inline std::string user_address_input(bool creating) {
  return std::string(R"({"type": "object", "additionalProperties": false, )") +
         (creating ? R"("required": ["recipient", "line1", "city", "country"], )"
                   : R"("description": "Absent fields stay as they are.", )") +
         R"("properties": )" + std::string(kUserAddressFields) + "}";
}

inline constexpr std::string_view kUserAddress = R"json({
  "allOf": [
    {"$ref": "#/components/schemas/PostalAddress"},
    {
      "type": "object",
      "required": ["id", "label", "default_shipping", "default_billing"],
      "properties": {
        "id": {"type": "string", "format": "uuid"},
        "label": {"type": "string"},
        "default_shipping": {"type": "boolean"},
        "default_billing": {"type": "boolean"}
      }
    }
  ]
})json";

inline constexpr std::string_view kUserAddressList = R"json({
  "type": "object",
  "required": ["items", "next_cursor"],
  "properties": {
    "items": {"type": "array", "maxItems": 50, "items": {"$ref": "#/components/schemas/UserAddress"}},
    "next_cursor": {"type": "null", "description": "Every address is on the one page"}
  }
})json";

inline constexpr std::string_view kUserPreferences = R"json({
  "type": "object",
  "required": ["language", "currency", "channels", "marketing_consent", "marketing_consent_at"],
  "properties": {
    "language": {"type": "string", "examples": ["de-CH"]},
    "currency": {"type": ["string", "null"]},
    "channels": {
      "type": "object",
      "description": "How each category of notification reaches the user",
      "required": ["order", "marketing", "security"],
      "properties": {
        "order": {"type": "array", "items": {"$ref": "#/components/schemas/UserChannel"}},
        "marketing": {"type": "array", "items": {"$ref": "#/components/schemas/UserChannel"}},
        "security": {"type": "array", "items": {"$ref": "#/components/schemas/UserChannel"}}
      }
    },
    "marketing_consent": {"type": "boolean"},
    "marketing_consent_at": {"type": ["string", "null"], "format": "date-time", "description": "When it last changed"}
  }
})json";

inline constexpr std::string_view kUserPreferencesPatch = R"json({
  "type": "object",
  "description": "Absent fields stay as they are.",
  "additionalProperties": false,
  "properties": {
    "language": {"type": "string", "pattern": "^[a-z]{2,3}(-([A-Z]{2}|[0-9]{3}))?$"},
    "currency": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$", "description": "ISO 4217; null clears it"},
    "channels": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "order": {"type": "array", "items": {"$ref": "#/components/schemas/UserChannel"}},
        "marketing": {"type": "array", "items": {"$ref": "#/components/schemas/UserChannel"}},
        "security": {"type": "array", "items": {"$ref": "#/components/schemas/UserChannel"}}
      }
    },
    "marketing_consent": {"type": "boolean"}
  }
})json";

// Request bodies of one or two fields.
inline constexpr std::string_view kRegistration = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["email", "password", "name"],
  "properties": {
    "email": {"type": "string", "format": "email", "maxLength": 320},
    "password": {"type": "string", "minLength": 12,
                 "description": "At most 1,024 bytes; not a common password nor the email"},
    "name": {"type": "string", "minLength": 1, "maxLength": 200}
  }
})json";

inline constexpr std::string_view kTokenRequest = R"json({
  "description": "One of the three grants; other members are ignored (RFC 6749, section 3.2).",
  "oneOf": [
    {"type": "object", "title": "Password grant", "required": ["grant_type", "email", "password"],
     "properties": {"grant_type": {"const": "password"}, "email": {"type": "string", "maxLength": 320},
                    "password": {"type": "string", "minLength": 1}}},
    {"type": "object", "title": "Refresh grant", "required": ["grant_type", "refresh_token"],
     "properties": {"grant_type": {"const": "refresh_token"}, "refresh_token": {"type": "string", "maxLength": 256}}},
    {"type": "object", "title": "Second factor grant", "required": ["grant_type", "mfa_token", "code"],
     "properties": {"grant_type": {"const": "mfa"}, "mfa_token": {"type": "string", "maxLength": 256},
                    "code": {"type": "string", "maxLength": 64, "description": "A current TOTP code or a recovery code"}}}
  ]
})json";

inline constexpr std::string_view kRefreshTokenBody = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["refresh_token"],
  "properties": {"refresh_token": {"type": "string", "maxLength": 256}}
})json";

inline constexpr std::string_view kEmailTokenBody = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["token"],
  "properties": {"token": {"type": "string", "maxLength": 256, "description": "From the link mailed to the user"}}
})json";

inline constexpr std::string_view kEmailBody = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["email"],
  "properties": {"email": {"type": "string", "format": "email", "maxLength": 320}}
})json";

inline constexpr std::string_view kPasswordReset = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["token", "new_password"],
  "properties": {
    "token": {"type": "string", "maxLength": 256, "description": "From the link mailed to the user"},
    "new_password": {"type": "string", "minLength": 12, "description": "At most 1,024 bytes; not a common password"}
  }
})json";

inline constexpr std::string_view kPasswordChange = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["current_password", "new_password"],
  "properties": {
    "current_password": {"type": "string", "minLength": 1},
    "new_password": {"type": "string", "minLength": 12, "description": "At most 1,024 bytes; not a common password"}
  }
})json";

inline constexpr std::string_view kTotpCode = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["code"],
  "properties": {"code": {"type": "string", "maxLength": 64, "description": "A current TOTP code or a recovery code"}}
})json";

inline constexpr std::string_view kLockRequest = R"json({
  "type": "object",
  "description": "May be left out: the account is locked without a reason.",
  "additionalProperties": false,
  "properties": {"reason": {"type": "string", "minLength": 1, "maxLength": 500}}
})json";

inline constexpr std::string_view kRolesRequest = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["roles"],
  "properties": {
    "roles": {"type": "array", "items": {"$ref": "#/components/schemas/UserRole"},
              "description": "Every role the account is to hold; customer is always kept"}
  }
})json";

// Answers the routes' own.
inline constexpr std::string_view kEmailVerified = R"json({
  "type": "object",
  "required": ["email_verified"],
  "properties": {"email_verified": {"const": true}}
})json";

inline constexpr std::string_view kResetRequested = R"json({
  "type": "object",
  "required": ["status"],
  "properties": {"status": {"type": "string", "description": "The same whether the account exists or not"}}
})json";

inline constexpr std::string_view kTotpSetup = R"json({
  "type": "object",
  "required": ["secret", "otpauth_uri"],
  "properties": {
    "secret": {"type": "string", "description": "Base32, for an authenticator app"},
    "otpauth_uri": {"type": "string", "format": "uri", "description": "The secret as an otpauth:// URI, for a QR code"}
  }
})json";

inline constexpr std::string_view kTotpEnabled = R"json({
  "type": "object",
  "required": ["mfa_enabled", "recovery_codes"],
  "properties": {
    "mfa_enabled": {"const": true},
    "recovery_codes": {"type": "array", "items": {"type": "string"}, "description": "Shown once; each works once"}
  }
})json";

inline constexpr std::string_view kSigningKey = R"json({
  "type": "object",
  "required": ["kid"],
  "properties": {"kid": {"type": "string", "description": "The new signing key's id"}}
})json";

inline constexpr std::string_view kOpenIdConfiguration = R"json({
  "type": "object",
  "description": "OpenID Connect discovery metadata of the token issuer.",
  "required": ["issuer", "jwks_uri", "token_endpoint", "grant_types_supported", "response_types_supported",
               "subject_types_supported", "id_token_signing_alg_values_supported",
               "token_endpoint_auth_methods_supported", "claims_supported"],
  "properties": {
    "issuer": {"type": "string", "format": "uri"},
    "jwks_uri": {"type": "string", "format": "uri"},
    "token_endpoint": {"type": "string", "format": "uri"},
    "grant_types_supported": {"type": "array", "items": {"type": "string"}},
    "response_types_supported": {"type": "array", "items": {"type": "string"}},
    "subject_types_supported": {"type": "array", "items": {"type": "string"}},
    "id_token_signing_alg_values_supported": {"type": "array", "items": {"type": "string"}},
    "token_endpoint_auth_methods_supported": {"type": "array", "items": {"type": "string"}},
    "claims_supported": {"type": "array", "items": {"type": "string"}}
  }
})json";

inline constexpr std::string_view kJsonWebKeySet = R"json({
  "type": "object",
  "description": "The public keys access tokens are verified with (RFC 7517), answered as application/jwk-set+json.",
  "required": ["keys"],
  "properties": {
    "keys": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["kty", "kid", "alg", "use"],
        "properties": {
          "kty": {"enum": ["EC", "RSA"]},
          "kid": {"type": "string"},
          "alg": {"type": "string", "examples": ["ES256"]},
          "use": {"const": "sig"}
        }
      }
    }
  }
})json";

inline constexpr std::string_view kAuditLog = R"json({
  "type": "object",
  "required": ["items", "next_cursor"],
  "properties": {
    "items": {
      "type": "array",
      "description": "Newest first",
      "items": {
        "type": "object",
        "required": ["id", "actor_id", "action", "target_id", "details", "at"],
        "properties": {
          "id": {"type": "string"},
          "actor_id": {"type": "string", "format": "uuid", "description": "The administrator"},
          "action": {"type": "string", "examples": ["lock", "unlock", "roles", "rotate_signing_key"]},
          "target_id": {"type": ["string", "null"], "format": "uuid", "description": "The account acted on, if any"},
          "details": {"type": "object", "description": "What changed: the reason, the roles from and to, the key id"},
          "at": {"type": "string", "format": "date-time"}
        }
      }
    },
    "next_cursor": {"type": ["string", "null"], "description": "The cursor of the next page; null on the last"}
  }
})json";

// Declares the named schemas above once.
inline void add_user_schemas(http::Router& router) {
  router.schema("UserRole", kUserRole);
  router.schema("UserChannel", kUserChannel);
  router.schema("UserAccount", kUserAccount);
  router.schema("UserAccountList", kUserAccountList);
  router.schema("UserTokens", kUserTokens);
  router.schema("UserAddress", kUserAddress);
  router.schema("UserAddressList", kUserAddressList);
  router.schema("UserPreferences", kUserPreferences);
}

using http::schema_ref;

}  // namespace agora::user
