#pragma once
// Twilio's status callback, POST /api/v1/notifications/sms/status: public, its X-Twilio-Signature
// verified against the callback's public URL (notification.sms.callback_url) before anything is read.
#include "app/delivery_reports.hpp"
#include "sms/twilio_client.hpp"

#include <agora/core/http.hpp>

namespace agora::notification {

inline constexpr std::string_view kSmsStatusPath = "/api/v1/notifications/sms/status";

void add_sms_callback_routes(http::Router& router, DeliveryReports& reports, TwilioOptions twilio);

}  // namespace agora::notification
