#pragma once
// Twilio's answer to POST /2010-04-01/Accounts/{sid}/Messages.json read as a delivery attempt
// (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions):
//   2xx                the message was taken: sent, its sid (SM...) the provider id
//   429, 5xx           Twilio could not take it now: a temporary failure, tried again
//   400, 401, 403, 404 and any other 4xx: refused for good (an invalid number 21211, a message to
//                      an opted-out number 21610, credentials Twilio does not accept 20003, ...)
// A failure names Twilio's status, code and message ("Twilio 400, error 21211: The 'To' number ...").
#include "domain/message.hpp"

#include <string_view>

namespace agora::notification {

Delivery twilio_answer(long status, std::string_view body);

}  // namespace agora::notification
