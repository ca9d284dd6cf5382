#include "app/order_reactions.hpp"

#include "app/template_values.hpp"

namespace agora::notification {

OrderReactions::OrderReactions(MessageIntake& intake, std::string shop_name)
    : intake_(intake), shop_name_(std::move(shop_name)) {}

void OrderReactions::on_placed(Tx& tx, const order::events::Placed& e, const Event& envelope) {
  intake_.enqueue(tx, envelope,
                  {.dedupe_key = envelope.type + "/" + e.order_id,  // an order is placed once
                   .template_name = "order_placed",
                   .category = Category::order,
                   .user_id = e.customer_id,
                   .email = e.email,
                   .values = order_placed_values(e, shop_name_)});
}

}  // namespace agora::notification
