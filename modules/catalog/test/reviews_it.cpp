// Reviews against the real database: one per customer and product, moderation moving the rating
// aggregate (and telling the product read model), newest-first pages, deletion by the author
// only, and verified purchases from order.completed events, redelivered or not.
#include "app/review_service.hpp"
#include "http/part_routes.hpp"
#include "http/review_json.hpp"
#include "parts_db.hpp"

#include <agora/catalog/events.hpp>
#include <agora/catalog/order_events.hpp>

#include <latch>
#include <mutex>

using namespace agora;
using namespace agora::catalog;
using namespace agora::catalog::test;

namespace {

const std::string kModerator = "01900000-0000-7000-8000-00000000aaaa";

std::string user(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "01900000-0000-7000-8000-%012d", n);
  return buf;
}

struct Reviews : PartsDb {
  std::mutex mutex;
  std::vector<std::string> rating_changes;  // product ids, as the read model heard them
  ReviewService reviews{db, clock, [this](const std::string& product_id) {
                          std::lock_guard lock(mutex);
                          rating_changes.push_back(product_id);
                        }};

  Review submit(int author, const std::string& product, int rating, const std::string& title = "") {
    clock.advance(std::chrono::seconds(1));
    return reviews.submit(user(author), product,
                          parse_review({{"rating", rating}, {"title", title}, {"body", "Body text"}}));
  }
  Review moderate(const std::string& review_id, const std::string& status) {
    return reviews.moderate(kModerator, review_id, parse_moderation({{"status", status}}));
  }
  std::vector<std::string> heard() {
    std::lock_guard lock(mutex);
    return rating_changes;
  }
  static order_events::Completed completed_order(const std::string& buyer, const std::vector<std::string>& skus) {
    order_events::Completed order{"order-1", buyer, {}};
    for (const auto& sku : skus) order.lines.push_back({sku});
    return order;
  }
  void deliver(const order_events::Completed& order) {
    db.transact([&](Tx& tx) { reviews.on_order_completed(tx, order, clock.now()); });
  }
};

}  // namespace

TEST_CASE("a submitted review waits for moderation: it is not shown and does not count yet") {
  Reviews r;
  const auto product = r.product();
  const auto review = r.submit(1, product, 4, "Solid");
  REQUIRE(review.status == "pending");
  REQUIRE_FALSE(review.verified_purchase);
  REQUIRE(review.user_id == user(1));
  REQUIRE(r.reviews.approved(product, {}).items.empty());
  REQUIRE(r.reviews.rating(product).count == 0);
  REQUIRE(r.reviews.with_status("pending", {}).items.at(0).id == review.id);

  const auto announced = r.published<events::ReviewSubmitted>(product);
  REQUIRE(announced.size() == 1);
  REQUIRE(announced[0].review_id == review.id);
  REQUIRE(announced[0].rating == 4);
  REQUIRE(announced[0].status == "pending");
}

TEST_CASE("a customer reviews a product once; the second attempt is a conflict and changes nothing") {
  Reviews r;
  const auto product = r.product();
  const auto first = r.submit(1, product, 5, "First");
  REQUIRE(thrown([&] { r.submit(1, product, 1, "Second"); }).kind == ErrorKind::conflict);
  REQUIRE(r.count("SELECT count(*) FROM catalog.reviews") == 1);
  REQUIRE(r.reviews.with_status("pending", {}).items.at(0).title == "First");
  REQUIRE(r.published<events::ReviewSubmitted>(product).size() == 1);
  REQUIRE(r.submit(2, product, 3).status == "pending");  // another customer may
}

TEST_CASE("bad reviews are refused field by field, and only active products take reviews") {
  Reviews r;
  const auto product = r.product();
  for (const boost::json::value& rating : {boost::json::value(0), boost::json::value(6), boost::json::value("5")}) {
    const auto e = thrown([&] { r.reviews.submit(user(1), product, parse_review({{"rating", rating}})); });
    REQUIRE(e.kind == ErrorKind::validation);
    REQUIRE(e.fields == std::vector<std::string>{"rating"});
  }
  const auto e = thrown([&] {
    r.reviews.submit(user(1), product,
                     parse_review({{"rating", 9}, {"title", std::string(201, 'x')}, {"verified_purchase", true}}));
  });
  REQUIRE(e.fields == std::vector<std::string>{"rating", "title", "verified_purchase"});

  const auto draft = r.product({}, "draft");
  const auto archived = r.product({}, "archived");
  for (const auto& id : {draft, archived, std::string("01900000-0000-7000-8000-0000000000ff"), std::string("nope")}) {
    REQUIRE(thrown([&] { r.reviews.submit(user(1), id, parse_review({{"rating", 5}})); }).kind == ErrorKind::not_found);
    REQUIRE(thrown([&] { r.reviews.rating(id); }).kind == ErrorKind::not_found);
    REQUIRE(thrown([&] { r.reviews.approved(id, {}); }).kind == ErrorKind::not_found);
  }
  REQUIRE(r.count("SELECT count(*) FROM catalog.reviews") == 0);
}

TEST_CASE("approving and rejecting move the rating, and the product read model hears of each change") {
  Reviews r;
  const auto product = r.product();
  const auto five = r.submit(1, product, 5);
  const auto two = r.submit(2, product, 2);
  const auto four = r.submit(3, product, 4);

  r.moderate(five.id, "approved");
  r.moderate(two.id, "approved");
  const auto moderated = r.moderate(four.id, "rejected");
  REQUIRE(moderated.status == "rejected");
  REQUIRE(moderated.moderated_by == kModerator);
  REQUIRE(moderated.moderated_at);

  auto rating = r.reviews.rating(product);
  REQUIRE(rating.count == 2);
  REQUIRE(rating.average() == Approx(3.5));
  REQUIRE(rating.histogram == std::array<int, 5>{0, 1, 0, 0, 1});
  REQUIRE(r.heard() == std::vector<std::string>{product, product});  // the rejection changed nothing

  r.moderate(five.id, "rejected");  // un-approving subtracts
  r.moderate(four.id, "approved");
  rating = r.reviews.rating(product);
  REQUIRE(rating.count == 2);
  REQUIRE(rating.sum == 6);
  REQUIRE(rating.histogram == std::array<int, 5>{0, 1, 0, 1, 0});
  REQUIRE(r.heard().size() == 4);

  const auto last = r.published<events::ReviewModerated>(product).back();
  REQUIRE(last.review_id == four.id);
  REQUIRE(last.status == "approved");
  REQUIRE(last.rating_count == 2);
  REQUIRE(last.rating_average == Approx(3.0));

  // Deciding the same again is no change: no event, no notice, same aggregate.
  const auto events_before = r.published<events::ReviewModerated>(product).size();
  r.moderate(four.id, "approved");
  REQUIRE(r.published<events::ReviewModerated>(product).size() == events_before);
  REQUIRE(r.heard().size() == 4);
  REQUIRE(r.reviews.rating(product).count == 2);

  REQUIRE(thrown([&] { r.moderate(four.id, "pending"); }).fields == std::vector<std::string>{"status"});
  REQUIRE(thrown([&] { r.moderate(user(99), "approved"); }).kind == ErrorKind::not_found);
  REQUIRE(thrown([&] { r.moderate("nope", "approved"); }).kind == ErrorKind::not_found);
}

TEST_CASE("moderators approving many reviews of one product at once lose no count") {
  Reviews r;
  const auto product = r.product();
  std::vector<std::string> ids;
  for (int i = 1; i <= 8; ++i) ids.push_back(r.submit(i, product, 1 + i % 5).id);
  std::latch start(static_cast<std::ptrdiff_t>(ids.size()));
  std::vector<std::thread> moderators;
  for (const auto& id : ids)
    moderators.emplace_back([&, id] {
      start.arrive_and_wait();
      r.reviews.moderate(kModerator, id, parse_moderation({{"status", "approved"}}));
    });
  for (auto& t : moderators) t.join();
  const auto rating = r.reviews.rating(product);
  REQUIRE(rating.count == 8);
  REQUIRE(rating.sum == 2 + 3 + 4 + 5 + 1 + 2 + 3 + 4);
  REQUIRE(rating.histogram == std::array<int, 5>{1, 2, 2, 2, 1});
}

TEST_CASE("approved reviews page newest first with a cursor until there are no more") {
  Reviews r;
  const auto product = r.product();
  std::vector<std::string> newest_first;
  for (int i = 1; i <= 5; ++i) {
    const auto review = r.submit(i, product, 5, "review " + std::to_string(i));
    r.moderate(review.id, "approved");
    newest_first.insert(newest_first.begin(), review.id);
  }
  r.submit(6, product, 1);  // pending: never listed

  std::vector<std::string> seen;
  PageRequest page{.limit = 2};
  int pages = 0;
  for (;;) {
    const auto got = r.reviews.approved(product, page);
    ++pages;
    for (const auto& review : got.items) seen.push_back(review.id);
    if (!got.next_cursor) break;
    page.after = parse_cursor(*got.next_cursor);
  }
  REQUIRE(pages == 3);
  REQUIRE(seen == newest_first);
  REQUIRE_FALSE(r.reviews.approved(product, {.limit = 5}).next_cursor);  // an exact fit has no next page
  REQUIRE(r.reviews.with_status("approved", {.limit = 10}).items.size() == 5);
  REQUIRE(thrown([&] { r.reviews.with_status("spam", {}); }).fields == std::vector<std::string>{"status"});
}

TEST_CASE("authors delete their own reviews only; deleting an approved one takes it out of the rating") {
  Reviews r;
  const auto product = r.product();
  const auto mine = r.submit(1, product, 5);
  const auto theirs = r.submit(2, product, 1);
  r.moderate(mine.id, "approved");
  r.moderate(theirs.id, "approved");

  REQUIRE(thrown([&] { r.reviews.remove(user(1), theirs.id); }).kind == ErrorKind::not_found);
  REQUIRE(r.reviews.rating(product).count == 2);
  r.reviews.remove(user(1), mine.id);
  const auto rating = r.reviews.rating(product);
  REQUIRE(rating.count == 1);
  REQUIRE(rating.average() == Approx(1.0));
  REQUIRE(r.heard().size() == 3);
  REQUIRE(r.published<events::ReviewDeleted>(product).at(0).rating_count == 1);
  REQUIRE(thrown([&] { r.reviews.remove(user(1), mine.id); }).kind == ErrorKind::not_found);
  REQUIRE(thrown([&] { r.reviews.remove(user(1), "nope"); }).kind == ErrorKind::not_found);
  REQUIRE(r.submit(1, product, 4).status == "pending");  // free to review again
}

TEST_CASE("a completed order marks the buyer's reviews of its products as verified, once, however often delivered") {
  Reviews r;
  const auto tee = r.product({"TEE-S", "TEE-M"});
  const auto mug = r.product({"MUG"});
  const auto unbought = r.product({"HAT"});
  const auto before = r.submit(1, tee, 5);
  r.submit(1, unbought, 3);
  r.submit(2, tee, 4);  // someone else's review of the same product

  const auto order = r.completed_order(user(1), {"TEE-S", "TEE-M", "MUG", "NO-SUCH-SKU"});
  r.deliver(order);
  r.deliver(order);  // redelivered after a lost acknowledgement
  REQUIRE(r.count("SELECT count(*) FROM catalog.purchases") == 2);
  REQUIRE(r.count("SELECT count(*) FROM catalog.reviews WHERE verified_purchase") == 1);
  REQUIRE(r.reviews.with_status("pending", {.limit = 10}).items.size() == 3);
  const auto verified = r.reviews.with_status("pending", {.limit = 10}).items;
  REQUIRE(std::count_if(verified.begin(), verified.end(),
                        [&](const Review& v) { return v.id == before.id && v.verified_purchase; }) == 1);

  REQUIRE(r.submit(1, mug, 5).verified_purchase);  // reviewed after buying
  REQUIRE_FALSE(r.submit(2, mug, 5).verified_purchase);
}

TEST_CASE(
    "order.completed events reach the handler through the bus; a malformed one is dead-lettered at once with its "
    "reason") {
  Reviews r;
  const auto tee = r.product({"TEE"});
  const auto review = r.submit(1, tee, 5);
  r.bus.subscribe<order_events::Completed>("catalog.verified_purchases",
                                           [&r](Tx& tx, const order_events::Completed& order, const Event& e) {
                                             r.reviews.on_order_completed(tx, order, e.occurred_at);
                                           });
  r.start();
  r.db.transact([&](Tx& tx) {
    tx.publish(r.completed_order(user(1), {"TEE"}));
    const std::string topic(order_events::Completed::kName.topic), type(order_events::Completed::kName.type);
    tx.publish(topic, type, 1, "order-2", {{"order_id", "order-2"}, {"user_id", user(1)}, {"lines", "not a list"}});
    tx.publish(topic, type, 1, "order-3",
               {{"order_id", "order-3"}, {"user_id", "bob"}, {"lines", boost::json::array()}});
  });
  REQUIRE(eventually([&] { return r.count("SELECT count(*) FROM catalog.purchases") == 1; }));
  REQUIRE(eventually([&] { return r.bus.dead_letters(10).size() == 2; }));
  const auto dead = r.bus.dead_letters(10);
  REQUIRE(dead.at(0).event.key == "order-2");
  REQUIRE(dead.at(0).attempts == 1);  // not retried: the same payload would not read either
  REQUIRE(dead.at(0).last_error == "unreadable event: order.completed version 1: lines: value is not an array");
  REQUIRE(dead.at(1).event.key == "order-3");
  REQUIRE(dead.at(1).last_error == "unreadable event: order.completed: user_id is not a UUID");
  REQUIRE(r.count("SELECT count(*) FROM catalog.reviews WHERE verified_purchase") == 1);
  REQUIRE(r.reviews.with_status("pending", {}).items.at(0).id == review.id);
}

TEST_CASE("the review routes: signed-in authors, public approved lists and rating, moderation for managers") {
  Reviews r;
  RouterClient http;
  add_review_routes(http.router, r.reviews);
  using http::Method;
  const auto product = r.product();
  const RouterClient::Caller author{user(1), {"customer"}};
  const RouterClient::Caller stranger{user(2), {"customer"}};
  const RouterClient::Caller manager{kModerator, {"catalog_manager"}};
  const auto reviews_path = "/api/v1/catalog/products/" + product + "/reviews";

  REQUIRE(http.call(Method::post, reviews_path, {{"rating", 5}}).status == 401);
  const auto bad = http.call(Method::post, reviews_path, {{"rating", "5"}}, author);
  REQUIRE(bad.status == 422);
  REQUIRE(body_of(bad).at("errors").at(0).at("field") == "rating");
  const auto created = http.call(Method::post, reviews_path, {{"rating", 5}, {"title", "Great"}}, author);
  REQUIRE(created.status == 201);
  REQUIRE(body_of(created).at("status") == "pending");
  const std::string id(body_of(created).at("id").as_string());
  REQUIRE(http.call(Method::post, reviews_path, {{"rating", 4}}, author).status == 409);
  REQUIRE(http.call(Method::post, "/api/v1/catalog/products/nope/reviews", {{"rating", 4}}, author).status == 404);

  const auto queue = http.call(Method::get, "/api/v1/admin/catalog/reviews?status=pending&limit=10", nullptr, manager);
  REQUIRE(body_of(queue).at("items").at(0).at("id") == boost::json::value(id));
  REQUIRE(http.call(Method::get, "/api/v1/admin/catalog/reviews", nullptr, author).status == 403);
  REQUIRE(http.call(Method::post, "/api/v1/admin/catalog/reviews/" + id + "/moderate", {{"status", "approved"}}, author)
              .status == 403);
  REQUIRE(
      http.call(Method::post, "/api/v1/admin/catalog/reviews/" + id + "/moderate", {{"status", "approved"}}, manager)
          .status == 200);

  const auto listed = body_of(http.call(Method::get, reviews_path + "?limit=1"));
  REQUIRE(listed.at("items").at(0).at("title") == "Great");
  REQUIRE_FALSE(listed.at("items").at(0).as_object().contains("user_id"));  // the public never sees who
  REQUIRE(listed.at("next_cursor").is_null());
  for (const auto& [query, fields] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"?limit=0", {"limit"}},
           {"?limit=abc", {"limit"}},
           {"?cursor=garbage", {"cursor"}},
           {"?cursor=9223372036854775807.01900000-0000-7000-8000-000000000001", {"cursor"}},
           {"?limit=1000&cursor=garbage", {"limit", "cursor"}}}) {
    INFO(query);
    const auto refused = http.call(Method::get, reviews_path + query);
    REQUIRE(refused.status == 422);
    const auto problem = body_of(refused);
    std::vector<std::string> named;
    for (const auto& e : problem.at("errors").as_array()) named.emplace_back(e.at("field").as_string());
    REQUIRE(named == fields);
  }
  const auto queue_refused =
      http.call(Method::get, "/api/v1/admin/catalog/reviews?status=hidden&limit=0", nullptr, manager);
  REQUIRE(queue_refused.status == 422);
  REQUIRE(body_of(queue_refused).at("errors").at(0).at("field") == "status");
  REQUIRE(body_of(queue_refused).at("errors").at(1).at("field") == "limit");
  const auto moderation = http.call(Method::post, "/api/v1/admin/catalog/reviews/" + id + "/moderate",
                                    {{"status", "approved"}, {"note", "ok"}}, manager);
  REQUIRE(moderation.status == 422);
  REQUIRE(body_of(moderation).at("errors").at(0).at("field") == "note");

  const auto rating = body_of(http.call(Method::get, "/api/v1/catalog/products/" + product + "/rating"));
  REQUIRE(rating.at("count") == 1);
  REQUIRE(rating.at("average").to_number<double>() == Approx(5.0));
  REQUIRE(rating.at("histogram") == boost::json::object{{"1", 0}, {"2", 0}, {"3", 0}, {"4", 0}, {"5", 1}});

  REQUIRE(http.call(Method::del, "/api/v1/catalog/reviews/" + id, nullptr, stranger).status == 404);
  REQUIRE(http.call(Method::del, "/api/v1/catalog/reviews/" + id, nullptr, author).status == 204);
  REQUIRE(body_of(http.call(Method::get, "/api/v1/catalog/products/" + product + "/rating")).at("count") == 0);
}
