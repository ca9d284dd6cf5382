#include "store/return_store.hpp"

#include <agora/core/prepared.hpp>

namespace agora::order::return_store {

void insert(soci::session& sql, const std::string& order_id, const Return& r) {
  prepared::run(sql,
                "INSERT INTO \"order\".returns (id, order_id, status, reason, created_at) VALUES ($1, $2, $3, $4, $5)",
                {r.id, order_id, r.status, r.reason, r.created_at});
  prepared::CopyRows rows;
  for (const auto& l : r.lines) {
    rows.field(r.id).field(l.position).field(l.quantity);
    rows.end_row();
  }
  prepared::copy(sql, "\"order\".return_lines (return_id, position, quantity)", rows);
}

std::vector<Return> of_order(soci::session& sql, const std::string& order_id) {
  const auto rows =
      prepared::run(sql,
                    "SELECT r.id, r.status, r.reason, r.refund_amount, r.created_at, r.received_at,"
                    " l.position, l.quantity FROM \"order\".returns r JOIN \"order\".return_lines l"
                    " ON l.return_id = r.id WHERE r.order_id = $1 ORDER BY r.created_at, r.id, l.position",
                    {order_id});
  std::vector<Return> out;
  for (int i = 0; i < rows.size(); ++i) {
    const auto id = rows.get<std::string>(i, "id");
    if (out.empty() || out.back().id != id)
      out.push_back({id,
                     rows.get<std::string>(i, "status"),
                     rows.get<std::string>(i, "reason"),
                     rows.get<std::int64_t>(i, "refund_amount"),
                     rows.get<Timestamp>(i, "created_at"),
                     rows.get<std::optional<Timestamp>>(i, "received_at"),
                     {}});
    out.back().lines.push_back({rows.get<int>(i, "position"), rows.get<std::int64_t>(i, "quantity")});
  }
  return out;
}

void mark_received(soci::session& sql, const std::string& id, std::int64_t refund_amount, Timestamp at) {
  prepared::run(sql,
                "UPDATE \"order\".returns SET status = 'received', refund_amount = $2, received_at = $3 WHERE id = $1",
                {id, refund_amount, at});
}

}  // namespace agora::order::return_store
