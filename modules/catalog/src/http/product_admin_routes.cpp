#include "http/product_json.hpp"
#include "http/product_routes.hpp"
#include "http/product_schemas.hpp"

#include <agora/user/api.hpp>

#include <sstream>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kProductRef = R"({"$ref": "#/components/schemas/Product"})";

// Catalog managers and admins; `doc` says what the route takes and answers.
http::RouteOptions managers(http::RouteDoc doc) {
  return {.roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}, .doc = std::move(doc)};
}

Response created(const Product& p) {
  auto r = Response::json(product_json(p), 201);
  r.headers.emplace_back("Location", "/api/v1/admin/catalog/products/" + p.id);
  return r;
}

}  // namespace

void add_product_admin_routes(http::Router& router, ProductService& s) {
  router.schema("CatalogPairs", schemas::kCatalogPairs);
  router.schema("ProductImage", schemas::kProductImage);
  router.schema("ProductTexts", schemas::kProductTexts);
  router.schema("ProductPrice", schemas::kProductPrice);
  router.schema("ProductPriceList", schemas::kProductPriceList);
  router.schema("ProductDimensions", schemas::kProductDimensions);
  router.schema("ProductVariantCreate", schemas::kProductVariantCreate);
  router.schema("ProductVariantPatch", schemas::kProductVariantPatch);
  router.schema("ProductVariant", schemas::kProductVariant);
  router.schema("ProductCreate", schemas::product_create());
  router.schema("ProductPatch", schemas::product_patch());
  router.schema("Product", schemas::product());

  router.add(
      Method::post, "/api/v1/admin/catalog/products",
      [&s](const Request& req) { return created(s.create(parse_new_product(req.json(), s.rules()))); },
      managers({.summary = "Creates a product with its variants",
                .request = R"({"$ref": "#/components/schemas/ProductCreate"})",
                .response = std::string(kProductRef),
                .status = 201,
                .problems = {409},
                .headers = {"Location"}}));
  router.add(
      Method::get, "/api/v1/admin/catalog/products/{id}",
      [&s](const Request& req) { return Response::json(product_json(s.get(req.param("id")))); },
      managers(
          {.summary = "A product in any status, with every locale and price", .response = std::string(kProductRef)}));
  router.add(
      Method::patch, "/api/v1/admin/catalog/products/{id}",
      [&s](const Request& req) {
        return Response::json(product_json(s.update(req.param("id"), parse_product_patch(req.json()))));
      },
      managers({.summary = "Changes a product's own fields (not its variants)",
                .request = R"({"$ref": "#/components/schemas/ProductPatch"})",
                .response = std::string(kProductRef),
                .problems = {409}}));
  router.add(
      Method::del, "/api/v1/admin/catalog/products/{id}",
      [&s](const Request& req) {
        s.remove(req.param("id"));
        return Response::empty();
      },
      managers({.summary = "Deletes a product with its variants"}));

  router.add(
      Method::post, "/api/v1/admin/catalog/products/{id}/variants",
      [&s](const Request& req) {
        return Response::json(product_json(s.add_variant(req.param("id"), parse_new_variant(req.json(), s.rules()))),
                              201);
      },
      managers({.summary = "Adds a variant to a product (at most 100); answers the product",
                .request = R"({"$ref": "#/components/schemas/ProductVariantCreate"})",
                .response = std::string(kProductRef),
                .status = 201,
                .problems = {409}}));
  router.add(
      Method::patch, "/api/v1/admin/catalog/variants/{id}",
      [&s](const Request& req) {
        return Response::json(product_json(s.update_variant(req.param("id"), parse_variant_patch(req.json()))));
      },
      managers({.summary = "Changes a variant's options and measures; answers its product",
                .request = R"({"$ref": "#/components/schemas/ProductVariantPatch"})",
                .response = std::string(kProductRef)}));
  router.add(
      Method::del, "/api/v1/admin/catalog/variants/{id}",
      [&s](const Request& req) { return Response::json(product_json(s.remove_variant(req.param("id")))); },
      managers({.summary = "Deletes a variant (not a product's last one); answers its product",
                .response = std::string(kProductRef),
                .problems = {409}}));
  router.add(
      Method::put, "/api/v1/admin/catalog/variants/{id}/prices",
      [&s](const Request& req) {
        return Response::json(product_json(s.set_prices(req.param("id"), parse_price_list(req.json(), s.rules()))));
      },
      managers({.summary = "Replaces a variant's price list; answers its product",
                .request = R"({"type": "object", "required": ["prices"],
                               "properties": {"prices": {"$ref": "#/components/schemas/ProductPriceList"}},
                               "additionalProperties": false})",
                .response = std::string(kProductRef)}));

  // NDJSON: one product per line; the answer names every line that did not land.
  router.add(
      Method::post, "/api/v1/admin/catalog/products/import",
      [&s](const Request& req) {
        std::istringstream lines(req.body);
        return Response::json(to_json(import_ndjson(s, lines)));
      },
      managers({.summary = "Imports products from NDJSON, one create body (or exported line) per line; bad lines are "
                           "reported, the others land",
                .response = R"({"$ref": "#/components/schemas/ImportReport"})",
                .problems = {413}}));
  router.add(
      Method::get, "/api/v1/admin/catalog/products/export",
      [&s](const Request&) {
        std::ostringstream out;
        export_ndjson(s, out);
        return Response::text(std::move(out).str(), "application/x-ndjson");
      },
      managers({.summary = "Every product as NDJSON (application/x-ndjson), one Product per line", .status = 200}));
}

}  // namespace agora::catalog
