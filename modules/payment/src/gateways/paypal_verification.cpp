#include "gateways/paypal_verification.hpp"

#include "gateways/json_reading.hpp"

#include <agora/core/error.hpp>
#include <agora/core/json_text.hpp>
#include <agora/core/log.hpp>
#include <boost/json/parse.hpp>

namespace agora::payment {
namespace {

using namespace json_reading;

Error refused(const std::string& message) {
  return Error(ErrorKind::bad_request, "PayPal webhook not verified: " + message);
}

void require(const std::string& value, std::string_view header) {
  if (value.empty()) throw refused("the " + std::string(header) + " header is missing");
}

// The request, with the event written in as received: a valid JSON object, checked before.
std::string verification_request(std::string_view webhook_id, const PaypalTransmission& t, std::string_view event) {
  std::string out;
  json_text::Writer w(out);
  w.open_object()
      .key("auth_algo")
      .text(t.auth_algo)
      .key("cert_url")
      .text(t.cert_url)
      .key("transmission_id")
      .text(t.id)
      .key("transmission_sig")
      .text(t.signature)
      .key("transmission_time")
      .text(t.time)
      .key("webhook_id")
      .text(webhook_id)
      .key("webhook_event");
  out.append(event);
  out += '}';
  return out;
}

}  // namespace

void verify_paypal_delivery(PaypalClient& paypal, std::string_view webhook_id, const PaypalTransmission& transmission,
                            std::string_view body) {
  require(transmission.id, "PAYPAL-TRANSMISSION-ID");
  require(transmission.time, "PAYPAL-TRANSMISSION-TIME");
  require(transmission.signature, "PAYPAL-TRANSMISSION-SIG");
  require(transmission.cert_url, "PAYPAL-CERT-URL");
  require(transmission.auth_algo, "PAYPAL-AUTH-ALGO");
  boost::system::error_code error;
  const auto event = boost::json::parse(body, error);
  if (error || !event.is_object()) throw refused("the body is not a JSON object");

  const auto response =
      paypal.post("/v1/notifications/verify-webhook-signature", verification_request(webhook_id, transmission, body));
  if (response.status == 429 || response.status >= 500)
    throw Error(ErrorKind::unavailable, "PayPal could not verify the webhook now (HTTP " +
                                            std::to_string(response.status) + "); it sends it again");
  const auto answer = boost::json::parse(response.body, error);
  const auto status = error ? std::string() : text(at(&answer, "verification_status"));
  if (response.status == 200 && status == "SUCCESS") return;
  if (response.status != 200)
    // A webhook id PayPal does not know, say: every delivery is refused until a person fixes it.
    log::error("payment: PayPal refused to verify a webhook",
               {{"status", response.status},
                {"transmission_id", transmission.id},
                {"paypal_debug_id", response.header("paypal-debug-id").value_or("")}});
  throw refused(status.empty() ? "PayPal answered HTTP " + std::to_string(response.status)
                               : "PayPal answered " + status);
}

}  // namespace agora::payment
