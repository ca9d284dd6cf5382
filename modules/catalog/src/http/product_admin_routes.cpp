#include "http/product_json.hpp"
#include "http/product_routes.hpp"

#include <agora/user/api.hpp>

#include <sstream>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kManagers{.roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}};

Response created(const Product& p) {
  auto r = Response::json(product_json(p), 201);
  r.headers.emplace_back("Location", "/api/v1/admin/catalog/products/" + p.id);
  return r;
}

}  // namespace

void add_product_admin_routes(http::Router& router, ProductService& s) {
  router.add(
      Method::post, "/api/v1/admin/catalog/products",
      [&s](const Request& req) { return created(s.create(parse_new_product(req.json(), s.rules()))); }, kManagers);
  router.add(
      Method::get, "/api/v1/admin/catalog/products/{id}",
      [&s](const Request& req) { return Response::json(product_json(s.get(req.param("id")))); }, kManagers);
  router.add(
      Method::patch, "/api/v1/admin/catalog/products/{id}",
      [&s](const Request& req) {
        return Response::json(product_json(s.update(req.param("id"), parse_product_patch(req.json()))));
      },
      kManagers);
  router.add(
      Method::del, "/api/v1/admin/catalog/products/{id}",
      [&s](const Request& req) {
        s.remove(req.param("id"));
        return Response::empty();
      },
      kManagers);

  router.add(
      Method::post, "/api/v1/admin/catalog/products/{id}/variants",
      [&s](const Request& req) {
        return Response::json(product_json(s.add_variant(req.param("id"), parse_new_variant(req.json(), s.rules()))),
                              201);
      },
      kManagers);
  router.add(
      Method::patch, "/api/v1/admin/catalog/variants/{id}",
      [&s](const Request& req) {
        return Response::json(product_json(s.update_variant(req.param("id"), parse_variant_patch(req.json()))));
      },
      kManagers);
  router.add(
      Method::del, "/api/v1/admin/catalog/variants/{id}",
      [&s](const Request& req) { return Response::json(product_json(s.remove_variant(req.param("id")))); }, kManagers);
  router.add(
      Method::put, "/api/v1/admin/catalog/variants/{id}/prices",
      [&s](const Request& req) {
        return Response::json(product_json(s.set_prices(req.param("id"), parse_price_list(req.json(), s.rules()))));
      },
      kManagers);

  // NDJSON: one product per line; the answer names every line that did not land.
  router.add(
      Method::post, "/api/v1/admin/catalog/products/import",
      [&s](const Request& req) {
        std::istringstream lines(req.body);
        return Response::json(to_json(import_ndjson(s, lines)));
      },
      kManagers);
  router.add(
      Method::get, "/api/v1/admin/catalog/products/export",
      [&s](const Request&) {
        std::ostringstream out;
        export_ndjson(s, out);
        return Response::text(std::move(out).str(), "application/x-ndjson");
      },
      kManagers);
}

}  // namespace agora::catalog
