#include "domain/lines.hpp"
#include "http/admin_schemas.hpp"
#include "http/routes.hpp"
#include "http/stock_json.hpp"
#include "http/warehouse_json.hpp"

#include <agora/core/api_schema.hpp>

#include <charconv>

namespace agora::inventory {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr int kMaxMovementPage = 500;

// A whole number written in decimal, nothing else.
std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

struct MovementQuery {
  std::string sku, warehouse;          // "": any
  std::optional<std::int64_t> before;  // the cursor: the id of the last movement of the page before
  std::size_t limit = 0;
};

// ?sku=&warehouse=&limit=&cursor= of the movements list: Error{validation} naming each bad one.
MovementQuery movement_query(const Request& req) {
  MovementQuery q;
  std::vector<FieldError> errors;
  q.sku = req.query_param("sku").value_or("");
  if (!q.sku.empty() && !valid_sku(q.sku))
    errors.push_back({"sku", "must be a SKU: letters, digits, '-', '_' and '.'"});
  q.warehouse = req.query_param("warehouse").value_or("");
  q.limit = static_cast<std::size_t>(req.page_limit(errors, 50, kMaxMovementPage));
  if (const auto text = req.query_param("cursor")) {
    q.before = whole_number(*text);
    if (!q.before || *q.before < 1) errors.push_back({"cursor", "is not a next_cursor of this list"});
  }
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid movement query", std::move(errors));
  return q;
}

using http::schema_ref;

// {"items": [<schema>, ...]}
std::string list_of(std::string_view schema) {
  return R"({"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": )" +
         schema_ref(schema) + "}}}";
}

void add_warehouse_routes(http::Router& router, WarehouseService& w) {
  using namespace schemas;
  router.schema("InventoryWarehouse", kWarehouse);
  router.schema("InventoryWarehouseInput", kWarehouseInput);
  router.add(
      Method::post, "/api/v1/admin/inventory/warehouses",
      [&w](const Request& req) {
        const auto created = w.create(parse_new_warehouse(req.json()));
        auto r = Response::json(warehouse_json(created), 201);
        r.headers.emplace_back("Location", "/api/v1/admin/inventory/warehouses/" + created.id);
        return r;
      },
      staff(
          {.summary = "Creates a warehouse (409 when its code is taken)",
           .request =
               R"({"allOf": [{"$ref": "#/components/schemas/InventoryWarehouseInput"}], "required": ["code", "name"]})",
           .response = schema_ref("InventoryWarehouse"),
           .status = 201,
           .problems = {409},
           .headers = {"Location"}}));
  router.add(
      Method::get, "/api/v1/admin/inventory/warehouses",
      [&w](const Request&) {
        boost::json::array items;
        for (const auto& x : w.list()) items.push_back(warehouse_json(x));
        return Response::json(boost::json::object{{"items", std::move(items)}});
      },
      staff({.summary = "Every warehouse", .response = list_of("InventoryWarehouse")}));
  router.add(
      Method::get, "/api/v1/admin/inventory/warehouses/{id}",
      [&w](const Request& req) { return Response::json(warehouse_json(w.get(req.param("id")))); },
      staff({.summary = "A warehouse", .response = schema_ref("InventoryWarehouse")}));
  router.add(
      Method::patch, "/api/v1/admin/inventory/warehouses/{id}",
      [&w](const Request& req) {
        return Response::json(warehouse_json(w.update(req.param("id"), parse_warehouse_changes(req.json()))));
      },
      staff(
          {.summary = "Changes a warehouse: the keys given (its code cannot change)",
           .request =
               R"({"allOf": [{"$ref": "#/components/schemas/InventoryWarehouseInput"}], "not": {"required": ["code"]}})",
           .response = schema_ref("InventoryWarehouse")}));
  router.add(
      Method::del, "/api/v1/admin/inventory/warehouses/{id}",
      [&w](const Request& req) {
        w.remove(req.param("id"));
        return Response::empty();
      },
      staff({.summary = "Removes a warehouse that never held stock (409 otherwise: deactivate it)",
             .status = 204,
             .problems = {409}}));
}

void add_stock_routes(http::Router& router, StockService& s) {
  using namespace schemas;
  router.schema("InventoryStockRow", kStockRow);
  router.schema("InventoryMovement", kMovement);
  router.schema("InventoryMovementPage", kMovementPage);
  router.add(
      Method::post, "/api/v1/admin/inventory/movements",
      [&s](const Request& req) {
        return Response::json(stock_json(s.change(parse_stock_change(req.json()), req.user().user_id)), 201);
      },
      staff({.summary = "Receives, adjusts or returns stock: a movement of the ledger; answers the stock row after it "
                        "(409 when less would be on hand than is reserved)",
             .request = std::string(kStockChange),
             .response = schema_ref("InventoryStockRow"),
             .status = 201,
             .problems = {409}}));
  router.add(
      Method::get, "/api/v1/admin/inventory/movements",
      [&s](const Request& req) {
        const auto q = movement_query(req);
        const auto list = s.history(q.sku, q.warehouse, q.before, q.limit);
        boost::json::array items;
        for (const auto& m : list) items.push_back(movement_json(m));
        boost::json::value next = nullptr;
        if (list.size() == q.limit) next = std::to_string(list.back().id);
        return Response::json(boost::json::object{{"items", std::move(items)}, {"next_cursor", next}});
      },
      staff({.summary = "The stock ledger, newest first",
             .response = schema_ref("InventoryMovementPage"),
             .parameters = std::string(kMovementQuery)}));
  router.add(
      Method::get, "/api/v1/admin/inventory/stock/{sku}",
      [&s](const Request& req) {
        boost::json::array items;
        for (const auto& row : s.rows(req.param("sku"))) items.push_back(stock_json(row));
        return Response::json(boost::json::object{{"items", std::move(items)}});
      },
      staff({.summary = "A SKU's stock in each warehouse that has held it", .response = list_of("InventoryStockRow")}));
  router.add(
      Method::patch, "/api/v1/admin/inventory/stock/{sku}/{warehouse}",
      [&s](const Request& req) {
        return Response::json(
            stock_json(s.set_settings(req.param("sku"), req.param("warehouse"), parse_stock_settings(req.json()))));
      },
      staff({.summary = "Sets a SKU's safety stock or low-stock threshold in one warehouse (named by its code)",
             .request = std::string(kStockSettings),
             .response = schema_ref("InventoryStockRow")}));
  router.add(
      Method::put, "/api/v1/admin/inventory/skus/{sku}/low-stock",
      [&s](const Request& req) {
        s.set_sku_threshold(req.param("sku"), parse_sku_threshold(req.json()));
        return Response::empty();
      },
      staff({.summary = "Sets a SKU's low-stock threshold over every warehouse together",
             .request = std::string(kSkuThreshold),
             .status = 204}));
  router.add(
      Method::post, "/api/v1/admin/inventory/stock/import",
      [&s](const Request& req) {
        const auto type = req.header("content-type").value_or("");
        const bool csv = type.starts_with("text/csv");
        if (!csv && !type.starts_with("application/x-ndjson"))
          throw Error(ErrorKind::bad_request,
                      "the body must be text/csv (a header sku,warehouse,on_hand) or application/x-ndjson (one "
                      "{sku, warehouse, on_hand} a line)");
        return Response::json(to_json(s.import(parse_import(req.body, csv), req.user().user_id)));
      },
      staff({.summary = "Sets on-hand counts from a text/csv body (a header sku,warehouse,on_hand, then a count a "
                        "line) or an application/x-ndjson one ({sku, warehouse, on_hand} a line); good lines land, "
                        "the others are reported",
             .response = schema_ref("ImportReport"),
             .problems = {400, 413}}));
}

}  // namespace

void add_admin_routes(http::Router& router, WarehouseService& warehouses, StockService& stock) {
  add_warehouse_routes(router, warehouses);
  add_stock_routes(router, stock);
}

}  // namespace agora::inventory
