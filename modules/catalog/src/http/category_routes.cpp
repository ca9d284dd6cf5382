#include "http/category_json.hpp"
#include "http/part_routes.hpp"

#include <agora/user/api.hpp>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kManagers{.auth = true,
                                   .roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}};
// The tree is in memory: answering never waits on the database.
const http::RouteOptions kPublicFromMemory{.run_inline = true};

}  // namespace

void add_category_routes(http::Router& router, CategoryService& categories) {
  router.add(
      Method::get, "/api/v1/catalog/categories",
      [&categories](const Request&) {
        return Response::json({{"items", category_tree_json(*categories.tree(), std::nullopt)}});
      },
      kPublicFromMemory);
  router.add(
      Method::get, "/api/v1/catalog/categories/{id}",
      [&categories](const Request& req) { return Response::json(category_json(categories.get(req.param("id")))); },
      kPublicFromMemory);

  router.add(
      Method::post, "/api/v1/admin/catalog/categories",
      [&categories](const Request& req) {
        const auto c = categories.create(parse_new_category(req.json()));
        auto r = Response::json(category_json(c), 201);
        r.headers.emplace_back("Location", "/api/v1/catalog/categories/" + c.id);
        return r;
      },
      kManagers);
  router.add(
      Method::patch, "/api/v1/admin/catalog/categories/{id}",
      [&categories](const Request& req) {
        return Response::json(category_json(categories.update(req.param("id"), parse_category_patch(req.json()))));
      },
      kManagers);
  router.add(
      Method::del, "/api/v1/admin/catalog/categories/{id}",
      [&categories](const Request& req) {
        categories.remove(req.param("id"));
        return Response::empty();
      },
      kManagers);
}

}  // namespace agora::catalog
