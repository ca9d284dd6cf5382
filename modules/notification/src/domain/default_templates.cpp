// The email templates shipped with the module, used until admins may edit their own.
#include "domain/email_template.hpp"

#include <map>
#include <utility>

namespace agora::notification {
namespace {

const EmailTemplate kOrderPlacedEn{"Your {{shop}} order {{number}}",
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

const EmailTemplate kOrderShippedEn{"Your {{shop}} order {{number}} has shipped",
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

}  // namespace

const EmailTemplate* default_email_template(std::string_view name, std::string_view locale) {
  static const std::map<std::pair<std::string_view, std::string_view>, const EmailTemplate*> kTemplates{
      {{"order_placed", "en"}, &kOrderPlacedEn},
      {{"order_shipped", "en"}, &kOrderShippedEn},
  };
  // A locale without its own template gets the English one, as the catalog falls back to its default.
  auto it = kTemplates.find({name, locale});
  if (it == kTemplates.end()) it = kTemplates.find({name, "en"});
  return it == kTemplates.end() ? nullptr : it->second;
}

}  // namespace agora::notification
