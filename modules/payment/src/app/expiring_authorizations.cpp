#include "app/expiring_authorizations.hpp"

#include "app/payment_changes.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/log.hpp>

namespace agora::payment {
namespace {

// Payments captured per pass (one transaction); more wait for the next pass.
constexpr std::size_t kCaptureBatch = 100;

}  // namespace

void ExpiringAuthorizations::capture_due() {
  const auto started = db_.transact([&](Tx& tx) {
    const auto now = clock_.now();
    std::size_t n = 0;
    for (const auto& p : payment_store::lock_authorized_before(tx.sql(), now - capture_after_, kCaptureBatch)) {
      const auto change = start_capture(p, now);
      if (!change) continue;
      save(tx, *change, now, runner_);
      ++n;
    }
    return n;
  });
  if (started > 0) log::info("payment: authorizations about to lapse are being captured", {{"payments", started}});
}

}  // namespace agora::payment
