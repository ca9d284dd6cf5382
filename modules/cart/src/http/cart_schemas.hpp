#pragma once
// The cart API's bodies and answers as JSON Schema, for the API document (GET /api/v1/openapi.json):
// what cart_json.cpp reads and writes.
#include <agora/core/api_schema.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace agora::cart::schemas {

using http::schema_ref;

// A line of the cart or of its saved list, as it can be bought now.
inline constexpr std::string_view kCartLine = R"json({
  "type": "object",
  "required": ["sku", "quantity", "title", "options", "image_url", "unit_price", "price_when_added", "price_changed",
               "available", "for_sale", "added_at"],
  "properties": {
    "sku": {"type": "string"},
    "quantity": {"type": "integer", "minimum": 1},
    "title": {"type": "string"},
    "options": {"type": "object", "additionalProperties": {"type": "string"}, "examples": [{"size": "M"}]},
    "image_url": {"type": "string", "description": "Empty without an image"},
    "unit_price": {"$ref": "#/components/schemas/Money", "description": "The price now"},
    "price_when_added": {"$ref": "#/components/schemas/Money"},
    "price_changed": {"type": "boolean"},
    "available": {"type": "boolean", "description": "The stock covers the quantity"},
    "for_sale": {"type": "boolean"},
    "added_at": {"type": "string", "format": "date-time"},
    "product_id": {"type": "string", "format": "uuid", "description": "Absent when the catalog no longer has the SKU"}
  }
})json";

inline constexpr std::string_view kCartAmounts = R"json({
  "type": "object",
  "required": ["subtotal", "discount", "shipping", "tax", "total"],
  "properties": {
    "subtotal": {"$ref": "#/components/schemas/Money"},
    "discount": {"$ref": "#/components/schemas/Money"},
    "shipping": {"$ref": "#/components/schemas/Money"},
    "tax": {"$ref": "#/components/schemas/Money"},
    "total": {"$ref": "#/components/schemas/Money"}
  }
})json";

inline constexpr std::string_view kCartAddress = R"json({
  "allOf": [
    {"$ref": "#/components/schemas/PostalAddress"},
    {
      "type": "object",
      "required": ["saved_address_id"],
      "properties": {
        "saved_address_id": {"type": ["string", "null"], "format": "uuid", "description": "The saved address it was taken from"}
      }
    }
  ]
})json";

inline constexpr std::string_view kCartShippingOption = R"json({
  "type": "object",
  "required": ["id", "name", "price"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "name": {"type": "string"},
    "price": {"$ref": "#/components/schemas/Money", "description": "For this cart"}
  }
})json";

inline constexpr std::string_view kCartShippingOptions = R"json({
  "type": "object",
  "required": ["items"],
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/CartShippingOption"}}}
})json";

inline constexpr std::string_view kCart = R"json({
  "type": "object",
  "description": "A cart priced now; its version is also its ETag.",
  "required": ["id", "status", "version", "currency", "locale", "customer_id", "lines", "saved", "shipping_address",
               "billing_address", "shipping_options", "shipping_method", "discount_codes", "totals", "problems",
               "merged_into", "created_at", "updated_at", "expires_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "token": {"type": "string", "description": "A new guest cart's secret, shown this once: send it as X-Cart-Token"},
    "status": {"enum": ["active", "merged", "checked_out", "expired"]},
    "version": {"type": "integer", "minimum": 1},
    "currency": {"type": "string"},
    "locale": {"type": "string"},
    "customer_id": {"type": ["string", "null"], "format": "uuid", "description": "null for a guest cart"},
    "lines": {
      "type": "array",
      "items": {
        "allOf": [
          {"$ref": "#/components/schemas/CartLine"},
          {
            "type": "object",
            "required": ["amounts"],
            "properties": {
              "amounts": {"anyOf": [{"$ref": "#/components/schemas/CartAmounts"}, {"type": "null"}],
                          "description": "null when the line is not counted (not for sale)"}
            }
          }
        ]
      }
    },
    "saved": {"type": "array", "items": {"$ref": "#/components/schemas/CartLine"}},
    "shipping_address": {"anyOf": [{"$ref": "#/components/schemas/CartAddress"}, {"type": "null"}]},
    "billing_address": {"anyOf": [{"$ref": "#/components/schemas/CartAddress"}, {"type": "null"}]},
    "shipping_options": {"type": "array", "items": {"$ref": "#/components/schemas/CartShippingOption"}},
    "shipping_method": {"anyOf": [{"$ref": "#/components/schemas/CartShippingOption"}, {"type": "null"}],
                        "description": "The chosen method while it ships this cart"},
    "discount_codes": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["code", "applies", "amount", "reason"],
        "properties": {
          "code": {"type": "string"},
          "applies": {"type": "boolean"},
          "amount": {"$ref": "#/components/schemas/Money"},
          "reason": {
            "type": ["string", "null"],
            "description": "Why it does not apply: inactive, not_started, expired, unknown, currency_not_supported, usage_limit_reached, customer_limit_reached, no_eligible_lines, minimum_not_met or duplicate"
          }
        }
      }
    },
    "totals": {
      "allOf": [
        {"$ref": "#/components/schemas/CartAmounts"},
        {"type": "object", "required": ["tax_inclusive"], "properties": {"tax_inclusive": {"type": "boolean"}}}
      ]
    },
    "problems": {
      "type": "array",
      "description": "What the shopper should know before checking out",
      "items": {
        "type": "object",
        "required": ["code", "sku", "message"],
        "properties": {
          "code": {
            "enum": ["price_changed", "out_of_stock", "short", "not_for_sale", "unknown_sku",
                     "shipping_method_unavailable", "discount_not_applied"]
          },
          "sku": {"type": ["string", "null"], "description": "null for the cart as a whole"},
          "message": {"type": "string"}
        }
      }
    },
    "merged_into": {"type": ["string", "null"], "format": "uuid"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"},
    "expires_at": {"type": "string", "format": "date-time"}
  }
})json";

inline constexpr std::string_view kNewCart = R"json({
  "type": "object",
  "required": ["currency"],
  "additionalProperties": false,
  "properties": {
    "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "An ISO 4217 code the shop knows"},
    "locale": {"type": "string", "minLength": 1, "maxLength": 12, "examples": ["en"]}
  }
})json";

inline constexpr std::string_view kSku = R"json({
  "type": "object",
  "required": ["sku"],
  "additionalProperties": false,
  "properties": {"sku": {"type": "string", "minLength": 1, "maxLength": 64}}
})json";

inline constexpr std::string_view kShippingMethodChoice = R"json({
  "type": "object",
  "required": ["id"],
  "additionalProperties": false,
  "properties": {"id": {"type": "string", "minLength": 1, "maxLength": 64, "description": "A shipping option's id"}}
})json";

inline constexpr std::string_view kDiscountCodeEntry = R"json({
  "type": "object",
  "required": ["code"],
  "additionalProperties": false,
  "properties": {"code": {"type": "string", "minLength": 1, "maxLength": 64, "description": "In any case"}}
})json";

// A saved address of the signed-in customer, or an address given in full (judged as the user module
// judges addresses).
inline constexpr std::string_view kAddressInput = R"json({
  "oneOf": [
    {
      "type": "object",
      "required": ["saved_address_id"],
      "additionalProperties": false,
      "properties": {"saved_address_id": {"type": "string", "minLength": 1, "maxLength": 36}}
    },
    {
      "type": "object",
      "required": ["recipient", "line1", "city", "country"],
      "additionalProperties": false,
      "properties": {
        "recipient": {"type": "string", "minLength": 1, "maxLength": 200},
        "line1": {"type": "string", "minLength": 1, "maxLength": 200},
        "line2": {"type": "string", "maxLength": 200},
        "city": {"type": "string", "minLength": 1, "maxLength": 100},
        "region": {"type": "string", "maxLength": 100},
        "postal_code": {"type": "string", "maxLength": 20, "description": "Required in AU, CA, CH, DE, ES, FR, GB, IN, IT, JP, NL and US"},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "phone": {"type": "string", "description": "E.164, such as +14155550123; may be empty"}
      }
    }
  ]
})json";

// Bodies whose bounds come from the cart's caps (config cart.caps).
inline std::string new_line(std::int64_t max_quantity) {
  return R"json({"type": "object", "required": ["sku", "quantity"], "additionalProperties": false, "properties": {
    "sku": {"type": "string", "minLength": 1, "maxLength": 64},
    "quantity": {"type": "integer", "minimum": 1, "maximum": )json" +
         std::to_string(max_quantity) +
         R"json(, "description": "Added to the line's quantity if the SKU has one"}}})json";
}
inline std::string quantity_change(std::int64_t max_quantity) {
  return R"json({"type": "object", "required": ["quantity"], "additionalProperties": false, "properties": {
    "quantity": {"type": "integer", "minimum": 0, "maximum": )json" +
         std::to_string(max_quantity) + R"json(, "description": "0 removes the line"}}})json";
}

inline constexpr std::string_view kCartToken = R"json(
  {"name": "X-Cart-Token", "in": "header", "description": "A guest cart's token, from its creation",
   "schema": {"type": "string"}})json";

inline constexpr std::string_view kIfMatch = R"json(
  {"name": "If-Match", "in": "header", "description": "The cart version (its ETag) the change was made on: 412 when the cart has changed since",
   "schema": {"type": "string", "pattern": "^(W/)?(\"[0-9]{1,18}\"|[0-9]{1,18})$", "examples": ["\"3\""]}})json";

}  // namespace agora::cart::schemas
