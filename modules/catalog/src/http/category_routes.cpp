#include "http/part_routes.hpp"

#include <agora/user/api.hpp>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kManagers{.auth = true, .roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}};
// The tree is in memory: answering never waits on the database.
const http::RouteOptions kPublicFromMemory{.run_inline = true};

boost::json::object category_view(const Category& c) {
  return {{"id", c.id},
          {"parent_id", c.parent_id ? boost::json::value(*c.parent_id) : boost::json::value(nullptr)},
          {"slug", c.slug},
          {"name", c.name},
          {"created_at", to_rfc3339(c.created_at)},
          {"updated_at", to_rfc3339(c.updated_at)}};
}

boost::json::array subtree(const CategoryTree& tree, const std::optional<std::string>& parent_id) {
  boost::json::array out;
  for (const auto* c : tree.children(parent_id)) {
    auto view = category_view(*c);
    view["children"] = subtree(tree, c->id);
    out.push_back(std::move(view));
  }
  return out;
}

}  // namespace

void add_category_routes(http::Router& router, CategoryService& categories) {
  router.add(Method::get, "/api/v1/catalog/categories", [&categories](const Request&) {
    return Response::json({{"items", subtree(*categories.tree(), std::nullopt)}});
  }, kPublicFromMemory);
  router.add(Method::get, "/api/v1/catalog/categories/{id}", [&categories](const Request& req) {
    return Response::json(category_view(categories.get(req.param("id"))));
  }, kPublicFromMemory);

  router.add(Method::post, "/api/v1/admin/catalog/categories", [&categories](const Request& req) {
    const auto c = categories.create(req.json());
    auto r = Response::json(category_view(c), 201);
    r.headers.emplace_back("Location", "/api/v1/catalog/categories/" + c.id);
    return r;
  }, kManagers);
  router.add(Method::patch, "/api/v1/admin/catalog/categories/{id}", [&categories](const Request& req) {
    return Response::json(category_view(categories.update(req.param("id"), req.json())));
  }, kManagers);
  router.add(Method::del, "/api/v1/admin/catalog/categories/{id}", [&categories](const Request& req) {
    categories.remove(req.param("id"));
    return Response::empty();
  }, kManagers);
}

}  // namespace agora::catalog
