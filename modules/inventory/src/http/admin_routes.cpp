#include "http/routes.hpp"
#include "http/stock_json.hpp"
#include "http/warehouse_json.hpp"

#include <charconv>

namespace agora::inventory {
namespace {

using http::Method;
using http::Request;
using http::Response;

std::int64_t number_param(const Request& req, std::string_view name, std::int64_t fallback, std::int64_t min,
                          std::int64_t max) {
  const auto text = req.query_param(name);
  if (!text) return fallback;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n < min || n > max)
    throw Error(ErrorKind::validation, "invalid query",
                {{std::string(name), "is a number from " + std::to_string(min) + " to " + std::to_string(max)}});
  return n;
}

// ?cursor= of the movements list: the id of the last movement of the previous page (next_cursor).
// Anything else is Error{bad_request} naming cursor.
std::optional<std::int64_t> movement_cursor(const Request& req) {
  const auto text = req.query_param("cursor");
  if (!text) return std::nullopt;
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
  if (ec != std::errc() || end != text->data() + text->size() || id < 1)
    throw Error(ErrorKind::bad_request, "invalid cursor", {{"cursor", "is not a next_cursor of this list"}});
  return id;
}

void add_warehouse_routes(http::Router& router, WarehouseService& w) {
  router.add(
      Method::post, "/api/v1/admin/inventory/warehouses",
      [&w](const Request& req) {
        const auto created = w.create(parse_new_warehouse(req.json()));
        auto r = Response::json(warehouse_json(created), 201);
        r.headers.emplace_back("Location", "/api/v1/admin/inventory/warehouses/" + created.id);
        return r;
      },
      kStaff);
  router.add(
      Method::get, "/api/v1/admin/inventory/warehouses",
      [&w](const Request&) {
        boost::json::array items;
        for (const auto& x : w.list()) items.push_back(warehouse_json(x));
        return Response::json(boost::json::object{{"items", std::move(items)}});
      },
      kStaff);
  router.add(
      Method::get, "/api/v1/admin/inventory/warehouses/{id}",
      [&w](const Request& req) { return Response::json(warehouse_json(w.get(req.param("id")))); }, kStaff);
  router.add(
      Method::patch, "/api/v1/admin/inventory/warehouses/{id}",
      [&w](const Request& req) {
        return Response::json(warehouse_json(w.update(req.param("id"), parse_warehouse_changes(req.json()))));
      },
      kStaff);
  router.add(
      Method::del, "/api/v1/admin/inventory/warehouses/{id}",
      [&w](const Request& req) {
        w.remove(req.param("id"));
        return Response::empty();
      },
      kStaff);
}

void add_stock_routes(http::Router& router, StockService& s) {
  // {sku, warehouse (code), kind: receive|adjust|return, quantity, reason}
  router.add(
      Method::post, "/api/v1/admin/inventory/movements",
      [&s](const Request& req) {
        return Response::json(stock_json(s.change(parse_stock_change(req.json()), req.user().user_id)), 201);
      },
      kStaff);
  router.add(
      Method::get, "/api/v1/admin/inventory/movements",
      [&s](const Request& req) {
        const auto limit = static_cast<std::size_t>(number_param(req, "limit", 50, 1, 500));
        const auto list =
            s.history(std::string(req.query_param("sku").value_or("")),
                      std::string(req.query_param("warehouse").value_or("")), movement_cursor(req), limit);
        boost::json::array items;
        for (const auto& m : list) items.push_back(movement_json(m));
        boost::json::value next = nullptr;
        if (list.size() == limit) next = std::to_string(list.back().id);
        return Response::json(boost::json::object{{"items", std::move(items)}, {"next_cursor", next}});
      },
      kStaff);
  router.add(
      Method::get, "/api/v1/admin/inventory/stock/{sku}",
      [&s](const Request& req) {
        boost::json::array items;
        for (const auto& row : s.rows(req.param("sku"))) items.push_back(stock_json(row));
        return Response::json(boost::json::object{{"items", std::move(items)}});
      },
      kStaff);
  // {safety_stock?, low_stock_threshold? (null removes it)} of one SKU in one warehouse
  router.add(
      Method::patch, "/api/v1/admin/inventory/stock/{sku}/{warehouse}",
      [&s](const Request& req) {
        return Response::json(
            stock_json(s.set_settings(req.param("sku"), req.param("warehouse"), parse_stock_settings(req.json()))));
      },
      kStaff);
  // {low_stock_threshold: n | null} over every warehouse of a SKU
  router.add(
      Method::put, "/api/v1/admin/inventory/skus/{sku}/low-stock",
      [&s](const Request& req) {
        s.set_sku_threshold(req.param("sku"), parse_sku_threshold(req.json()));
        return Response::empty();
      },
      kStaff);
  // text/csv (header sku,warehouse,on_hand) or application/x-ndjson: sets on-hand counts
  router.add(
      Method::post, "/api/v1/admin/inventory/stock/import",
      [&s](const Request& req) {
        const auto type = req.header("content-type").value_or("");
        const bool csv = type.starts_with("text/csv");
        if (!csv && !type.starts_with("application/x-ndjson"))
          throw Error(ErrorKind::bad_request, "send text/csv or application/x-ndjson");
        return Response::json(to_json(s.import(parse_import(req.body, csv), req.user().user_id)));
      },
      kStaff);
}

}  // namespace

void add_admin_routes(http::Router& router, WarehouseService& warehouses, StockService& stock) {
  add_warehouse_routes(router, warehouses);
  add_stock_routes(router, stock);
}

}  // namespace agora::inventory
