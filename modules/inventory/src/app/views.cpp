#include "app/views.hpp"

namespace agora::inventory {
namespace {

boost::json::array lines_json(const std::vector<Allocation>& lines) {
  boost::json::array a;
  for (const auto& l : lines) a.push_back({{"sku", l.sku}, {"quantity", l.quantity}, {"warehouse_id", l.warehouse_id}});
  return a;
}

}  // namespace

boost::json::object reservation_view(const Reservation& r) {
  boost::json::value order = nullptr;
  if (r.order_id) order = *r.order_id;
  return {{"id", r.id},
          {"order_id", order},
          {"status", to_string(r.status)},
          {"expires_at", to_rfc3339(r.expires_at)},
          {"created_at", to_rfc3339(r.created_at)},
          {"updated_at", to_rfc3339(r.updated_at)},
          {"lines", lines_json(r.lines)}};
}

boost::json::object warehouse_view(const Warehouse& w) {
  return {{"id", w.id},           {"code", w.code},         {"name", w.name},
          {"region", w.region},   {"address", w.address},   {"priority", w.priority},
          {"active", w.active},   {"created_at", to_rfc3339(w.created_at)}, {"updated_at", to_rfc3339(w.updated_at)}};
}

boost::json::object stock_view(const stock_store::StockRow& s) {
  boost::json::value threshold = nullptr;
  if (s.low_stock_threshold) threshold = *s.low_stock_threshold;
  return {{"sku", s.sku},
          {"warehouse_id", s.warehouse_id},
          {"warehouse", s.warehouse_code},
          {"on_hand", s.on_hand},
          {"reserved", s.reserved},
          {"available", s.available()},
          {"safety_stock", s.safety_stock},
          {"low_stock_threshold", threshold},
          {"updated_at", to_rfc3339(s.updated_at)}};
}

boost::json::object movement_view(const stock_store::Movement& m) {
  boost::json::value reservation = nullptr;
  if (m.reservation_id) reservation = *m.reservation_id;
  return {{"id", m.id},
          {"sku", m.sku},
          {"warehouse_id", m.warehouse_id},
          {"kind", m.kind},
          {"on_hand_delta", m.on_hand_delta},
          {"reserved_delta", m.reserved_delta},
          {"reservation_id", reservation},
          {"actor", m.actor},
          {"reason", m.reason},
          {"created_at", to_rfc3339(m.created_at)}};
}

boost::json::object availability_view(const Availability& a) {
  return {{"sku", a.sku}, {"on_hand", a.on_hand}, {"reserved", a.reserved}, {"available", a.available},
          {"in_stock", a.in_stock()}};
}

}  // namespace agora::inventory
