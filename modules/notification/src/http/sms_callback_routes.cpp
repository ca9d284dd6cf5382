#include "http/sms_callback_routes.hpp"

#include "domain/channels.hpp"
#include "sms/form.hpp"
#include "sms/twilio_auth.hpp"
#include "sms/twilio_status.hpp"

#include <agora/core/log.hpp>

namespace agora::notification {
namespace {

using http::Request;
using http::Response;

FormFields form_of(const Request& req) {
  const auto type = req.header("content-type").value_or("");
  if (!type.starts_with("application/x-www-form-urlencoded"))
    throw Error(ErrorKind::bad_request, "a status callback is a form (application/x-www-form-urlencoded)");
  auto params = form_decode(req.body);
  if (!params) throw Error(ErrorKind::bad_request, "the form has a % not followed by two hex digits");
  return std::move(*params);
}

constexpr std::string_view kSignatureHeader = R"json([
  {"name": "X-Twilio-Signature", "in": "header", "required": true,
   "description": "Twilio's signature of the callback URL and the form's fields", "schema": {"type": "string"}}
])json";

// Answers 204 once the report is recorded, or was already: Twilio wants a 2xx and nothing else.
Response status_callback(const Request& req, DeliveryReports& reports, const TwilioOptions& twilio) {
  const auto params = form_of(req);
  // The URL Twilio signed is the one it was given, not what this request's Host says.
  if (!twilio_signature_matches(req.header("x-twilio-signature"), twilio.auth_token, twilio.callback_url, params)) {
    log::warn("notification: a status callback without a valid X-Twilio-Signature was refused",
              {{"remote_address", req.remote_address}});
    throw Error(ErrorKind::forbidden, "X-Twilio-Signature is missing or does not match the request");
  }
  const auto status = read_twilio_status(params);
  if (!status.report) return Response::empty();  // queued, sent, ...: nothing to record
  if (reports.record(kSms, status.message_sid, *status.report) == DeliveryReports::Result::unknown_message)
    throw Error(ErrorKind::not_found, "no SMS was sent with MessageSid " + status.message_sid);
  return Response::empty();
}

}  // namespace

void add_sms_callback_routes(http::Router& router, DeliveryReports& reports, TwilioOptions twilio) {
  router.add(
      http::Method::post, std::string(kSmsStatusPath),
      [&reports, twilio = std::move(twilio)](const Request& req) { return status_callback(req, reports, twilio); },
      // Twilio's signed callbacks: a burst of them must not be refused. The form body is told in the summary:
      // a route's doc describes JSON bodies only.
      {.rate_class = "none",
       .doc = {.summary = "Twilio's SMS status callback, a form (application/x-www-form-urlencoded) with MessageSid, "
                          "MessageStatus and ErrorCode, signed in X-Twilio-Signature: 204 once recorded",
               .parameters = std::string(kSignatureHeader),
               .problems = {400, 403, 404, 422}}});
}

}  // namespace agora::notification
