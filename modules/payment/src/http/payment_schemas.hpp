#pragma once
// What the payment routes read and answer, as JSON Schema for the API document (GET /api/v1/openapi.json):
// payments as payment_json.cpp writes them, a refund as refund_json.cpp reads it, and the gateways'
// webhook events as the gateways send them.
#include <string_view>

namespace agora::payment {

inline constexpr std::string_view kPaymentCallSchema = R"json({
  "type": "object",
  "description": "One call to the gateway: its id is the idempotency key the gateway was sent.",
  "required": ["id", "kind", "amount", "status", "attempts", "last_error", "gateway_ref", "created_at", "finished_at",
               "reason"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "kind": {"enum": ["authorize", "confirm", "capture", "void", "refund"]},
    "amount": {"$ref": "#/components/schemas/Money"},
    "status": {"enum": ["started", "succeeded", "failed"]},
    "attempts": {"type": "integer"},
    "last_error": {"type": ["string", "null"]},
    "gateway_ref": {"type": ["string", "null"], "description": "The gateway's id for what the call made"},
    "created_at": {"type": "string", "format": "date-time"},
    "finished_at": {"type": ["string", "null"], "format": "date-time"},
    "reason": {"type": ["string", "null"], "description": "A staff refund's reason"}
  }
})json";

inline constexpr std::string_view kPaymentSchema = R"json({
  "type": "object",
  "description": "An order's payment and every call made to its gateway. The buyer's token is never shown.",
  "required": ["id", "order_id", "customer_id", "email", "gateway", "status", "amount", "captured", "refunded",
               "gateway_ref", "action_url", "failure", "cancel_requested", "created_at", "updated_at", "authorized_at",
               "captured_at", "calls"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "order_id": {"type": "string", "format": "uuid"},
    "customer_id": {"type": ["string", "null"], "format": "uuid", "description": "null for a guest's order"},
    "email": {"type": "string"},
    "gateway": {"type": "string", "examples": ["stripe"]},
    "status": {"enum": ["authorizing", "requires_action", "authorized", "capturing", "captured", "voiding", "voided",
                        "failed", "refunding", "refunded"],
               "description": "A status ending in -ing has a call out"},
    "amount": {"$ref": "#/components/schemas/Money"},
    "captured": {"$ref": "#/components/schemas/Money"},
    "refunded": {"$ref": "#/components/schemas/Money"},
    "gateway_ref": {"type": ["string", "null"], "description": "The gateway's id for the payment"},
    "action_url": {"type": ["string", "null"], "description": "Where the buyer acts (3-D Secure, PayPal's approval)"},
    "failure": {
      "type": ["object", "null"],
      "required": ["code", "message"],
      "properties": {"code": {"type": "string", "examples": ["card_declined"]}, "message": {"type": "string"}}
    },
    "cancel_requested": {"type": "boolean", "description": "The order was cancelled while a call was out"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"},
    "authorized_at": {"type": ["string", "null"], "format": "date-time"},
    "captured_at": {"type": ["string", "null"], "format": "date-time"},
    "calls": {"type": "array", "items": {"$ref": "#/components/schemas/PaymentCall"}}
  }
})json";

inline constexpr std::string_view kPaymentsOfOrder = R"json({
  "type": "object",
  "required": ["items"],
  "properties": {
    "items": {"type": "array", "maxItems": 1, "items": {"$ref": "#/components/schemas/Payment"},
              "description": "The order's payment; empty when it has none"}
  }
})json";

inline constexpr std::string_view kOrderIdParameter = R"json([
  {"name": "order_id", "in": "query", "required": true, "schema": {"type": "string", "format": "uuid"}}
])json";

// A refund requires the key (the router's shared Idempotency-Key parameter is optional).
inline constexpr std::string_view kRefundParameters = R"json([
  {"name": "Idempotency-Key", "in": "header", "required": true,
   "description": "A fresh value (a UUID) per refund, the same on its retries: a repeat with the same body replays the first answer; the key on another body answers 422; a repeat while the first is in flight answers 409.",
   "schema": {"type": "string", "minLength": 1, "maxLength": 255, "description": "Printable ASCII"}}
])json";

inline constexpr std::string_view kRefundRequest = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["amount"],
  "properties": {
    "amount": {"type": "integer", "minimum": 1,
               "description": "Minor units of the payment's currency, at most what is left of the capture"},
    "reason": {"type": "string", "minLength": 1, "maxLength": 500, "description": "Kept on the refund's call; line breaks allowed"}
  }
})json";

inline constexpr std::string_view kRefundStarted = R"json({
  "type": "object",
  "required": ["refund_id", "payment"],
  "properties": {
    "refund_id": {"type": "string", "format": "uuid", "description": "The refund's call: the refund_id payment.refunded names"},
    "payment": {"$ref": "#/components/schemas/Payment"}
  }
})json";

inline constexpr std::string_view kBuyerReturned = R"json({
  "type": "object",
  "required": ["order_id", "status"],
  "properties": {
    "order_id": {"type": "string", "format": "uuid"},
    "status": {"enum": ["authorizing", "requires_action", "authorized", "capturing", "captured", "voiding", "voided",
                        "failed", "refunding", "refunded"],
               "description": "The payment's status: authorizing when this started its confirmation"}
  }
})json";

inline constexpr std::string_view kWebhookReceived = R"json({
  "type": "object",
  "required": ["received"],
  "properties": {"received": {"const": true}}
})json";

// The parts of a Stripe event (https://docs.stripe.com/api/events/object) the shop reads; Stripe sends more.
inline constexpr std::string_view kStripeEvent = R"json({
  "type": "object",
  "description": "A Stripe event, as Stripe sends it. payment_intent.amount_capturable_updated, .succeeded, .payment_failed, .canceled and charge.refunded move payments; other types are stored and ignored.",
  "required": ["id", "type"],
  "properties": {
    "id": {"type": "string", "maxLength": 255, "examples": ["evt_1NG8Du2eZvKYlo2CUI79vXWy"]},
    "type": {"type": "string", "examples": ["payment_intent.succeeded"]},
    "data": {
      "type": "object",
      "properties": {"object": {"type": "object", "description": "The PaymentIntent or Charge the event is about"}}
    }
  }
})json";

inline constexpr std::string_view kStripeSignature = R"json([
  {"name": "Stripe-Signature", "in": "header", "required": true,
   "description": "t=<unix seconds>,v1=<HMAC-SHA256 of \"t.body\" with the endpoint's secret>; within 5 minutes of now",
   "schema": {"type": "string"}}
])json";

// The parts of a PayPal webhook event (https://developer.paypal.com/api/rest/webhooks/) the shop reads.
inline constexpr std::string_view kPaypalEvent = R"json({
  "type": "object",
  "description": "A PayPal webhook event, as PayPal sends it. CHECKOUT.ORDER.APPROVED and PAYMENT.AUTHORIZATION.CREATED, .VOIDED, PAYMENT.CAPTURE.COMPLETED, .DENIED, .REFUNDED move payments; other types are stored and ignored.",
  "required": ["id", "event_type"],
  "properties": {
    "id": {"type": "string", "maxLength": 255, "examples": ["WH-58D329510W468432D-8HN650336L201105X"]},
    "event_type": {"type": "string", "examples": ["PAYMENT.CAPTURE.COMPLETED"]},
    "resource": {"type": "object", "description": "The order, authorization, capture or refund the event is about"}
  }
})json";

inline constexpr std::string_view kPaypalTransmission = R"json([
  {"name": "PAYPAL-TRANSMISSION-ID", "in": "header", "required": true, "schema": {"type": "string"}},
  {"name": "PAYPAL-TRANSMISSION-TIME", "in": "header", "required": true, "schema": {"type": "string"}},
  {"name": "PAYPAL-TRANSMISSION-SIG", "in": "header", "required": true, "schema": {"type": "string"}},
  {"name": "PAYPAL-CERT-URL", "in": "header", "required": true, "schema": {"type": "string"}},
  {"name": "PAYPAL-AUTH-ALGO", "in": "header", "required": true, "schema": {"type": "string"}}
])json";

inline constexpr std::string_view kPaymentRef = R"json({"$ref": "#/components/schemas/Payment"})json";

}  // namespace agora::payment
