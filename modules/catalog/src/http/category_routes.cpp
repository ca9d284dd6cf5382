#include "http/category_json.hpp"
#include "http/part_routes.hpp"

#include <agora/user/api.hpp>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kCategory = R"json({
  "type": "object",
  "required": ["id", "parent_id", "slug", "name", "created_at", "updated_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "parent_id": {"type": ["string", "null"], "format": "uuid", "description": "null for a root"},
    "slug": {"type": "string"},
    "name": {"type": "string"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"}
  }
})json";

constexpr std::string_view kCategoryTreeNode = R"json({
  "type": "object",
  "description": "A category with the categories below it, each level sorted by name",
  "allOf": [{"$ref": "#/components/schemas/Category"}],
  "required": ["children"],
  "properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/CategoryTreeNode"}}}
})json";

// What a create body and a PATCH may set: the properties of each.
constexpr std::string_view kCategoryFieldProperties = R"json(
    "slug": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[a-z0-9-]+$"},
    "name": {"type": "string", "minLength": 1, "maxLength": 200},
    "parent_id": {"type": ["string", "null"], "format": "uuid", "description": "null for a root; a move may not make a cycle"})json";

// A body schema; `required`: "" or a JSON array's members.
std::string category_body(std::string_view required) {
  return R"({"type": "object", )" + (required.empty() ? "" : R"("required": [)" + std::string(required) + "], ") +
         R"("properties": {)" + std::string(kCategoryFieldProperties) + R"(}, "additionalProperties": false})";
}

const auto kCategoryRef = R"({"$ref": "#/components/schemas/Category"})";

http::RouteOptions managers(http::RouteDoc doc) {
  return {
      .auth = true, .roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}, .doc = std::move(doc)};
}
// The tree is in memory: answering never waits on the database.
http::RouteOptions public_from_memory(http::RouteDoc doc) { return {.run_inline = true, .doc = std::move(doc)}; }

}  // namespace

void add_category_routes(http::Router& router, CategoryService& categories) {
  router.schema("Category", kCategory);
  router.schema("CategoryTreeNode", kCategoryTreeNode);
  router.schema("CategoryCreate", category_body(R"("slug", "name")"));
  router.schema("CategoryPatch", category_body(""));

  router.add(
      Method::get, "/api/v1/catalog/categories",
      [&categories](const Request&) {
        return Response::json({{"items", category_tree_json(*categories.tree(), std::nullopt)}});
      },
      public_from_memory({.summary = "The whole category tree: the roots, each with its children",
                          .response = R"({"type": "object", "required": ["items"], "properties": {"items":
                                         {"type": "array", "items": {"$ref": "#/components/schemas/CategoryTreeNode"}}}})"}));
  router.add(
      Method::get, "/api/v1/catalog/categories/{id}",
      [&categories](const Request& req) { return Response::json(category_json(categories.get(req.param("id")))); },
      public_from_memory({.summary = "A category by id", .response = kCategoryRef}));

  router.add(
      Method::post, "/api/v1/admin/catalog/categories",
      [&categories](const Request& req) {
        const auto c = categories.create(parse_new_category(req.json()));
        auto r = Response::json(category_json(c), 201);
        r.headers.emplace_back("Location", "/api/v1/catalog/categories/" + c.id);
        return r;
      },
      managers({.summary = "Creates a category (slug unique), at the root or under parent_id",
                .request = R"({"$ref": "#/components/schemas/CategoryCreate"})",
                .response = kCategoryRef,
                .status = 201,
                .problems = {409},
                .headers = {"Location"}}));
  router.add(
      Method::patch, "/api/v1/admin/catalog/categories/{id}",
      [&categories](const Request& req) {
        return Response::json(category_json(categories.update(req.param("id"), parse_category_patch(req.json()))));
      },
      managers({.summary = "Renames or moves a category",
                .request = R"({"$ref": "#/components/schemas/CategoryPatch"})",
                .response = kCategoryRef,
                .problems = {409}}));
  router.add(
      Method::del, "/api/v1/admin/catalog/categories/{id}",
      [&categories](const Request& req) {
        categories.remove(req.param("id"));
        return Response::empty();
      },
      managers({.summary = "Deletes a category that has no subcategories and no products", .problems = {409}}));
}

}  // namespace agora::catalog
