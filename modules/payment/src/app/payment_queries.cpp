#include "app/payment_queries.hpp"

#include "store/call_store.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

namespace agora::payment {
namespace {

void require_uuid(const std::string& text, const std::string& field) {
  if (!is_uuid(text)) throw Error(ErrorKind::validation, "invalid " + field, {{field, "is not a uuid"}});
}

}  // namespace

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
