#include "domain/stock_templates.hpp"

namespace agora::notification {

const Template kLowStockEmailEn{
    "Low stock: {{sku}} ({{available}} left)",
    R"(Stock of {{sku}} is low in {{warehouse}}: {{available}} available, below the threshold of {{threshold}}.

{{shop}}
)",
    R"(<!DOCTYPE html>
<html><body>
<p>Stock of <strong>{{sku}}</strong> is low in {{warehouse}}: <strong>{{available}}</strong> available, below the
threshold of {{threshold}}.</p>
<p>{{shop}}</p>
</body></html>
)"};
const Template kLowStockInAppEn{"Low stock: {{sku}}",
                                "{{available}} available in {{warehouse}} (threshold {{threshold}}).", ""};

}  // namespace agora::notification
