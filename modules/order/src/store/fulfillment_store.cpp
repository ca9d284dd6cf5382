#include "store/fulfillment_store.hpp"

#include <agora/core/prepared.hpp>

namespace agora::order::fulfillment_store {

void insert(soci::session& sql, const std::string& order_id, const Fulfillment& f) {
  prepared::run(sql,
                "INSERT INTO \"order\".fulfillments (id, order_id, carrier, tracking_number, created_at)"
                " VALUES ($1, $2, $3, $4, $5)",
                {f.id, order_id, f.carrier, f.tracking_number, f.created_at});
  prepared::CopyRows rows;
  for (const auto& l : f.lines) {
    rows.field(f.id).field(l.position).field(l.quantity);
    rows.end_row();
  }
  prepared::copy(sql, "\"order\".fulfillment_lines (fulfillment_id, position, quantity)", rows);
}

std::vector<Fulfillment> of_order(soci::session& sql, const std::string& order_id) {
  const auto rows =
      prepared::run(sql,
                    "SELECT f.id, f.carrier, f.tracking_number, f.created_at, f.delivered_at, l.position,"
                    " l.quantity FROM \"order\".fulfillments f JOIN \"order\".fulfillment_lines l"
                    " ON l.fulfillment_id = f.id WHERE f.order_id = $1 ORDER BY f.created_at, f.id, l.position",
                    {order_id});
  std::vector<Fulfillment> out;
  for (int i = 0; i < rows.size(); ++i) {
    const auto id = rows.get<std::string>(i, "id");
    if (out.empty() || out.back().id != id)
      out.push_back({id,
                     rows.get<std::string>(i, "carrier"),
                     rows.get<std::string>(i, "tracking_number"),
                     rows.get<Timestamp>(i, "created_at"),
                     rows.get<std::optional<Timestamp>>(i, "delivered_at"),
                     {}});
    out.back().lines.push_back({rows.get<int>(i, "position"), rows.get<std::int64_t>(i, "quantity")});
  }
  return out;
}

bool mark_delivered(soci::session& sql, const std::string& order_id, const std::string& id, Timestamp at) {
  return prepared::run(sql,
                       "UPDATE \"order\".fulfillments SET delivered_at = coalesce(delivered_at, $3)"
                       " WHERE id = $1 AND order_id = $2",
                       {id, order_id, at})
             .affected() == 1;
}

}  // namespace agora::order::fulfillment_store
