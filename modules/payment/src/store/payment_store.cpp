#include "store/payment_store.hpp"

#include <agora/core/prepared.hpp>

namespace agora::payment::payment_store {
namespace {

#define AGORA_PAY_COLUMNS                                                                                      \
  "id, order_id, customer_id, email, gateway, token, return_url, amount, currency, status, gateway_ref,"       \
  " action_url, failure_code, failure_message, captured, refunded, cancel_requested, lease_until, created_at," \
  " updated_at, authorized_at, captured_at, reconciled_at, reconciliation"
#define AGORA_PAY_SELECT "SELECT " AGORA_PAY_COLUMNS " FROM payment.payments"
// The statuses with a call to make.
#define AGORA_PAY_CALLING "status IN ('authorizing', 'capturing', 'voiding', 'refunding')"
// Payments reconciliation looks for (a failed payment's lease_until is its reconciliation pass's).
#define AGORA_PAY_UNRECONCILED "status = 'failed' AND failure_code = 'gateway_unavailable' AND reconciled_at IS NULL"

std::optional<Payment> first(const prepared::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return rows.as<Payment>(0);
}

std::vector<Payment> all(const prepared::Rows& rows) {
  std::vector<Payment> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(rows.as<Payment>(i));
  return out;
}

}  // namespace

bool insert(soci::session& sql, const Payment& p) {
  return prepared::run(
             sql,
             "INSERT INTO payment.payments (" AGORA_PAY_COLUMNS
             ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
             " $19, $20, $21, $22, $23, $24) ON CONFLICT (order_id) DO NOTHING",
             {p.id,           p.order_id,        p.customer_id,   p.email,       p.gateway,          p.token,
              p.return_url,   p.amount,          p.currency,      p.status,      p.gateway_ref,      p.action_url,
              p.failure_code, p.failure_message, p.captured,      p.refunded,    p.cancel_requested, p.lease_until,
              p.created_at,   p.updated_at,      p.authorized_at, p.captured_at, p.reconciled_at,    p.reconciliation})
             .affected() > 0;
}

void update(soci::session& sql, const Payment& p) {
  prepared::run(sql,
                "UPDATE payment.payments SET status = $2, gateway_ref = $3, action_url = $4, failure_code = $5,"
                " failure_message = $6, captured = $7, refunded = $8, cancel_requested = $9, lease_until = $10,"
                " updated_at = $11, authorized_at = $12, captured_at = $13, reconciled_at = $14, reconciliation = $15"
                " WHERE id = $1",
                {p.id, p.status, p.gateway_ref, p.action_url, p.failure_code, p.failure_message, p.captured, p.refunded,
                 p.cancel_requested, p.lease_until, p.updated_at, p.authorized_at, p.captured_at, p.reconciled_at,
                 p.reconciliation});
}

std::optional<Payment> load(soci::session& sql, const std::string& id) {
  return first(prepared::run(sql, AGORA_PAY_SELECT " WHERE id = $1", {id}));
}

std::optional<Payment> by_order(soci::session& sql, const std::string& order_id) {
  return first(prepared::run(sql, AGORA_PAY_SELECT " WHERE order_id = $1", {order_id}));
}

std::optional<Payment> lock(soci::session& sql, const std::string& id) {
  return first(prepared::run(sql, AGORA_PAY_SELECT " WHERE id = $1 FOR UPDATE", {id}));
}

std::optional<Payment> lock_by_order(soci::session& sql, const std::string& order_id) {
  return first(prepared::run(sql, AGORA_PAY_SELECT " WHERE order_id = $1 FOR UPDATE", {order_id}));
}

std::optional<Payment> lock_by_reference(soci::session& sql, const std::string& gateway, const std::string& reference) {
  return first(
      prepared::run(sql, AGORA_PAY_SELECT " WHERE gateway = $1 AND gateway_ref = $2 FOR UPDATE", {gateway, reference}));
}

std::optional<Payment> claim(soci::session& sql, const std::string& id, Timestamp now, Timestamp until) {
  return first(prepared::run(sql,
                             "UPDATE payment.payments SET lease_until = $3 WHERE id = $1 AND " AGORA_PAY_CALLING
                             " AND (lease_until IS NULL OR lease_until <= $2) RETURNING " AGORA_PAY_COLUMNS,
                             {id, now, until}));
}

std::vector<std::string> due(soci::session& sql, Timestamp now, std::size_t limit) {
  const auto rows = prepared::run(sql,
                                  "SELECT id FROM payment.payments WHERE " AGORA_PAY_CALLING
                                  " AND (lease_until IS NULL OR lease_until <= $1) ORDER BY lease_until NULLS FIRST"
                                  " LIMIT $2",
                                  {now, static_cast<std::int64_t>(limit)});
  std::vector<std::string> ids;
  for (int i = 0; i < rows.size(); ++i) ids.push_back(rows.get<std::string>(i, "id"));
  return ids;
}

std::vector<Payment> lock_authorized_before(soci::session& sql, Timestamp before, std::size_t limit) {
  return all(prepared::run(sql,
                           AGORA_PAY_SELECT " WHERE status = 'authorized' AND failure_code IS NULL"
                                            " AND authorized_at <= $1 ORDER BY authorized_at LIMIT $2"
                                            " FOR UPDATE SKIP LOCKED",
                           {before, static_cast<std::int64_t>(limit)}));
}

std::vector<Payment> to_reconcile(soci::session& sql, Timestamp failed_before, Timestamp now, std::size_t limit) {
  return all(prepared::run(sql,
                           AGORA_PAY_SELECT " WHERE " AGORA_PAY_UNRECONCILED
                                            " AND updated_at <= $1 AND (lease_until IS NULL OR lease_until <= $2)"
                                            " ORDER BY updated_at LIMIT $3",
                           {failed_before, now, static_cast<std::int64_t>(limit)}));
}

std::optional<Payment> claim_to_reconcile(soci::session& sql, const std::string& id, Timestamp now, Timestamp until) {
  return first(prepared::run(sql,
                             "UPDATE payment.payments SET lease_until = $3 WHERE id = $1 AND " AGORA_PAY_UNRECONCILED
                             " AND (lease_until IS NULL OR lease_until <= $2) RETURNING " AGORA_PAY_COLUMNS,
                             {id, now, until}));
}

}  // namespace agora::payment::payment_store
