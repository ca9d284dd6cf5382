#include "app/payment_queries.hpp"

#include "app/require_uuid.hpp"
#include "store/call_store.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>

namespace agora::payment {

PaymentRecord PaymentQueries::get(const std::string& id) {
  require_uuid(id, "id");
  auto conn = db_.acquire();
  auto p = payment_store::load(*conn, id);
  if (!p) throw Error(ErrorKind::not_found, "no such payment");
  auto calls = call_store::of_payment(*conn, id);
  return {std::move(*p), std::move(calls)};
}

std::vector<PaymentRecord> PaymentQueries::of_order(const std::string& order_id) {
  require_uuid(order_id, "order_id");
  auto conn = db_.acquire();
  auto p = payment_store::by_order(*conn, order_id);
  if (!p) return {};
  auto calls = call_store::of_payment(*conn, p->id);
  return {{std::move(*p), std::move(calls)}};
}

}  // namespace agora::payment
