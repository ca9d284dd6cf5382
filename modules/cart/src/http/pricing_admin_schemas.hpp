#pragma once
// The pricing admin API's rules as JSON Schema, for the API document (GET /api/v1/openapi.json):
// each rule as pricing_admin_json.cpp writes it, and as its POST and PATCH bodies may set it
// (<Name>Input: every key it reads, none required; a POST names the required ones beside it).
#include <string_view>

namespace agora::cart::schemas {

inline constexpr std::string_view kTaxRate = R"json({
  "type": "object",
  "required": ["id", "country", "region", "category", "rate_ppm"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "country": {"type": "string"},
    "region": {"type": "string", "description": "Empty: the whole country"},
    "category": {"enum": ["standard", "reduced", "zero"]},
    "rate_ppm": {"type": "integer", "description": "Parts per million: 190000 is 19 %"}
  }
})json";

inline constexpr std::string_view kTaxRateInput = R"json({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "country": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2"},
    "region": {"type": "string", "pattern": "^[A-Z0-9]{0,3}$", "description": "ISO 3166-2 subdivision without its country, such as NY; empty for none"},
    "category": {"enum": ["standard", "reduced", "zero"]},
    "rate_ppm": {"type": "integer", "minimum": 0, "maximum": 1000000}
  }
})json";
inline constexpr std::string_view kTaxRateRequired = R"(["country", "category", "rate_ppm"])";

inline constexpr std::string_view kTaxSettings = R"json({
  "type": "object",
  "required": ["tax_inclusive_currencies", "tax_inclusive_countries"],
  "properties": {
    "tax_inclusive_currencies": {"type": "array", "items": {"type": "string"}, "description": "Prices in these currencies include tax"},
    "tax_inclusive_countries": {"type": "array", "items": {"type": "string"}, "description": "Prices shipped to these countries include tax"}
  }
})json";

inline constexpr std::string_view kTaxSettingsInput = R"json({
  "type": "object",
  "additionalProperties": false,
  "description": "Replaces the settings whole: a list left out is emptied",
  "properties": {
    "tax_inclusive_currencies": {"type": "array", "maxItems": 1000, "items": {"type": "string", "pattern": "^[A-Z]{3}$"}},
    "tax_inclusive_countries": {"type": "array", "maxItems": 1000, "items": {"type": "string", "pattern": "^[A-Z]{2}$"}}
  }
})json";

inline constexpr std::string_view kShippingZone = R"json({
  "type": "object",
  "required": ["id", "name", "areas"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "name": {"type": "string"},
    "areas": {
      "type": "array",
      "items": {"type": "object", "required": ["country", "region"], "properties": {"country": {"type": "string"}, "region": {"type": "string"}}}
    }
  }
})json";

inline constexpr std::string_view kShippingZoneInput = R"json({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "name": {"type": "string", "minLength": 1, "maxLength": 200},
    "areas": {
      "type": "array",
      "minItems": 1,
      "maxItems": 1000,
      "items": {
        "type": "object",
        "required": ["country"],
        "additionalProperties": false,
        "properties": {
          "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
          "region": {"type": "string", "pattern": "^[A-Z0-9]{0,3}$", "description": "Empty: the whole country"}
        }
      }
    }
  }
})json";
inline constexpr std::string_view kShippingZoneRequired = R"(["name", "areas"])";

inline constexpr std::string_view kShippingMethod = R"json({
  "type": "object",
  "required": ["id", "zone_id", "name", "currency", "flat_price", "bands", "free_over", "active"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "zone_id": {"type": "string", "format": "uuid"},
    "name": {"type": "string"},
    "currency": {"type": "string"},
    "flat_price": {"type": "integer", "description": "Minor units of currency"},
    "bands": {
      "type": "array",
      "items": {"type": "object", "required": ["up_to_grams", "price"], "properties": {"up_to_grams": {"type": "integer"}, "price": {"type": "integer"}}}
    },
    "free_over": {"type": ["integer", "null"], "description": "Free from this subtotal on (minor units)"},
    "active": {"type": "boolean"}
  }
})json";

inline constexpr std::string_view kShippingMethodInput = R"json({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "zone_id": {"type": "string", "maxLength": 64, "description": "A shipping zone's id"},
    "name": {"type": "string", "minLength": 1, "maxLength": 200},
    "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217: the prices' currency"},
    "flat_price": {"type": "integer", "minimum": 0, "maximum": 1000000000000, "default": 0},
    "bands": {
      "type": "array",
      "maxItems": 1000,
      "description": "Prices by weight, up_to_grams ascending",
      "items": {
        "type": "object",
        "required": ["up_to_grams", "price"],
        "additionalProperties": false,
        "properties": {
          "up_to_grams": {"type": "integer", "minimum": 1, "maximum": 1000000000},
          "price": {"type": "integer", "minimum": 0, "maximum": 1000000000000}
        }
      }
    },
    "free_over": {"type": ["integer", "null"], "minimum": 0, "maximum": 1000000000000},
    "active": {"type": "boolean", "default": true}
  }
})json";
inline constexpr std::string_view kShippingMethodRequired = R"(["zone_id", "name", "currency"])";

inline constexpr std::string_view kDiscountCode = R"json({
  "type": "object",
  "required": ["code", "kind", "percent_bp", "amounts", "minimum_subtotal", "starts_at", "ends_at", "usage_limit",
               "per_customer_limit", "used", "skus", "category_ids", "active"],
  "properties": {
    "code": {"type": "string", "description": "Upper case"},
    "kind": {"enum": ["percentage", "fixed"]},
    "percent_bp": {"type": "integer", "description": "Basis points off (percentage codes): 1500 is 15 %"},
    "amounts": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "Minor units off by currency (fixed codes)"},
    "minimum_subtotal": {"type": "object", "additionalProperties": {"type": "integer"}},
    "starts_at": {"type": ["string", "null"], "format": "date-time"},
    "ends_at": {"type": ["string", "null"], "format": "date-time"},
    "usage_limit": {"type": ["integer", "null"]},
    "per_customer_limit": {"type": ["integer", "null"]},
    "used": {"type": "integer", "description": "Redemptions so far"},
    "skus": {"type": "array", "items": {"type": "string"}, "description": "Empty (with category_ids): every line"},
    "category_ids": {"type": "array", "items": {"type": "string"}},
    "active": {"type": "boolean"}
  }
})json";

inline constexpr std::string_view kDiscountCodeInput = R"json({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "code": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$", "description": "Stored in upper case; POST only"},
    "kind": {"enum": ["percentage", "fixed"]},
    "percent_bp": {"type": "integer", "minimum": 0, "maximum": 10000, "description": "Percentage codes: 1 to 10000; fixed: 0 or left out"},
    "amounts": {
      "type": "object",
      "propertyNames": {"pattern": "^[A-Z]{3}$"},
      "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 1000000000000},
      "description": "Fixed codes: the amount off in each currency it serves (at least one); percentage: left out or empty"
    },
    "minimum_subtotal": {
      "type": "object",
      "propertyNames": {"pattern": "^[A-Z]{3}$"},
      "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 1000000000000}
    },
    "starts_at": {"type": ["string", "null"], "format": "date-time"},
    "ends_at": {"type": ["string", "null"], "format": "date-time", "description": "After starts_at"},
    "usage_limit": {"type": ["integer", "null"], "minimum": 1, "maximum": 1000000000000},
    "per_customer_limit": {"type": ["integer", "null"], "minimum": 1, "maximum": 1000000000000},
    "skus": {"type": "array", "maxItems": 1000, "items": {"type": "string", "minLength": 1, "maxLength": 200}},
    "category_ids": {"type": "array", "maxItems": 1000, "items": {"type": "string", "minLength": 1, "maxLength": 200}},
    "active": {"type": "boolean", "default": true}
  }
})json";
inline constexpr std::string_view kDiscountCodeRequired = R"(["code", "kind"])";

inline constexpr std::string_view kDiscountCodeUsage = R"json({
  "type": "object",
  "required": ["code", "used", "usage_limit", "per_customer_limit", "customers"],
  "properties": {
    "code": {"type": "string"},
    "used": {"type": "integer"},
    "usage_limit": {"type": ["integer", "null"]},
    "per_customer_limit": {"type": ["integer", "null"]},
    "customers": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["customer_id", "redemptions"],
        "properties": {"customer_id": {"type": "string"}, "redemptions": {"type": "integer"}}
      }
    }
  }
})json";

}  // namespace agora::cart::schemas
