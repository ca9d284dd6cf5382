#include "app/stock_reactions.hpp"

#include "app/template_values.hpp"

#include <agora/core/log.hpp>
#include <agora/user/api.hpp>

namespace agora::notification {

StockReactions::StockReactions(MessageIntake& intake, user::Api& users, std::string shop_name)
    : intake_(intake), users_(users), shop_name_(std::move(shop_name)) {}

void StockReactions::on_low_stock(Tx& tx, const inventory::events::LowStock& e, const Event& envelope) {
  const auto staff = users_.with_role("warehouse");
  if (staff.empty()) log::warn("notification: low stock, and no account has the warehouse role", {{"sku", e.sku}});
  const auto values = low_stock_values(e.sku, e.warehouse_id, e.available, e.threshold, shop_name_);
  for (const auto& member : staff)
    intake_.enqueue(tx, envelope,
                    {.dedupe_key = envelope.type + "/" + envelope.id,
                     .template_name = "low_stock",
                     .category = Category::order,
                     .user_id = member.id,
                     .values = values});
}

}  // namespace agora::notification
