// Review rules without a database: what a customer may submit, how moderation moves the
// rating, cursors, and what an order.completed payload must hold.
#include "domain/review.hpp"
#include "harness/problems.hpp"
#include "http/review_json.hpp"

#include <agora/catalog/order_events.hpp>

#include <agora/core/error.hpp>
#include <agora/core/http.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <algorithm>

using namespace agora;
using namespace agora::catalog;

namespace {

std::vector<std::string> bad_fields(const boost::json::value& body) {
  try {
    parse_review(body);
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::validation);
    std::vector<std::string> out;
    for (const auto& f : e.fields()) out.push_back(f.field);
    std::sort(out.begin(), out.end());
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("a rating is an integer from 1 to 5, not a string or a fraction") {
  REQUIRE(parse_review(boost::json::parse(R"({"rating": 5})")).rating == 5);
  REQUIRE(parse_review(boost::json::parse(R"({"rating": 1, "title": "ok", "body": "fine"})")).title == "ok");
  for (const auto* body : {R"({"rating": 0})", R"({"rating": 6})", R"({"rating": "5"})", R"({"rating": 4.5})",
                           R"({"rating": null})", R"({})", R"({"rating": -1})", R"({"rating": true})"})
    REQUIRE(bad_fields(boost::json::parse(body)) == std::vector<std::string>{"rating"});
}

TEST_CASE("a review lists every bad field: title up to 200 characters, body up to 5000, no other fields") {
  REQUIRE(bad_fields({{"rating", 6},
                      {"title", std::string(201, 't')},
                      {"body", std::string(5001, 'b')},
                      {"status", "approved"}}) == std::vector<std::string>{"body", "rating", "status", "title"});
  // Characters, not bytes: 200 two-byte letters fit.
  std::string umlauts;
  for (int i = 0; i < 200; ++i) umlauts += "ü";
  REQUIRE(bad_fields({{"rating", 4}, {"title", umlauts}}).empty());
  REQUIRE(parse_review({{"rating", 4}, {"body", "Great.\nWould buy again.\n"}}).body == "Great.\nWould buy again.\n");
  REQUIRE(bad_fields({{"rating", 4}, {"title", "two\nlines"}}) == std::vector<std::string>{"title"});
  REQUIRE(bad_fields({{"rating", 4}, {"title", 5}}) == std::vector<std::string>{"title"});
  REQUIRE(test::error_kind_of([] { parse_review(boost::json::parse("[5]")); }) == ErrorKind::bad_request);
}

TEST_CASE("moderators approve or reject; nothing else") {
  REQUIRE(parse_moderation({{"status", "approved"}}) == "approved");
  REQUIRE(parse_moderation({{"status", "rejected"}}) == "rejected");
  REQUIRE(test::error_kind_of([] { parse_moderation({{"status", "pending"}}); }) == ErrorKind::validation);
  REQUIRE(test::error_kind_of([] { parse_moderation({{"status", 1}}); }) == ErrorKind::validation);
  REQUIRE(test::error_kind_of([] {
            parse_moderation({{"status", "approved"}, {"note", "fine"}});
          }) == ErrorKind::validation);
  REQUIRE(test::error_kind_of([] { parse_moderation(boost::json::parse("[]")); }) == ErrorKind::bad_request);
}

TEST_CASE("only moves into or out of approved change the rating") {
  REQUIRE(approved_delta("pending", "approved") == 1);
  REQUIRE(approved_delta("rejected", "approved") == 1);
  REQUIRE(approved_delta("approved", "rejected") == -1);
  REQUIRE(approved_delta("approved", "") == -1);  // an approved review deleted
  REQUIRE(approved_delta("pending", "rejected") == 0);
  REQUIRE(approved_delta("pending", "") == 0);
  REQUIRE(approved_delta("approved", "approved") == 0);
}

TEST_CASE("the average rating is the sum over the count, and 0 without reviews") {
  REQUIRE(RatingSummary{}.average() == 0.0);
  REQUIRE(RatingSummary{3, 11, {0, 0, 1, 1, 1}}.average() == Approx(11.0 / 3));
}

TEST_CASE("an average rating of 4.25 is answered as 4.25, not 4.25E0") {
  const RatingSummary rating{4, 17, {0, 0, 0, 3, 1}};
  REQUIRE(http::Response::json(rating_json(rating)).body ==
          R"({"average":4.25,"count":4,"histogram":{"1":0,"2":0,"3":0,"4":3,"5":1}})");
}

TEST_CASE("a cursor survives the round trip and anything else is refused") {
  Review last;
  last.id = "01900000-0000-7000-8000-000000000001";
  last.created_at = Timestamp(std::chrono::microseconds(1'700'000'000'123'456));
  const auto c = parse_cursor(to_cursor(last));
  REQUIRE(c);
  REQUIRE(c->created_at == last.created_at);
  REQUIRE(c->id == last.id);
  for (const auto* bad : {"", "123", "abc.01900000-0000-7000-8000-000000000001", "123.not-a-uuid", "12x.0190"})
    REQUIRE_FALSE(parse_cursor(bad));
}

TEST_CASE("a review cursor naming an instant outside 1970 to 2199 is refused before it reaches SQL") {
  for (const auto* bad :
       {"9223372036854775807.01900000-0000-7000-8000-000000000001", "-1.01900000-0000-7000-8000-000000000001",
        "7258118400000000.01900000-0000-7000-8000-000000000001"}) {  // 2200-01-01
    INFO(bad);
    REQUIRE_FALSE(parse_cursor(bad));
  }
  REQUIRE(parse_cursor("0.01900000-0000-7000-8000-000000000001")->created_at == Timestamp{});
}

TEST_CASE("an order.completed payload names the order, the user and SKUs; anything less does not read") {
  const auto order = boost::json::value_to<order_events::Completed>(boost::json::parse(
      R"({"order_id": "o-1", "user_id": "01900000-0000-7000-8000-000000000009",
          "lines": [{"sku": "TEE-M", "quantity": 2}, {"sku": "MUG", "quantity": 1}]})"));
  REQUIRE(order.order_id == "o-1");
  REQUIRE(order.lines.size() == 2);
  REQUIRE(order.lines[1].sku == "MUG");
  REQUIRE(boost::json::value_to<order_events::Completed>(boost::json::value_from(order)).lines[0].sku == "TEE-M");
  for (const auto* bad :
       {R"([])", R"({"user_id": "01900000-0000-7000-8000-000000000009", "lines": []})",
        R"({"order_id": "o-1", "user_id": "01900000-0000-7000-8000-000000000009"})",
        R"({"order_id": "o-1", "user_id": "01900000-0000-7000-8000-000000000009", "lines": [{"qty": 1}]})"})
    REQUIRE_THROWS(boost::json::value_to<order_events::Completed>(boost::json::parse(bad)));
}
