#include "app/admin_view.hpp"
#include "http/product_routes.hpp"

#include <agora/user/api.hpp>
#include <boost/json/serialize.hpp>

#include <sstream>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kManagers{.roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}};

Response created(const Product& p) {
  auto r = Response::json(admin_view(p), 201);
  r.headers.emplace_back("Location", "/api/v1/admin/catalog/products/" + p.id);
  return r;
}

}  // namespace

void add_product_admin_routes(http::Router& router, ProductService& s) {
  router.add(Method::post, "/api/v1/admin/catalog/products", [&s](const Request& req) {
    return created(s.create(req.json()));
  }, kManagers);
  router.add(Method::get, "/api/v1/admin/catalog/products/{id}", [&s](const Request& req) {
    return Response::json(admin_view(s.get(req.param("id"))));
  }, kManagers);
  router.add(Method::patch, "/api/v1/admin/catalog/products/{id}", [&s](const Request& req) {
    return Response::json(admin_view(s.update(req.param("id"), req.json())));
  }, kManagers);
  router.add(Method::del, "/api/v1/admin/catalog/products/{id}", [&s](const Request& req) {
    s.remove(req.param("id"));
    return Response::empty();
  }, kManagers);

  router.add(Method::post, "/api/v1/admin/catalog/products/{id}/variants", [&s](const Request& req) {
    return Response::json(admin_view(s.add_variant(req.param("id"), req.json())), 201);
  }, kManagers);
  router.add(Method::patch, "/api/v1/admin/catalog/variants/{id}", [&s](const Request& req) {
    return Response::json(admin_view(s.update_variant(req.param("id"), req.json())));
  }, kManagers);
  router.add(Method::del, "/api/v1/admin/catalog/variants/{id}", [&s](const Request& req) {
    return Response::json(admin_view(s.remove_variant(req.param("id"))));
  }, kManagers);
  router.add(Method::put, "/api/v1/admin/catalog/variants/{id}/prices", [&s](const Request& req) {
    return Response::json(admin_view(s.set_prices(req.param("id"), req.json())));
  }, kManagers);

  // NDJSON: one product per line; the answer names every line that did not land.
  router.add(Method::post, "/api/v1/admin/catalog/products/import", [&s](const Request& req) {
    std::istringstream lines(req.body);
    return Response::json(to_json(s.import(lines)));
  }, kManagers);
  router.add(Method::get, "/api/v1/admin/catalog/products/export", [&s](const Request&) {
    std::ostringstream out;
    s.export_all(out);
    return Response::text(std::move(out).str(), "application/x-ndjson");
  }, kManagers);
}

}  // namespace agora::catalog
