#include "store/order_contact_store.hpp"

#include <agora/core/prepared.hpp>
#include <boost/describe/class.hpp>

namespace agora::notification {
BOOST_DESCRIBE_STRUCT(OrderContact, (), (order_id, number, customer_id, email, currency, created_at))
}  // namespace agora::notification

namespace agora::notification::order_contact_store {

void remember(soci::session& sql, const OrderContact& c) {
  prepared::run(sql,
                "INSERT INTO notification.order_contacts (order_id, number, customer_id, email, currency, created_at)"
                " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO UPDATE"
                " SET number = coalesce(EXCLUDED.number, order_contacts.number)",
                {c.order_id, c.number, c.customer_id, c.email, c.currency, c.created_at});
}

std::optional<OrderContact> find(soci::session& sql, const std::string& order_id) {
  const auto rows = prepared::run(sql,
                                  "SELECT order_id, number, customer_id, email, currency, created_at"
                                  " FROM notification.order_contacts WHERE order_id = $1",
                                  {order_id});
  if (rows.size() == 0) return std::nullopt;
  return rows.as<OrderContact>(0);
}

}  // namespace agora::notification::order_contact_store
