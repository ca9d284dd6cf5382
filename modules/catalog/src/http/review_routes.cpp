#include "http/part_routes.hpp"

#include <agora/user/api.hpp>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kSignedIn{.auth = true};
const http::RouteOptions kManagers{.auth = true, .roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}};

// What anyone may read: the author is not named, only whether they bought the product.
boost::json::object public_view(const Review& r) {
  return {{"id", r.id},       {"product_id", r.product_id}, {"rating", r.rating},
          {"title", r.title}, {"body", r.body},             {"verified_purchase", r.verified_purchase},
          {"created_at", to_rfc3339(r.created_at)}};
}

// The author's and moderators' view.
boost::json::object full_view(const Review& r) {
  auto v = public_view(r);
  v["user_id"] = r.user_id;
  v["status"] = r.status;
  v["moderated_by"] = r.moderated_by ? boost::json::value(*r.moderated_by) : boost::json::value(nullptr);
  v["moderated_at"] = r.moderated_at ? boost::json::value(to_rfc3339(*r.moderated_at)) : boost::json::value(nullptr);
  v["updated_at"] = to_rfc3339(r.updated_at);
  return v;
}

PageRequest page_of(const Request& req) { return parse_page(req.query_param("limit"), req.query_param("cursor")); }

Response list(const ReviewPage& page, boost::json::object (*view)(const Review&)) {
  boost::json::array items;
  for (const auto& r : page.items) items.push_back(view(r));
  return Response::json({{"items", std::move(items)},
                         {"next_cursor", page.next_cursor ? boost::json::value(*page.next_cursor) : nullptr}});
}

boost::json::object rating_view(const RatingSummary& s) {
  boost::json::object histogram;
  for (std::size_t stars = 1; stars <= 5; ++stars) histogram[std::to_string(stars)] = s.histogram[stars - 1];
  return {{"average", s.average()}, {"count", s.count}, {"histogram", std::move(histogram)}};
}

}  // namespace

void add_review_routes(http::Router& router, ReviewService& reviews) {
  router.add(Method::post, "/api/v1/catalog/products/{id}/reviews", [&reviews](const Request& req) {
    const auto r = reviews.submit(req.user().user_id, req.param("id"), req.json());
    return Response::json(full_view(r), 201);
  }, kSignedIn);
  router.add(Method::get, "/api/v1/catalog/products/{id}/reviews", [&reviews](const Request& req) {
    return list(reviews.approved(req.param("id"), page_of(req)), public_view);
  });
  router.add(Method::get, "/api/v1/catalog/products/{id}/rating", [&reviews](const Request& req) {
    return Response::json(rating_view(reviews.rating(req.param("id"))));
  });
  router.add(Method::del, "/api/v1/catalog/reviews/{id}", [&reviews](const Request& req) {
    reviews.remove(req.user().user_id, req.param("id"));
    return Response::empty();
  }, kSignedIn);

  router.add(Method::get, "/api/v1/admin/catalog/reviews", [&reviews](const Request& req) {
    const std::string status(req.query_param("status").value_or("pending"));
    return list(reviews.with_status(status, page_of(req)), full_view);
  }, kManagers);
  router.add(Method::post, "/api/v1/admin/catalog/reviews/{id}/moderate", [&reviews](const Request& req) {
    return Response::json(full_view(reviews.moderate(req.user().user_id, req.param("id"), req.json())));
  }, kManagers);
}

}  // namespace agora::catalog
