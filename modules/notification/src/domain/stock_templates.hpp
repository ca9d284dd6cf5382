#pragma once
// The shipped templates of staff alerts: low_stock (values shop, sku, available, threshold,
// warehouse: the warehouse id, or "all warehouses").
#include "domain/template.hpp"

namespace agora::notification {

extern const Template kLowStockEmailEn, kLowStockInAppEn;

}  // namespace agora::notification
