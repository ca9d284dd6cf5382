#include "app/order_reactions.hpp"

#include "app/template_values.hpp"
#include "store/order_contact_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>

namespace agora::notification {
namespace {

OrderContact contact_of(Tx& tx, const std::string& order_id) {
  auto c = order_contact_store::find(tx.sql(), order_id);
  if (!c) throw Error(ErrorKind::unavailable, "the buyer of order " + order_id + " is not known yet");
  return *c;
}

// A message about the order to its buyer: `what` names the event's subject once ("payment.succeeded/<id>").
Notice to_buyer(const OrderContact& c, std::string what, std::string template_name, boost::json::object values) {
  return {.dedupe_key = std::move(what),
          .template_name = std::move(template_name),
          .category = Category::order,
          .user_id = c.customer_id,
          .email = c.email,
          .values = std::move(values)};
}

}  // namespace

OrderReactions::OrderReactions(MessageIntake& intake, std::string shop_name)
    : intake_(intake), shop_name_(std::move(shop_name)) {}

void OrderReactions::on_created(Tx& tx, const order::events::Created& e, const Event& envelope) {
  order_contact_store::remember(tx.sql(), {.order_id = e.order_id,
                                           .customer_id = e.customer_id,
                                           .email = e.email,
                                           .currency = e.currency,
                                           .created_at = envelope.occurred_at});
}

void OrderReactions::on_placed(Tx& tx, const order::events::Placed& e, const Event& envelope) {
  order_contact_store::remember(tx.sql(), {.order_id = e.order_id,
                                           .number = e.number,
                                           .customer_id = e.customer_id,
                                           .email = e.email,
                                           .currency = e.currency,
                                           .created_at = envelope.occurred_at});
  intake_.enqueue(tx, envelope,
                  {.dedupe_key = envelope.type + "/" + e.order_id,  // an order is placed once
                   .template_name = "order_placed",
                   .category = Category::order,
                   .user_id = e.customer_id,
                   .email = e.email,
                   .values = order_placed_values(e, shop_name_)});
}

void OrderReactions::on_shipped(Tx& tx, const order::events::FulfillmentCreated& e, const Event& envelope) {
  const auto c = contact_of(tx, e.order_id);
  intake_.enqueue(tx, envelope,
                  to_buyer(c, envelope.type + "/" + e.fulfillment_id, "order_shipped",
                           order_shipped_values(c.number.value_or(""), e, shop_name_)));
}

void OrderReactions::on_payment_succeeded(Tx& tx, const payment::events::Succeeded& e, const Event& envelope) {
  const auto c = contact_of(tx, e.order_id);
  intake_.enqueue(tx, envelope,
                  to_buyer(c, envelope.type + "/" + e.payment_id, "payment_succeeded",
                           payment_values(c.number.value_or(""), e.amount, e.currency, shop_name_)));
}

void OrderReactions::on_payment_failed(Tx& tx, const payment::events::Failed& e, const Event& envelope) {
  const auto c = contact_of(tx, e.order_id);
  intake_.enqueue(tx, envelope,
                  to_buyer(c, envelope.type + "/" + e.payment_id, "payment_failed",
                           payment_failed_values(c.number.value_or(""), e.message, shop_name_)));
}

void OrderReactions::on_refunded(Tx& tx, const payment::events::Refunded& e, const Event& envelope) {
  const auto c = contact_of(tx, e.order_id);
  intake_.enqueue(tx, envelope,
                  to_buyer(c, envelope.type + "/" + e.refund_id, "refund_issued",
                           payment_values(c.number.value_or(""), e.amount, e.currency, shop_name_)));
}

}  // namespace agora::notification
