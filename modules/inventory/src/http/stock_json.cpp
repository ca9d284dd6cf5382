#include "http/stock_json.hpp"

#include "domain/lines.hpp"
#include "domain/warehouse.hpp"
#include "http/sku_field.hpp"

#include <agora/core/fields.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <sstream>

namespace agora::inventory {
namespace {

StockCount csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::istringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
  if (cells.size() != 3)
    throw Error(ErrorKind::bad_request,
                "a line is sku,warehouse,on_hand: this one has " + std::to_string(cells.size()) + " cells");
  std::int64_t on_hand = -1;
  const auto& n = cells[2];
  if (!n.empty() && n.size() <= 10 && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
    on_hand = std::stoll(n);
  if (on_hand < 0 || on_hand > kMaxQuantity)
    throw Error(ErrorKind::validation, "invalid line",
                {{"on_hand", "must be a whole number from 0 to " + std::to_string(kMaxQuantity)}});
  return {cells[0], cells[1], on_hand};
}

StockCount ndjson_line(const std::string& line) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(line, ec);
  if (ec || !v.is_object()) throw Error(ErrorKind::bad_request, "the line is not a JSON object");
  Fields f(v);
  StockCount out{f.text("sku", kMaxSkuLength, true).value_or(""),
                 f.text("warehouse", kMaxCodeLength, true).value_or(""),
                 f.integer("on_hand", 0, kMaxQuantity, true).value_or(0)};
  f.finish({"sku", "warehouse", "on_hand"}, "invalid line");
  return out;
}

boost::json::value nullable(const std::optional<std::int64_t>& n) { return n ? boost::json::value(*n) : nullptr; }
boost::json::value nullable(const std::optional<std::string>& s) { return s ? boost::json::value(*s) : nullptr; }

}  // namespace

StockChange parse_stock_change(const boost::json::value& body) {
  Fields f(body);
  StockChange c;
  c.sku = sku_field(f, "sku").value_or("");
  c.warehouse = f.text("warehouse", kMaxCodeLength, true).value_or("");
  c.kind = f.text("kind", 16, true).value_or("");
  if (!c.kind.empty() && c.kind != "receive" && c.kind != "adjust" && c.kind != "return")
    f.fail("kind", "must be receive, adjust or return");
  const bool adjust = c.kind == "adjust";
  c.quantity = f.integer("quantity", adjust ? -kMaxQuantity : 1, kMaxQuantity, true).value_or(0);
  if (adjust && f.has("quantity") && c.quantity == 0) f.fail("quantity", "must not be 0 for an adjustment");
  c.reason = f.text("reason", 500, adjust, !adjust).value_or("");  // an adjustment says why
  f.finish({"sku", "warehouse", "kind", "quantity", "reason"}, "invalid stock change");
  return c;
}

StockSettings parse_stock_settings(const boost::json::value& body) {
  Fields f(body);
  StockSettings s;
  if (f.has("safety_stock")) s.safety_stock = f.integer("safety_stock", 0, kMaxQuantity);
  if (const auto* t = f.raw("low_stock_threshold")) {
    s.threshold_given = true;
    if (!t->is_null()) s.low_stock_threshold = f.integer("low_stock_threshold", 0, kMaxQuantity);
  }
  f.finish({"safety_stock", "low_stock_threshold"}, "invalid stock settings");
  return s;
}

std::optional<std::int64_t> parse_sku_threshold(const boost::json::value& body) {
  Fields f(body);
  std::optional<std::int64_t> threshold;
  const auto* t = f.raw("low_stock_threshold");
  if (!t)
    f.fail("low_stock_threshold", "is required (null removes it)");
  else if (!t->is_null())
    threshold = f.integer("low_stock_threshold", 0, kMaxQuantity);
  f.finish({"low_stock_threshold"}, "invalid threshold");
  return threshold;
}

std::vector<ImportLine> parse_import(const std::string& text, bool csv) {
  std::vector<ImportLine> lines;
  std::istringstream in(text);
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || (csv && number == 1 && line == "sku,warehouse,on_hand")) continue;
    try {
      lines.push_back({number, csv ? csv_line(line) : ndjson_line(line)});
    } catch (const Error& e) {
      lines.push_back({number, e});
    }
  }
  return lines;
}

boost::json::object stock_json(const StockRow& s) {
  return {{"sku", s.sku},
          {"warehouse_id", s.warehouse_id},
          {"warehouse", s.warehouse_code},
          {"on_hand", s.on_hand},
          {"reserved", s.reserved},
          {"available", s.available()},
          {"safety_stock", s.safety_stock},
          {"low_stock_threshold", nullable(s.low_stock_threshold)},
          {"updated_at", to_rfc3339(s.updated_at)}};
}

boost::json::object movement_json(const Movement& m) {
  return {{"id", m.id},
          {"sku", m.sku},
          {"warehouse_id", m.warehouse_id},
          {"kind", m.kind},
          {"on_hand_delta", m.on_hand_delta},
          {"reserved_delta", m.reserved_delta},
          {"reservation_id", nullable(m.reservation_id)},
          {"actor", m.actor},
          {"reason", m.reason},
          {"created_at", to_rfc3339(m.created_at)}};
}

}  // namespace agora::inventory
