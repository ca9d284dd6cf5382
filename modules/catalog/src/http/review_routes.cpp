#include "http/part_routes.hpp"
#include "http/review_json.hpp"

#include <agora/user/api.hpp>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

// What anyone may read of a review: the author is not named.
constexpr std::string_view kReviewPublic = R"json({
  "type": "object",
  "required": ["id", "product_id", "rating", "title", "body", "verified_purchase", "created_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "product_id": {"type": "string", "format": "uuid"},
    "rating": {"type": "integer", "minimum": 1, "maximum": 5},
    "title": {"type": "string"},
    "body": {"type": "string"},
    "verified_purchase": {"type": "boolean", "description": "The author bought the product"},
    "created_at": {"type": "string", "format": "date-time"}
  }
})json";

// The author's and moderators' view.
constexpr std::string_view kReview = R"json({
  "type": "object",
  "allOf": [{"$ref": "#/components/schemas/ReviewPublic"}],
  "required": ["user_id", "status", "moderated_by", "moderated_at", "updated_at"],
  "properties": {
    "user_id": {"type": "string", "format": "uuid"},
    "status": {"type": "string", "enum": ["pending", "approved", "rejected"], "description": "Only approved reviews are shown"},
    "moderated_by": {"type": ["string", "null"], "format": "uuid"},
    "moderated_at": {"type": ["string", "null"], "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"}
  }
})json";

constexpr std::string_view kCatalogRating = R"json({
  "type": "object",
  "description": "The approved reviews of a product",
  "required": ["average", "count", "histogram"],
  "properties": {
    "average": {"type": "number", "description": "0 without reviews"},
    "count": {"type": "integer"},
    "histogram": {"type": "object", "description": "Reviews by stars, \"1\" to \"5\"", "additionalProperties": {"type": "integer"}}
  }
})json";

constexpr std::string_view kReviewDraft = R"json({
  "type": "object",
  "required": ["rating"],
  "properties": {
    "rating": {"type": "integer", "minimum": 1, "maximum": 5},
    "title": {"type": ["string", "null"], "maxLength": 200},
    "body": {"type": ["string", "null"], "maxLength": 5000, "description": "Line breaks allowed"}
  },
  "additionalProperties": false
})json";

// {items, next_cursor} of a view of reviews.
std::string page_schema(std::string_view item_schema) {
  return R"({"type": "object", "required": ["items", "next_cursor"], "properties": {"items": {"type": "array", "items":
            {"$ref": "#/components/schemas/)" +
         std::string(item_schema) +
         R"("}}, "next_cursor": {"type": ["string", "null"], "description": "null on the last page"}}})";
}

constexpr std::string_view kPageParameters = R"json(
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
  {"name": "cursor", "in": "query", "description": "next_cursor of the page before", "schema": {"type": "string"}})json";

const auto kReviewRef = R"({"$ref": "#/components/schemas/Review"})";

http::RouteOptions signed_in(http::RouteDoc doc) { return {.auth = true, .doc = std::move(doc)}; }
http::RouteOptions managers(http::RouteDoc doc) {
  return {
      .auth = true, .roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}, .doc = std::move(doc)};
}

// ?limit=&cursor=: one Error{validation} naming each bad one, after the problems found before.
PageRequest page_of(const Request& req, std::vector<FieldError> errors = {}) {
  PageRequest page;
  page.limit = static_cast<std::size_t>(req.page_limit(errors, 20));
  if (const auto cursor = req.query_param("cursor")) {
    page.after = parse_cursor(*cursor);
    if (!page.after) errors.push_back({"cursor", "is not a next_cursor of this list"});
  }
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid page", std::move(errors));
  return page;
}

Response list(const ReviewPage& page, boost::json::object (*view)(const Review&)) {
  return Response::json(review_page_json(page, view));
}

}  // namespace

void add_review_routes(http::Router& router, ReviewService& reviews) {
  router.schema("ReviewPublic", kReviewPublic);
  router.schema("Review", kReview);
  router.schema("CatalogRating", kCatalogRating);

  router.add(
      Method::post, "/api/v1/catalog/products/{id}/reviews",
      [&reviews](const Request& req) {
        const auto r = reviews.submit(req.user().user_id, req.param("id"), parse_review(req.json()));
        return Response::json(full_review_json(r), 201);
      },
      signed_in({.summary = "Reviews an active product (once per customer); shown once a moderator approves it",
                 .request = std::string(kReviewDraft),
                 .response = kReviewRef,
                 .status = 201,
                 .problems = {409}}));
  router.add(Method::get, "/api/v1/catalog/products/{id}/reviews",
             [&reviews](const Request& req) {
               return list(reviews.approved(req.param("id"), page_of(req)), public_review_json);
             },
             {.doc = {.summary = "The approved reviews of an active product, newest first",
                      .response = page_schema("ReviewPublic"),
                      .parameters = "[" + std::string(kPageParameters) + "]"}});
  router.add(Method::get, "/api/v1/catalog/products/{id}/rating",
             [&reviews](const Request& req) { return Response::json(rating_json(reviews.rating(req.param("id")))); },
             {.doc = {.summary = "The rating of an active product",
                      .response = R"({"$ref": "#/components/schemas/CatalogRating"})"}});
  router.add(
      Method::del, "/api/v1/catalog/reviews/{id}",
      [&reviews](const Request& req) {
        reviews.remove(req.user().user_id, req.param("id"));
        return Response::empty();
      },
      signed_in({.summary = "Deletes one's own review"}));

  router.add(
      Method::get, "/api/v1/admin/catalog/reviews",
      [&reviews](const Request& req) {
        const std::string status(req.query_param("status").value_or("pending"));
        std::vector<FieldError> errors;
        if (!is_review_status(status)) errors.push_back({"status", "must be pending, approved or rejected"});
        return list(reviews.with_status(status, page_of(req, std::move(errors))), full_review_json);
      },
      managers({.summary = "Reviews in one status, newest first: the moderation queue",
                .response = page_schema("Review"),
                .parameters = R"([{"name": "status", "in": "query", "schema": {"type": "string",
                                  "enum": ["pending", "approved", "rejected"], "default": "pending"}},)" +
                              std::string(kPageParameters) + "]"}));
  router.add(
      Method::post, "/api/v1/admin/catalog/reviews/{id}/moderate",
      [&reviews](const Request& req) {
        return Response::json(
            full_review_json(reviews.moderate(req.user().user_id, req.param("id"), parse_moderation(req.json()))));
      },
      managers({.summary = "Approves or rejects a review (deciding again what it is changes nothing)",
                .request = R"({"type": "object", "required": ["status"], "properties": {"status": {"type": "string",
                               "enum": ["approved", "rejected"]}}, "additionalProperties": false})",
                .response = kReviewRef}));
}

}  // namespace agora::catalog
