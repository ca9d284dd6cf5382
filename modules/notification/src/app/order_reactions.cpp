#include "app/order_reactions.hpp"

#include "app/template_values.hpp"
#include "domain/mime.hpp"
#include "store/message_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <boost/json/serialize.hpp>

namespace agora::notification {
OrderReactions::OrderReactions(const Clock& clock, MessageSender& sender, std::string shop_name, std::string locale)
    : clock_(clock), sender_(sender), shop_name_(std::move(shop_name)), locale_(std::move(locale)) {}

void OrderReactions::on_placed(Tx& tx, const order::events::Placed& e, const Event& envelope) {
  if (!plausible_address(e.email)) {
    log::warn("notification: an order placed without an email address to confirm it to",
              {{"order_id", e.order_id}, {"email", e.email}});
    return;
  }
  const auto now = clock_.now();
  Message m;
  m.id = new_id();
  m.event_id = envelope.id;
  m.event_type = envelope.type;
  m.dedupe_key = envelope.type + "/" + e.order_id;  // an order is placed once
  m.channel = "email";
  m.recipient = e.email;
  m.user_id = e.customer_id;
  m.template_name = "order_placed";
  m.locale = locale_;
  m.data = boost::json::serialize(order_placed_values(e, shop_name_));
  m.next_attempt_at = now;
  m.created_at = now;
  if (message_store::insert(tx.sql(), m)) tx.after_commit([this, id = m.id] { sender_.submit(id); });
}

}  // namespace agora::notification
