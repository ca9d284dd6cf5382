#pragma once
// What the order routes read and answer, as JSON Schema for the API document (GET /api/v1/openapi.json):
// the bodies as order_json.cpp's parsers accept them, the answers as its writers write them.
#include <agora/core/http.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace agora::order {

// Units of the order's lines, named by SKU: what a fulfillment shipped or a return took back.
inline constexpr std::string_view kOrderUnitsSchema = R"json({
  "type": "array",
  "items": {
    "type": "object",
    "required": ["sku", "quantity"],
    "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer", "minimum": 1}}
  }
})json";

// An order without its lines, fulfillments and returns: an item of a list.
inline constexpr std::string_view kOrderSummarySchema = R"json({
  "type": "object",
  "description": "An order as a list shows it: GET the order by id for its lines, fulfillments and returns.",
  "required": ["id", "number", "status", "cancel_reason", "customer_id", "email", "currency", "tax_inclusive",
               "subtotal", "discount", "shipping", "tax", "total", "base_total", "rate_locked_at", "shipping_address",
               "billing_address", "shipping_method_id", "discount_codes", "payment", "short_lines", "created_at",
               "placed_at", "paid_at", "cancelled_at", "delivered_at", "completed_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "number": {"type": ["string", "null"], "description": "The order number, e.g. EU-100042; null until placed",
               "examples": ["EU-100042"]},
    "status": {"enum": ["pending", "awaiting_payment", "placed", "partially_fulfilled", "fulfilled", "delivered",
                        "completed", "cancelled"]},
    "cancel_reason": {"type": ["string", "null"], "description": "Why it was cancelled (customer, staff, payment_failed, out_of_stock, ...)"},
    "customer_id": {"type": ["string", "null"], "format": "uuid", "description": "null for a guest's order"},
    "email": {"type": "string"},
    "order_token": {"type": "string", "description": "A guest's, in the checkout's answer only: send it as X-Order-Token to read the order"},
    "currency": {"type": "string", "description": "ISO 4217"},
    "tax_inclusive": {"type": "boolean", "description": "Prices include their tax"},
    "subtotal": {"$ref": "#/components/schemas/Money"},
    "discount": {"$ref": "#/components/schemas/Money"},
    "shipping": {"$ref": "#/components/schemas/Money"},
    "tax": {"$ref": "#/components/schemas/Money"},
    "total": {"$ref": "#/components/schemas/Money"},
    "base_total": {"anyOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}],
                   "description": "The total in the shop's base currency at the locked rate; null when no rate was known"},
    "rate_locked_at": {"type": "string", "format": "date-time"},
    "shipping_address": {"$ref": "#/components/schemas/PostalAddress"},
    "billing_address": {"anyOf": [{"$ref": "#/components/schemas/PostalAddress"}, {"type": "null"}]},
    "shipping_method_id": {"type": ["string", "null"]},
    "discount_codes": {"type": "array", "items": {"type": "string"}},
    "payment": {
      "type": "object",
      "required": ["gateway", "status", "payment_id", "action", "captured", "refunded"],
      "properties": {
        "gateway": {"type": "string", "examples": ["stripe"]},
        "status": {"enum": ["not_started", "pending", "requires_action", "authorized", "paid", "failed", "voided",
                            "partially_refunded", "refunded"]},
        "payment_id": {"type": ["string", "null"], "format": "uuid"},
        "action": {
          "type": ["object", "null"],
          "description": "What the buyer must do for the payment (3-D Secure, PayPal's approval); null when nothing",
          "required": ["type", "url"],
          "properties": {"type": {"const": "redirect"}, "url": {"type": "string"}}
        },
        "captured": {"$ref": "#/components/schemas/Money"},
        "refunded": {"$ref": "#/components/schemas/Money"}
      }
    },
    "short_lines": {
      "type": "array",
      "description": "The lines the stock could not cover, when it was cancelled for them",
      "items": {
        "type": "object",
        "required": ["sku", "requested", "available"],
        "properties": {"sku": {"type": "string"}, "requested": {"type": "integer"}, "available": {"type": "integer"}}
      }
    },
    "created_at": {"type": "string", "format": "date-time"},
    "placed_at": {"type": ["string", "null"], "format": "date-time"},
    "paid_at": {"type": ["string", "null"], "format": "date-time"},
    "cancelled_at": {"type": ["string", "null"], "format": "date-time"},
    "delivered_at": {"type": ["string", "null"], "format": "date-time"},
    "completed_at": {"type": ["string", "null"], "format": "date-time"}
  }
})json";

inline constexpr std::string_view kOrderSchema = R"json({
  "description": "An order with its lines, fulfillments and returns.",
  "allOf": [
    {"$ref": "#/components/schemas/OrderSummary"},
    {
      "type": "object",
      "required": ["lines", "fulfillments", "returns"],
      "properties": {
        "lines": {
          "type": "array",
          "items": {
            "type": "object",
            "description": "A line as bought, in the order's currency",
            "required": ["sku", "product_id", "title", "quantity", "unit_price", "price_converted", "subtotal",
                         "discount", "shipping", "tax", "total"],
            "properties": {
              "sku": {"type": "string"},
              "product_id": {"type": "string", "format": "uuid"},
              "title": {"type": "string"},
              "quantity": {"type": "integer"},
              "unit_price": {"$ref": "#/components/schemas/Money"},
              "price_converted": {"type": "boolean", "description": "No price in the order's currency: converted at the locked rate"},
              "subtotal": {"$ref": "#/components/schemas/Money"},
              "discount": {"$ref": "#/components/schemas/Money"},
              "shipping": {"$ref": "#/components/schemas/Money"},
              "tax": {"$ref": "#/components/schemas/Money"},
              "total": {"$ref": "#/components/schemas/Money"}
            }
          }
        },
        "fulfillments": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "carrier", "tracking_number", "created_at", "delivered_at", "lines"],
            "properties": {
              "id": {"type": "string", "format": "uuid"},
              "carrier": {"type": "string"},
              "tracking_number": {"type": "string"},
              "created_at": {"type": "string", "format": "date-time"},
              "delivered_at": {"type": ["string", "null"], "format": "date-time"},
              "lines": {"$ref": "#/components/schemas/OrderUnits"}
            }
          }
        },
        "returns": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "status", "reason", "refund", "created_at", "received_at", "lines"],
            "properties": {
              "id": {"type": "string", "format": "uuid"},
              "status": {"enum": ["requested", "received"]},
              "reason": {"type": "string"},
              "refund": {"$ref": "#/components/schemas/Money", "description": "What it gives back: 0 until received"},
              "created_at": {"type": "string", "format": "date-time"},
              "received_at": {"type": ["string", "null"], "format": "date-time"},
              "lines": {"$ref": "#/components/schemas/OrderUnits"}
            }
          }
        }
      }
    }
  ]
})json";

inline constexpr std::string_view kOrderPageSchema = R"json({
  "type": "object",
  "required": ["items", "next_cursor"],
  "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/OrderSummary"}},
    "next_cursor": {"type": ["string", "null"], "description": "The cursor of the next page; null on the last"}
  }
})json";

inline constexpr std::string_view kCheckoutRequest = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["cart_id", "payment"],
  "properties": {
    "cart_id": {"type": "string", "format": "uuid", "description": "The active cart to buy (a guest's with its X-Cart-Token)"},
    "email": {"type": "string", "minLength": 1, "maxLength": 254,
              "description": "Where the order is sent: required for a guest, a customer's account email otherwise"},
    "payment": {
      "type": "object",
      "additionalProperties": false,
      "required": ["gateway"],
      "properties": {
        "gateway": {"type": "string", "minLength": 1, "maxLength": 32, "description": "One of the shop's gateways",
                    "examples": ["sandbox"]},
        "token": {"type": "string", "minLength": 1, "maxLength": 255,
                  "description": "The gateway's token for the buyer's payment method, never a card number"},
        "return_url": {"type": "string", "minLength": 1, "maxLength": 2048,
                       "description": "Where the gateway sends the buyer back after its page (3-D Secure, PayPal)"}
      }
    }
  }
})json";

inline constexpr std::string_view kCheckoutParameters = R"json(
  {"name": "Idempotency-Key", "in": "header", "required": true,
   "description": "A fresh value (a UUID) per checkout, the same on its retries: a repeat with the same body answers the order made; the key on another body answers 422.",
   "schema": {"type": "string", "minLength": 1, "maxLength": 255, "description": "Visible ASCII"}},
  {"name": "X-Cart-Token", "in": "header", "description": "A guest's cart token (a signed-in customer's cart needs none)",
   "schema": {"type": "string"}})json";

// "lines": [{sku, quantity}] of a fulfillment or a return request (ship_lines in order_json.cpp).
inline constexpr std::string_view kShipLinesSchema = R"json({
  "type": "array",
  "minItems": 1,
  "maxItems": 100,
  "items": {
    "type": "object",
    "additionalProperties": false,
    "required": ["sku", "quantity"],
    "properties": {
      "sku": {"type": "string", "minLength": 1, "maxLength": 100, "description": "A line of the order"},
      "quantity": {"type": "integer", "minimum": 1, "maximum": 1000000}
    }
  }
})json";

inline constexpr std::string_view kNewFulfillment = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["carrier", "tracking_number"],
  "properties": {
    "carrier": {"type": "string", "minLength": 1, "maxLength": 100},
    "tracking_number": {"type": "string", "minLength": 1, "maxLength": 100},
    "lines": {"$ref": "#/components/schemas/OrderShipLines", "description": "Leave it out for every unit not shipped yet"}
  }
})json";

inline constexpr std::string_view kNewReturn = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["lines"],
  "properties": {
    "lines": {"$ref": "#/components/schemas/OrderShipLines", "description": "Shipped units not returned yet"},
    "reason": {"type": "string", "maxLength": 500, "description": "Line breaks allowed"}
  }
})json";

inline constexpr std::string_view kOrderTokenParameter = R"json(
  {"name": "X-Order-Token", "in": "header",
   "description": "A guest's order token (order_token of the checkout's answer); a signed-in buyer or staff need none",
   "schema": {"type": "string"}})json";

inline constexpr std::string_view kPageParameters = R"json(
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
  {"name": "cursor", "in": "query", "description": "next_cursor of the page before", "schema": {"type": "string"}})json";

inline constexpr std::string_view kOrderSearchParameters = R"json(
  {"name": "customer_id", "in": "query", "schema": {"type": "string", "format": "uuid"}},
  {"name": "status", "in": "query",
   "schema": {"enum": ["pending", "awaiting_payment", "placed", "partially_fulfilled", "fulfilled", "delivered",
                       "completed", "cancelled"]}},
  {"name": "email", "in": "query", "description": "The buyer's email, exactly (any case)", "schema": {"type": "string"}},
  {"name": "number", "in": "query", "description": "The order number, exactly", "schema": {"type": "string"}})json";

// A JSON array of the parameter objects of these lists (the k...Parameter(s) texts above).
inline std::string parameters(std::initializer_list<std::string_view> lists) {
  std::string out = "[";
  for (const auto list : lists) out.append(out.size() > 1 ? "," : "").append(list);
  return out + "]";
}

inline constexpr std::string_view kOrderRef = R"json({"$ref": "#/components/schemas/Order"})json";
inline constexpr std::string_view kOrderPageRef = R"json({"$ref": "#/components/schemas/OrderPage"})json";

// Declares the order's named schemas once, for every order route to refer to.
inline void add_order_schemas(http::Router& router) {
  router.schema("OrderUnits", kOrderUnitsSchema);
  router.schema("OrderSummary", kOrderSummarySchema);
  router.schema("Order", kOrderSchema);
  router.schema("OrderPage", kOrderPageSchema);
  router.schema("OrderShipLines", kShipLinesSchema);
}

}  // namespace agora::order
