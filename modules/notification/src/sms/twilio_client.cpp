#include "sms/twilio_client.hpp"

#include "sms/form.hpp"
#include "sms/twilio_answer.hpp"
#include "sms/twilio_auth.hpp"

#include <agora/core/log.hpp>

namespace agora::notification {

TwilioClient::TwilioClient(TwilioOptions options, outbound::Destination& twilio)
    : options_(std::move(options)), twilio_(twilio) {}

Delivery TwilioClient::send(std::string_view to, std::string_view body) {
  FormFields fields{{"To", std::string(to)}, {"Body", std::string(body)}};
  if (!options_.messaging_service_sid.empty())
    fields.emplace_back("MessagingServiceSid", options_.messaging_service_sid);
  else
    fields.emplace_back("From", options_.from);
  if (!options_.callback_url.empty()) fields.emplace_back("StatusCallback", options_.callback_url);
  const outbound::Request request{
      .method = "POST",
      // The SID is letters and digits (read_options checks it): nothing in it needs escaping in a path.
      .url = options_.api_base_url + "/2010-04-01/Accounts/" + options_.account_sid + "/Messages.json",
      .headers = {{"Authorization", basic_credentials(options_.account_sid, options_.auth_token)},
                  {"Content-Type", "application/x-www-form-urlencoded"},
                  {"Accept", "application/json"}},
      .body = form_encode(fields),
      .timeout = options_.timeout};
  outbound::Response response;
  try {
    response = twilio_.send(request);
  } catch (const std::exception& e) {
    // No answer (refused, reset, timed out, the circuit open): tried again later. Twilio may have
    // taken it before the answer was lost, and then the number gets it twice.
    return {Delivery::Outcome::temporary_failure, "", log::describe(e)};
  }
  auto delivery = twilio_answer(response.status, response.body);
  if (response.status == 401 || response.status == 403 || response.status == 404)
    // Our configuration, not the recipient: every SMS fails until the account SID or token is fixed.
    log::error("notification: Twilio refused the account's credentials or SID; check notification.sms",
               {{"account_sid", options_.account_sid},
                {"status", response.status},
                {"error", delivery.error},
                {"twilio_request_id", response.header("twilio-request-id").value_or("")}});
  return delivery;
}

}  // namespace agora::notification
