#include "http/part_routes.hpp"
#include "http/review_json.hpp"

#include <agora/user/api.hpp>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kSignedIn{.auth = true};
const http::RouteOptions kManagers{.auth = true,
                                   .roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}};

PageRequest page_of(const Request& req) { return parse_page(req.query_param("limit"), req.query_param("cursor")); }

Response list(const ReviewPage& page, boost::json::object (*view)(const Review&)) {
  return Response::json(review_page_json(page, view));
}

}  // namespace

void add_review_routes(http::Router& router, ReviewService& reviews) {
  router.add(
      Method::post, "/api/v1/catalog/products/{id}/reviews",
      [&reviews](const Request& req) {
        const auto r = reviews.submit(req.user().user_id, req.param("id"), parse_review(req.json()));
        return Response::json(full_review_json(r), 201);
      },
      kSignedIn);
  router.add(Method::get, "/api/v1/catalog/products/{id}/reviews", [&reviews](const Request& req) {
    return list(reviews.approved(req.param("id"), page_of(req)), public_review_json);
  });
  router.add(Method::get, "/api/v1/catalog/products/{id}/rating",
             [&reviews](const Request& req) { return Response::json(rating_json(reviews.rating(req.param("id")))); });
  router.add(
      Method::del, "/api/v1/catalog/reviews/{id}",
      [&reviews](const Request& req) {
        reviews.remove(req.user().user_id, req.param("id"));
        return Response::empty();
      },
      kSignedIn);

  router.add(
      Method::get, "/api/v1/admin/catalog/reviews",
      [&reviews](const Request& req) {
        const std::string status(req.query_param("status").value_or("pending"));
        return list(reviews.with_status(status, page_of(req)), full_review_json);
      },
      kManagers);
  router.add(
      Method::post, "/api/v1/admin/catalog/reviews/{id}/moderate",
      [&reviews](const Request& req) {
        return Response::json(
            full_review_json(reviews.moderate(req.user().user_id, req.param("id"), parse_moderation(req.json()))));
      },
      kManagers);
}

}  // namespace agora::catalog
