#include "app/staff_refunds.hpp"

#include "app/payment_changes.hpp"
#include "store/call_store.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>

namespace agora::payment {

RefundStarted StaffRefunds::refund(const std::string& payment_id, const RefundRequest& request,
                                   const std::string& staff) {
  if (!is_uuid(payment_id)) throw no_payment(payment_id);
  auto started = db_.transact([&](Tx& tx) {
    const auto p = payment_store::lock(tx.sql(), payment_id);
    if (!p) throw no_payment(payment_id);
    const auto now = clock_.now();
    const auto change = refund_by_staff(*p, request.amount, request.reason, now);
    const auto call = save(tx, change, now, runner_);
    return RefundStarted{{change.payment, call_store::of_payment(tx.sql(), payment_id)}, call.value().id};
  });
  const auto& p = started.payment.payment;
  log::info("payment: a refund asked by staff", {{"payment_id", p.id},
                                                 {"order_id", p.order_id},
                                                 {"refund_id", started.refund_id},
                                                 {"amount", request.amount},
                                                 {"staff", staff}});
  return started;
}

}  // namespace agora::payment
