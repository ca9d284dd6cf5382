#pragma once
// The shipped templates of payment messages, on every channel: payment_succeeded and refund_issued
// (values shop, number, amount), payment_failed (shop, number, reason).
#include "domain/template.hpp"

namespace agora::notification {

extern const Template kPaymentSucceededEmailEn, kPaymentSucceededSmsEn, kPaymentSucceededPushEn,
    kPaymentSucceededInAppEn;
extern const Template kPaymentFailedEmailEn, kPaymentFailedSmsEn, kPaymentFailedPushEn, kPaymentFailedInAppEn;
extern const Template kRefundIssuedEmailEn, kRefundIssuedSmsEn, kRefundIssuedPushEn, kRefundIssuedInAppEn;

}  // namespace agora::notification
