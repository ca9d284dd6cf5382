// The templates shipped with the module, per name, channel and locale; admins may store their own.
#include "domain/account_templates.hpp"
#include "domain/channels.hpp"
#include "domain/payment_templates.hpp"
#include "domain/stock_templates.hpp"
#include "domain/template.hpp"

#include <map>
#include <tuple>

namespace agora::notification {
namespace {

const Template kOrderPlacedEmailEn{"Your {{shop}} order {{number}}",
                                   R"(Thank you for your order.

Order number: {{number}}
{{#lines}}
{{quantity}} x {{title}}: {{total}}
{{/lines}}
Total: {{total}}

We will write again when it ships.
{{shop}}
)",
                                   R"(<!DOCTYPE html>
<html><body>
<p>Thank you for your order.</p>
<p>Order number: <strong>{{number}}</strong></p>
{{#has_lines}}
<table>
{{#lines}}
<tr><td>{{quantity}} &times; {{title}}</td><td>{{total}}</td></tr>
{{/lines}}
</table>
{{/has_lines}}
<p>Total: <strong>{{total}}</strong></p>
<p>We will write again when it ships.<br>{{shop}}</p>
</body></html>
)"};

const Template kOrderShippedEmailEn{"Your {{shop}} order {{number}} has shipped",
                                    R"(Your order {{number}} is on its way.

Carrier: {{carrier}}
Tracking number: {{tracking_number}}
{{^complete}}
More of your order follows in another parcel.
{{/complete}}

{{shop}}
)",
                                    R"(<!DOCTYPE html>
<html><body>
<p>Your order <strong>{{number}}</strong> is on its way.</p>
<p>Carrier: {{carrier}}<br>Tracking number: <strong>{{tracking_number}}</strong></p>
{{^complete}}
<p>More of your order follows in another parcel.</p>
{{/complete}}
<p>{{shop}}</p>
</body></html>
)"};

const Template kOrderPlacedSmsEn{
    "", "{{shop}}: thank you for your order {{number}} ({{total}}). We will write when it ships.", ""};
const Template kOrderPlacedPushEn{"Order {{number}} placed", "Thank you for your order. Total: {{total}}", ""};
const Template kOrderPlacedInAppEn{"Order {{number}} placed", "Thank you for your order. Total: {{total}}", ""};

const Template kOrderShippedSmsEn{
    "", "{{shop}}: your order {{number}} has shipped with {{carrier}}, tracking number {{tracking_number}}.", ""};
const Template kOrderShippedPushEn{"Order {{number}} shipped", "On its way with {{carrier}}: {{tracking_number}}", ""};
const Template kOrderShippedInAppEn{"Order {{number}} shipped",
                                    "On its way with {{carrier}}, tracking number {{tracking_number}}.", ""};

using Key = std::tuple<std::string_view, std::string_view, std::string_view>;

const std::map<Key, const Template*>& shipped() {
  static const std::map<Key, const Template*> kTemplates{
      {{"order_placed", kEmail, "en"}, &kOrderPlacedEmailEn},
      {{"order_placed", kSms, "en"}, &kOrderPlacedSmsEn},
      {{"order_placed", kPush, "en"}, &kOrderPlacedPushEn},
      {{"order_placed", kInApp, "en"}, &kOrderPlacedInAppEn},
      {{"order_shipped", kEmail, "en"}, &kOrderShippedEmailEn},
      {{"order_shipped", kSms, "en"}, &kOrderShippedSmsEn},
      {{"order_shipped", kPush, "en"}, &kOrderShippedPushEn},
      {{"order_shipped", kInApp, "en"}, &kOrderShippedInAppEn},
      {{"email_verification", kEmail, "en"}, &kEmailVerificationEmailEn},
      {{"password_reset", kEmail, "en"}, &kPasswordResetEmailEn},
      {{"payment_succeeded", kEmail, "en"}, &kPaymentSucceededEmailEn},
      {{"payment_succeeded", kSms, "en"}, &kPaymentSucceededSmsEn},
      {{"payment_succeeded", kPush, "en"}, &kPaymentSucceededPushEn},
      {{"payment_succeeded", kInApp, "en"}, &kPaymentSucceededInAppEn},
      {{"payment_failed", kEmail, "en"}, &kPaymentFailedEmailEn},
      {{"payment_failed", kSms, "en"}, &kPaymentFailedSmsEn},
      {{"payment_failed", kPush, "en"}, &kPaymentFailedPushEn},
      {{"payment_failed", kInApp, "en"}, &kPaymentFailedInAppEn},
      {{"refund_issued", kEmail, "en"}, &kRefundIssuedEmailEn},
      {{"refund_issued", kSms, "en"}, &kRefundIssuedSmsEn},
      {{"refund_issued", kPush, "en"}, &kRefundIssuedPushEn},
      {{"refund_issued", kInApp, "en"}, &kRefundIssuedInAppEn},
      {{"low_stock", kEmail, "en"}, &kLowStockEmailEn},
      {{"low_stock", kInApp, "en"}, &kLowStockInAppEn},
  };
  return kTemplates;
}

}  // namespace

const Template* shipped_template(std::string_view name, std::string_view channel, std::string_view locale) {
  const auto it = shipped().find({name, channel, locale});
  return it == shipped().end() ? nullptr : it->second;
}

std::vector<TemplateId> shipped_templates() {
  std::vector<TemplateId> out;
  for (const auto& [key, _] : shipped())
    out.push_back({std::string(std::get<0>(key)), std::string(std::get<1>(key)), std::string(std::get<2>(key))});
  return out;
}

const Template* default_template(std::string_view name, std::string_view channel, std::string_view locale) {
  // A locale without its own template gets the English one, as the catalog falls back to its default.
  if (const auto* t = shipped_template(name, channel, locale)) return t;
  return shipped_template(name, channel, kShippedLocale);
}

}  // namespace agora::notification
