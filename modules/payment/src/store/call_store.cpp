#include "store/call_store.hpp"

#include <agora/core/prepared.hpp>

#include <stdexcept>

namespace agora::payment::call_store {
namespace {

#define AGORA_PAY_CALLS                                                                                      \
  "SELECT id, payment_id, kind, amount, status, attempts, last_error, gateway_ref, created_at, finished_at," \
  " reason FROM payment.calls"

std::vector<Call> calls(const prepared::Rows& rows) {
  std::vector<Call> out;
  for (int i = 0; i < rows.size(); ++i) {
    auto c = rows.as<Call>(i);
    const auto text = rows.get<std::string>(i, "kind");
    const auto kind = call_kind(text);
    if (!kind) throw std::runtime_error("payment.calls: unknown kind " + text);
    c.kind = *kind;
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<Call> first(const prepared::Rows& rows) {
  auto all = calls(rows);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

}  // namespace

void insert(soci::session& sql, const Call& c) {
  prepared::run(sql,
                "INSERT INTO payment.calls (id, payment_id, kind, amount, status, attempts, last_error, gateway_ref,"
                " created_at, finished_at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                {c.id, c.payment_id, to_text(c.kind), c.amount, c.status, c.attempts, c.last_error, c.gateway_ref,
                 c.created_at, c.finished_at, c.reason});
}

void update(soci::session& sql, const Call& c) {
  prepared::run(sql,
                "UPDATE payment.calls SET status = $2, attempts = $3, last_error = $4, gateway_ref = $5,"
                " finished_at = $6 WHERE id = $1",
                {c.id, c.status, c.attempts, c.last_error, c.gateway_ref, c.finished_at});
}

std::optional<Call> load(soci::session& sql, const std::string& id) {
  return first(prepared::run(sql, AGORA_PAY_CALLS " WHERE id = $1", {id}));
}

std::optional<Call> open_call(soci::session& sql, const std::string& payment_id) {
  return first(prepared::run(sql, AGORA_PAY_CALLS " WHERE payment_id = $1 AND status = 'started'", {payment_id}));
}

std::vector<Call> of_payment(soci::session& sql, const std::string& payment_id) {
  return calls(prepared::run(sql, AGORA_PAY_CALLS " WHERE payment_id = $1 ORDER BY created_at, id", {payment_id}));
}

std::optional<std::string> capture_reference(soci::session& sql, const std::string& payment_id) {
  const auto rows = prepared::run(sql,
                                  "SELECT gateway_ref FROM payment.calls WHERE payment_id = $1 AND kind = 'capture'"
                                  " AND status = 'succeeded' ORDER BY created_at DESC LIMIT 1",
                                  {payment_id});
  if (rows.empty()) return std::nullopt;
  return rows.get<std::optional<std::string>>(0, "gateway_ref");
}

}  // namespace agora::payment::call_store
