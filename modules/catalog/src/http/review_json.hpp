#pragma once
// Reviews over HTTP: a customer's review and a moderator's decision read from their bodies, and
// reviews, pages of them and ratings as JSON.
#include "app/review_service.hpp"
#include "domain/review.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace agora::catalog {

// Throws Error{validation} listing every bad field: rating an integer 1..5 (not "5", not 4.5),
// title at most 200 characters, body at most 5000 (line breaks allowed), no other fields.
ReviewDraft parse_review(const boost::json::value& body);
// {status: approved|rejected}; throws Error{validation} naming status (and any other field).
std::string parse_moderation(const boost::json::value& body);

// What anyone may read: the author is not named, only whether they bought the product.
boost::json::object public_review_json(const Review& r);
// The author's and moderators' view.
boost::json::object full_review_json(const Review& r);
// {items, next_cursor}, each item shown by `view`.
boost::json::object review_page_json(const ReviewPage& page, boost::json::object (*view)(const Review&));
// {average, count, histogram: {"1": n, ..., "5": n}}.
boost::json::object rating_json(const RatingSummary& s);

}  // namespace agora::catalog
