#include "app/payment_queries.hpp"

#include "app/require_uuid.hpp"
#include "store/call_store.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

namespace agora::payment {

Error no_payment(const std::string& id) { return Error(ErrorKind::not_found, "no payment " + id); }

PaymentRecord PaymentQueries::get(const std::string& id) {
  if (!is_uuid(id)) throw no_payment(id);
  auto conn = db_.acquire();
  auto p = payment_store::load(*conn, id);
  if (!p) throw no_payment(id);
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
