#include "domain/payment_templates.hpp"

namespace agora::notification {

const Template kPaymentSucceededEmailEn{"Payment received for your {{shop}} order {{number}}",
                                        R"(We received your payment of {{amount}} for order {{number}}.

{{shop}}
)",
                                        R"(<!DOCTYPE html>
<html><body>
<p>We received your payment of <strong>{{amount}}</strong> for order <strong>{{number}}</strong>.</p>
<p>{{shop}}</p>
</body></html>
)"};
const Template kPaymentSucceededSmsEn{"", "{{shop}}: we received your payment of {{amount}} for order {{number}}.", ""};
const Template kPaymentSucceededPushEn{"Payment received", "{{amount}} for order {{number}}", ""};
const Template kPaymentSucceededInAppEn{"Payment received for order {{number}}",
                                        "We received your payment of {{amount}}.", ""};

const Template kPaymentFailedEmailEn{"The payment for your {{shop}} order {{number}} did not go through",
                                     R"(The payment for order {{number}} could not be made: {{reason}}

Nothing was charged. You can order again with another payment method.
{{shop}}
)",
                                     R"(<!DOCTYPE html>
<html><body>
<p>The payment for order <strong>{{number}}</strong> could not be made: {{reason}}</p>
<p>Nothing was charged. You can order again with another payment method.</p>
<p>{{shop}}</p>
</body></html>
)"};
const Template kPaymentFailedSmsEn{
    "", "{{shop}}: the payment for order {{number}} did not go through ({{reason}}). Nothing was charged.", ""};
const Template kPaymentFailedPushEn{"Payment did not go through", "Order {{number}}: {{reason}}", ""};
const Template kPaymentFailedInAppEn{"Payment for order {{number}} did not go through",
                                     "{{reason}} Nothing was charged.", ""};

const Template kRefundIssuedEmailEn{"Your {{shop}} refund for order {{number}}",
                                    R"(We refunded {{amount}} for order {{number}} to your payment method.
It can take a few days to show on your statement.

{{shop}}
)",
                                    R"(<!DOCTYPE html>
<html><body>
<p>We refunded <strong>{{amount}}</strong> for order <strong>{{number}}</strong> to your payment method.</p>
<p>It can take a few days to show on your statement.</p>
<p>{{shop}}</p>
</body></html>
)"};
const Template kRefundIssuedSmsEn{"", "{{shop}}: we refunded {{amount}} for order {{number}}.", ""};
const Template kRefundIssuedPushEn{"Refund issued", "{{amount}} for order {{number}}", ""};
const Template kRefundIssuedInAppEn{"Refund for order {{number}}", "We refunded {{amount}} to your payment method.",
                                    ""};

}  // namespace agora::notification
