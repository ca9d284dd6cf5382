#include "http/review_json.hpp"

#include <agora/core/fields.hpp>

namespace agora::catalog {

ReviewDraft parse_review(const boost::json::value& body) {
  Fields f(body);
  ReviewDraft d;
  // Only a JSON integer: "5" and 4.5 are refused rather than coerced.
  d.rating = static_cast<int>(f.integer("rating", kMinRating, kMaxRating, true).value_or(0));
  d.title = f.text("title", kMaxReviewTitle, false, true).value_or("");
  d.body = f.text("body", kMaxReviewBody, false, true, true).value_or("");
  f.finish({"rating", "title", "body"}, "invalid review");
  return d;
}

std::string parse_moderation(const boost::json::value& body) {
  Fields f(body);
  const auto* v = f.raw("status");
  if (!v || !v->is_string() || !is_moderation_outcome(v->get_string()))
    f.fail("status", "must be approved or rejected");
  f.finish({"status"}, "invalid moderation");
  return std::string(v->get_string());
}

boost::json::object public_review_json(const Review& r) {
  return {{"id", r.id},
          {"product_id", r.product_id},
          {"rating", r.rating},
          {"title", r.title},
          {"body", r.body},
          {"verified_purchase", r.verified_purchase},
          {"created_at", to_rfc3339(r.created_at)}};
}

boost::json::object full_review_json(const Review& r) {
  auto v = public_review_json(r);
  v["user_id"] = r.user_id;
  v["status"] = r.status;
  v["moderated_by"] = r.moderated_by ? boost::json::value(*r.moderated_by) : boost::json::value(nullptr);
  v["moderated_at"] = r.moderated_at ? boost::json::value(to_rfc3339(*r.moderated_at)) : boost::json::value(nullptr);
  v["updated_at"] = to_rfc3339(r.updated_at);
  return v;
}

boost::json::object review_page_json(const ReviewPage& page, boost::json::object (*view)(const Review&)) {
  boost::json::array items;
  for (const auto& r : page.items) items.push_back(view(r));
  return {{"items", std::move(items)},
          {"next_cursor", page.next_cursor ? boost::json::value(*page.next_cursor) : nullptr}};
}

boost::json::object rating_json(const RatingSummary& s) {
  boost::json::object histogram;
  for (std::size_t stars = 1; stars <= 5; ++stars) histogram[std::to_string(stars)] = s.histogram[stars - 1];
  return {{"average", s.average()}, {"count", s.count}, {"histogram", std::move(histogram)}};
}

}  // namespace agora::catalog
