#pragma once
// The inventory admin API's bodies and answers as JSON Schema, for the API document
// (GET /api/v1/openapi.json): what warehouse_json.cpp and stock_json.cpp read and write.
#include <string_view>

namespace agora::inventory::schemas {

inline constexpr std::string_view kWarehouse = R"json({
  "type": "object",
  "required": ["id", "code", "name", "region", "address", "priority", "active", "created_at", "updated_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "code": {"type": "string"},
    "name": {"type": "string"},
    "region": {"type": "string", "description": "Matched against a reservation's shipping_region"},
    "address": {"type": "string"},
    "priority": {"type": "integer", "description": "Lower is allocated from first"},
    "active": {"type": "boolean"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"}
  }
})json";

// Every key a warehouse's POST or PATCH body may set; a POST requires code and name, a PATCH
// cannot change the code.
inline constexpr std::string_view kWarehouseInput = R"json({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "code": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,32}$"},
    "name": {"type": "string", "minLength": 1, "maxLength": 200},
    "region": {"type": "string", "maxLength": 64},
    "address": {"type": "string", "maxLength": 1000},
    "priority": {"type": "integer", "minimum": 0, "maximum": 1000000},
    "active": {"type": "boolean"}
  }
})json";

inline constexpr std::string_view kStockRow = R"json({
  "type": "object",
  "description": "A SKU's stock in one warehouse",
  "required": ["sku", "warehouse_id", "warehouse", "on_hand", "reserved", "available", "safety_stock",
               "low_stock_threshold", "updated_at"],
  "properties": {
    "sku": {"type": "string"},
    "warehouse_id": {"type": "string", "format": "uuid"},
    "warehouse": {"type": "string", "description": "The warehouse's code"},
    "on_hand": {"type": "integer"},
    "reserved": {"type": "integer"},
    "available": {"type": "integer", "description": "on_hand less reserved"},
    "safety_stock": {"type": "integer", "description": "Units never offered for sale"},
    "low_stock_threshold": {"type": ["integer", "null"]},
    "updated_at": {"type": "string", "format": "date-time"}
  }
})json";

inline constexpr std::string_view kMovement = R"json({
  "type": "object",
  "description": "A line of the stock ledger",
  "required": ["id", "sku", "warehouse_id", "kind", "on_hand_delta", "reserved_delta", "reservation_id", "actor",
               "reason", "created_at"],
  "properties": {
    "id": {"type": "integer"},
    "sku": {"type": "string"},
    "warehouse_id": {"type": "string", "format": "uuid"},
    "kind": {"enum": ["receive", "adjust", "return", "reserve", "commit", "release"]},
    "on_hand_delta": {"type": "integer"},
    "reserved_delta": {"type": "integer"},
    "reservation_id": {"type": ["string", "null"], "format": "uuid"},
    "actor": {"type": "string", "description": "Who moved the stock: a user id, or the event that did"},
    "reason": {"type": "string"},
    "created_at": {"type": "string", "format": "date-time"}
  }
})json";

inline constexpr std::string_view kMovementPage = R"json({
  "type": "object",
  "required": ["items", "next_cursor"],
  "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/InventoryMovement"}},
    "next_cursor": {"type": ["string", "null"], "description": "The cursor of the next page; null on the last"}
  }
})json";

inline constexpr std::string_view kStockChange = R"json({
  "type": "object",
  "required": ["sku", "warehouse", "kind", "quantity"],
  "additionalProperties": false,
  "properties": {
    "sku": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$", "description": "A SKU of the catalog"},
    "warehouse": {"type": "string", "minLength": 1, "maxLength": 32, "description": "A warehouse's code"},
    "kind": {"enum": ["receive", "adjust", "return"]},
    "quantity": {"type": "integer", "minimum": -1000000000, "maximum": 1000000000,
                 "description": "receive and return: 1 or more; adjust: not 0, negative to remove"},
    "reason": {"type": "string", "maxLength": 500, "description": "Required for an adjustment"}
  }
})json";

inline constexpr std::string_view kStockSettings = R"json({
  "type": "object",
  "additionalProperties": false,
  "description": "What is left out stays as it is",
  "properties": {
    "safety_stock": {"type": "integer", "minimum": 0, "maximum": 1000000000},
    "low_stock_threshold": {"type": ["integer", "null"], "minimum": 0, "maximum": 1000000000, "description": "null removes it"}
  }
})json";

inline constexpr std::string_view kSkuThreshold = R"json({
  "type": "object",
  "required": ["low_stock_threshold"],
  "additionalProperties": false,
  "properties": {
    "low_stock_threshold": {"type": ["integer", "null"], "minimum": 0, "maximum": 1000000000, "description": "null removes it"}
  }
})json";

inline constexpr std::string_view kMovementQuery = R"json([
  {"name": "sku", "in": "query", "description": "Only this SKU's movements", "schema": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"}},
  {"name": "warehouse", "in": "query", "description": "Only this warehouse's (its code)", "schema": {"type": "string"}},
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
  {"name": "cursor", "in": "query", "description": "next_cursor of the page before", "schema": {"type": "string"}}
])json";

}  // namespace agora::inventory::schemas
