#include "http/product_routes.hpp"
#include "http/storefront_json.hpp"

#include <agora/core/money.hpp>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

// What the storefront answers, as JSON Schema for the API document (GET /api/v1/openapi.json).
constexpr std::string_view kProductCard = R"json({
  "type": "object",
  "description": "A listed product: its card in the listing's locale and currency.",
  "required": ["id", "slug", "title", "brand", "image", "price_from", "rating", "created_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "slug": {"type": "string"},
    "title": {"type": "string"},
    "brand": {"type": "string"},
    "image": {"type": ["string", "null"], "description": "The first image's URL"},
    "price_from": {"$ref": "#/components/schemas/Money", "description": "The lowest price of its variants"},
    "rating": {
      "type": "object",
      "required": ["average", "count"],
      "properties": {"average": {"type": "number", "description": "To two decimals; 0 without reviews"}, "count": {"type": "integer"}}
    },
    "created_at": {"type": "string", "format": "date-time"}
  }
})json";

constexpr std::string_view kProductListing = R"json({
  "type": "object",
  "required": ["items", "next_cursor"],
  "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/ProductCard"}},
    "next_cursor": {"type": ["string", "null"], "description": "The cursor of the next page; null on the last"}
  }
})json";

constexpr std::string_view kProductPage = R"json({
  "type": "object",
  "description": "A product as shoppers see it, in one locale and currency.",
  "required": ["id", "slug", "status", "brand", "category_id", "locale", "locales", "title", "description", "attributes",
               "images", "price_from", "variants", "rating", "created_at", "updated_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "slug": {"type": "string"},
    "status": {"type": "string"},
    "brand": {"type": "string"},
    "category_id": {"type": ["string", "null"], "format": "uuid"},
    "locale": {"type": "string", "description": "The locale shown: the one asked for, else its language, else the product's default"},
    "locales": {"type": "array", "items": {"type": "string"}, "description": "Every locale the product has texts in"},
    "title": {"type": "string"},
    "description": {"type": "string"},
    "attributes": {"type": "object", "additionalProperties": {"type": "string"}},
    "images": {
      "type": "array",
      "items": {"type": "object", "required": ["url", "alt"], "properties": {"url": {"type": "string"}, "alt": {"type": "string"}}}
    },
    "price_from": {"$ref": "#/components/schemas/Money"},
    "variants": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id", "sku", "options", "weight_grams", "dimensions", "price", "compare_at", "converted", "sale_ends_at"],
        "properties": {
          "id": {"type": "string", "format": "uuid"},
          "sku": {"type": "string"},
          "options": {"type": "object", "additionalProperties": {"type": "string"}, "examples": [{"size": "M"}]},
          "weight_grams": {"type": ["integer", "null"]},
          "dimensions": {
            "type": ["object", "null"],
            "properties": {
              "length_mm": {"type": ["integer", "null"]},
              "width_mm": {"type": ["integer", "null"]},
              "height_mm": {"type": ["integer", "null"]}
            }
          },
          "price": {"$ref": "#/components/schemas/Money"},
          "compare_at": {"anyOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}], "description": "The price before a sale"},
          "converted": {"type": "boolean", "description": "The price is converted from the base currency (the variant has none in this one)"},
          "sale_ends_at": {"type": ["string", "null"], "format": "date-time"}
        }
      }
    },
    "rating": {"$ref": "#/components/schemas/CatalogRating"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"}
  }
})json";

// ?currency=&locale=, which every storefront read takes.
constexpr std::string_view kShownIn = R"json(
  {"name": "currency", "in": "query", "description": "Prices in this currency (default: the shop's base currency)",
   "schema": {"type": "string", "pattern": "^[A-Z]{3}$", "examples": ["EUR"]}},
  {"name": "locale", "in": "query", "description": "Texts in this locale, e.g. de-CH (default: the shop's)",
   "schema": {"type": "string", "maxLength": 35}})json";

constexpr std::string_view kListingFilters = R"json(
  {"name": "category", "in": "query", "schema": {"type": "string", "format": "uuid"}},
  {"name": "brand", "in": "query", "description": "Any of these brands", "explode": true,
   "schema": {"type": "array", "items": {"type": "string"}}},
  {"name": "min_price", "in": "query", "description": "In minor units of the currency, inclusive",
   "schema": {"type": "integer", "minimum": 0}},
  {"name": "max_price", "in": "query", "schema": {"type": "integer", "minimum": 0}},
  {"name": "sort", "in": "query", "schema": {"enum": ["newest", "price", "-price", "rating"], "default": "newest"}},
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 24}},
  {"name": "cursor", "in": "query", "description": "next_cursor of the page before", "schema": {"type": "string"}})json";

constexpr std::string_view kIfNoneMatch = R"json(
  {"name": "If-None-Match", "in": "header", "description": "The page's ETag from before: 304 when it is unchanged",
   "schema": {"type": "string"}})json";

struct PageQuery {
  std::string_view currency;
  std::string_view locale;
};

// ?currency=&locale= of a product page; Error{validation} naming a bad one.
PageQuery page_query(const Request& req, const StorefrontOptions& o) {
  PageQuery q{req.query_param("currency").value_or(o.base_currency),
              req.query_param("locale").value_or(o.default_locale)};
  std::vector<FieldError> errors;
  if (!find_currency(q.currency)) errors.push_back({"currency", "must be an ISO 4217 currency code such as USD"});
  const bool locale_ok =
      !q.locale.empty() && q.locale.size() <= 35 &&
      q.locale.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
          std::string_view::npos;
  if (!locale_ok) errors.push_back({"locale", "must be a locale such as en or de-CH"});
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid product query", std::move(errors));
  return q;
}

// The id of the published product with the path's slug; Error{not_found} without one.
std::string id_of_slug(const Request& req, const Storefront& s) {
  const auto& slug = req.param("slug");
  auto id = s.id_for_slug(slug);
  if (id.empty()) throw Error(ErrorKind::not_found, "no product with slug " + slug);
  return id;
}

Response page_response(const Request& req, const RenderedPage& page) {
  const auto match = req.header("if-none-match");
  Response r = match && *match == page.etag ? Response::empty(304) : Response::text(page.body, "application/json");
  r.headers.emplace_back("ETag", page.etag);
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace

void add_storefront_routes(http::Router& router, Storefront& s, const StorefrontOptions& o) {
  router.schema("ProductCard", kProductCard);
  router.schema("ProductListing", kProductListing);
  router.schema("ProductPage", kProductPage);

  router.add(
      Method::get, "/api/v1/catalog/products",
      [&s, &o](const Request& req) {
        const auto query = parse_listing_query(req.query, o.base_currency, o.default_locale);
        return Response::text(listing_json(s.list(query), query), "application/json");
      },
      {.doc = {.summary = "Active products, filtered, sorted and paged (attr.<name>=<value> filters by an attribute)",
               .response = R"({"$ref": "#/components/schemas/ProductListing"})",
               .parameters = "[" + std::string(kListingFilters) + "," + std::string(kShownIn) + "]"}});

  // Cached pages answer on the io thread; a miss renders on a worker (prices may need rates).
  const auto from_memory = [&s, &o](const Request& req, std::string_view id) -> std::optional<Response> {
    const auto q = page_query(req, o);
    const auto page = s.cached_page(id, q.currency, q.locale);
    if (!page) return std::nullopt;
    return page_response(req, *page);
  };
  const auto render = [&s, &o](const Request& req, std::string_view id) {
    const auto q = page_query(req, o);
    return page_response(req, *s.render_page(id, q.currency, q.locale));
  };
  const auto page_doc = [](std::string summary) {
    return http::RouteDoc{.summary = std::move(summary),
                          .response = R"({"$ref": "#/components/schemas/ProductPage"})",
                          .parameters = "[" + std::string(kShownIn) + "," + std::string(kIfNoneMatch) + "]",
                          .headers = {"ETag"}};
  };
  router.add(Method::get, "/api/v1/catalog/products/{id}",
             [render](const Request& req) { return render(req, req.param("id")); },
             {.from_memory = [from_memory](const Request& req) { return from_memory(req, req.param("id")); },
              .doc = page_doc("A product's page by its id")});
  router.add(Method::get, "/api/v1/catalog/products/by-slug/{slug}",
             [render, &s](const Request& req) { return render(req, id_of_slug(req, s)); },
             {.from_memory = [from_memory, &s](const Request& req) { return from_memory(req, id_of_slug(req, s)); },
              .doc = page_doc("A product's page by its slug")});
}

}  // namespace agora::catalog
