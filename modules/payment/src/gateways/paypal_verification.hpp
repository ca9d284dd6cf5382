#pragma once
// PayPal's webhook deliveries verified as PayPal documents it for REST apps: PayPal is asked (POST
// /v1/notifications/verify-webhook-signature) whether it sent the delivery, with its transmission
// headers, our webhook's id and the event exactly as received (re-serialized, an event may no longer
// match what PayPal signed).
#include "gateways/paypal_client.hpp"

#include <string>
#include <string_view>

namespace agora::payment {

// A delivery's transmission headers; "" for one missing.
struct PaypalTransmission {
  std::string id;         // PAYPAL-TRANSMISSION-ID
  std::string time;       // PAYPAL-TRANSMISSION-TIME
  std::string signature;  // PAYPAL-TRANSMISSION-SIG
  std::string cert_url;   // PAYPAL-CERT-URL
  std::string auth_algo;  // PAYPAL-AUTH-ALGO
};

// Throws Error{bad_request} when a header is missing, the body is not a JSON object, or PayPal does
// not answer SUCCESS; Error{unavailable} when PayPal cannot be asked now (no answer, 429, 5xx), so that
// the delivery is refused with a 503 and PayPal sends it again.
void verify_paypal_delivery(PaypalClient& paypal, std::string_view webhook_id, const PaypalTransmission& transmission,
                            std::string_view body);

}  // namespace agora::payment
