#pragma once
// The admin product routes' bodies and answers as JSON Schema, for the API document
// (GET /api/v1/openapi.json): what product_json.cpp reads and writes.
#include <string>
#include <string_view>

namespace agora::catalog::schemas {

// Names to short values: a product's attributes, a variant's options.
inline constexpr std::string_view kCatalogPairs = R"json({
  "type": "object",
  "description": "Names (a lower-case letter, then lower-case letters, digits and _) to values of 1 to 200 bytes",
  "maxProperties": 50,
  "propertyNames": {"pattern": "^[a-z][a-z0-9_]{0,39}$"},
  "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 200},
  "examples": [{"material": "linen"}]
})json";

inline constexpr std::string_view kProductImage = R"json({
  "type": "object",
  "required": ["url"],
  "properties": {
    "url": {"type": "string", "maxLength": 2000, "pattern": "^https?://\\S+$"},
    "alt": {"type": ["string", "null"], "maxLength": 200}
  },
  "additionalProperties": false
})json";

inline constexpr std::string_view kProductTexts = R"json({
  "type": "object",
  "description": "Title and description by locale (en, de-CH, ...); a product has them in its default locale",
  "minProperties": 1,
  "maxProperties": 100,
  "propertyNames": {"maxLength": 35, "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
  "additionalProperties": {
    "type": "object",
    "required": ["title"],
    "properties": {
      "title": {"type": "string", "minLength": 1, "maxLength": 200},
      "description": {"type": ["string", "null"], "maxLength": 10000, "description": "Line breaks allowed"}
    },
    "additionalProperties": false
  }
})json";

inline constexpr std::string_view kProductPrice = R"json({
  "type": "object",
  "description": "An entry of a variant's price list: a regular price (no starts_at or ends_at; one per currency) or a sale (a window). Absent fields are unset.",
  "required": ["currency", "amount"],
  "properties": {
    "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217"},
    "amount": {"type": "integer", "minimum": 0, "maximum": 1000000000000, "description": "Minor units"},
    "compare_at": {"type": ["integer", "null"], "minimum": 0, "maximum": 1000000000000,
                   "description": "The \"was\" price: more than amount"},
    "starts_at": {"type": ["string", "null"], "format": "date-time"},
    "ends_at": {"type": ["string", "null"], "format": "date-time", "description": "After starts_at"}
  },
  "additionalProperties": false
})json";

inline constexpr std::string_view kProductPriceList = R"json({
  "type": "array",
  "description": "With a regular price in the shop's base currency",
  "minItems": 1,
  "maxItems": 100,
  "items": {"$ref": "#/components/schemas/ProductPrice"}
})json";

inline constexpr std::string_view kProductDimensions = R"json({
  "type": "object",
  "description": "Set together: a size left out of a body is cleared",
  "properties": {
    "length_mm": {"type": ["integer", "null"], "minimum": 0, "maximum": 10000000},
    "width_mm": {"type": ["integer", "null"], "minimum": 0, "maximum": 10000000},
    "height_mm": {"type": ["integer", "null"], "minimum": 0, "maximum": 10000000}
  },
  "additionalProperties": false
})json";

// The product-level fields a create body, a PATCH and a product share: the properties of each.
inline constexpr std::string_view kProductFieldProperties = R"json(
    "slug": {"type": "string", "maxLength": 120, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "examples": ["linen-shirt"]},
    "status": {"type": "string", "enum": ["draft", "active", "archived"], "description": "Shoppers see active products only"},
    "brand": {"type": ["string", "null"], "maxLength": 100},
    "category_id": {"type": ["string", "null"], "format": "uuid"},
    "tax_category": {"type": "string", "enum": ["standard", "reduced", "zero"], "description": "standard unless set"},
    "attributes": {"$ref": "#/components/schemas/CatalogPairs"},
    "images": {"type": ["array", "null"], "maxItems": 20, "items": {"$ref": "#/components/schemas/ProductImage"}},
    "default_locale": {"type": "string", "maxLength": 35, "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", "examples": ["en"]},
    "texts": {"$ref": "#/components/schemas/ProductTexts"})json";

inline constexpr std::string_view kProductVariantCreate = R"json({
  "type": "object",
  "required": ["sku", "prices"],
  "properties": {
    "sku": {"type": "string", "maxLength": 64, "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"},
    "options": {"anyOf": [{"$ref": "#/components/schemas/CatalogPairs"}, {"type": "null"}], "examples": [{"size": "M"}]},
    "weight_grams": {"type": ["integer", "null"], "minimum": 0, "maximum": 10000000},
    "dimensions": {"anyOf": [{"$ref": "#/components/schemas/ProductDimensions"}, {"type": "null"}]},
    "prices": {"$ref": "#/components/schemas/ProductPriceList"}
  },
  "additionalProperties": false
})json";

inline constexpr std::string_view kProductVariantPatch = R"json({
  "type": "object",
  "description": "A variant's options and measures: its SKU stays, its prices have their own route",
  "properties": {
    "options": {"$ref": "#/components/schemas/CatalogPairs"},
    "weight_grams": {"type": ["integer", "null"], "minimum": 0, "maximum": 10000000, "description": "null clears it"},
    "dimensions": {"anyOf": [{"$ref": "#/components/schemas/ProductDimensions"}, {"type": "null"}],
                   "description": "null clears all three"}
  },
  "additionalProperties": false
})json";

inline constexpr std::string_view kProductVariant = R"json({
  "type": "object",
  "required": ["id", "sku", "options", "prices"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "sku": {"type": "string"},
    "options": {"$ref": "#/components/schemas/CatalogPairs"},
    "weight_grams": {"type": "integer", "description": "Absent when unknown"},
    "dimensions": {"$ref": "#/components/schemas/ProductDimensions", "description": "Absent when unknown, and so are its sizes"},
    "prices": {"$ref": "#/components/schemas/ProductPriceList"}
  }
})json";

inline std::string product_create() {
  return R"json({
  "type": "object",
  "description": "A new product with its variants; an exported product less its ids and read-only fields is one",
  "required": ["slug", "status", "default_locale", "texts", "variants"],
  "properties": {)json" +
         std::string(kProductFieldProperties) + R"json(,
    "variants": {"type": "array", "minItems": 1, "maxItems": 100, "description": "Each with its own SKU",
                 "items": {"$ref": "#/components/schemas/ProductVariantCreate"}}
  },
  "additionalProperties": false
})json";
}

inline std::string product_patch() {
  return R"json({
  "type": "object",
  "description": "The fields to change (texts replaces every locale); the variants have their own routes",
  "properties": {)json" +
         std::string(kProductFieldProperties) + R"json(},
  "additionalProperties": false
})json";
}

inline std::string product() {
  return R"json({
  "type": "object",
  "description": "A product as admins read and export it, in any status: every locale and the full price lists",
  "required": ["id", "slug", "status", "brand", "category_id", "tax_category", "attributes", "images", "default_locale",
               "texts", "variants", "revision", "created_at", "updated_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},)json" +
         std::string(kProductFieldProperties) + R"json(,
    "variants": {"type": "array", "items": {"$ref": "#/components/schemas/ProductVariant"}},
    "revision": {"type": "integer", "description": "Grows with every change"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"}
  }
})json";
}

}  // namespace agora::catalog::schemas
