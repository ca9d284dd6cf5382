#include "app/review_service.hpp"

#include "store/review_store.hpp"

#include <agora/catalog/events.hpp>
#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/events.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>

namespace agora::catalog {
namespace {

Error no_product(const std::string& id) { return Error(ErrorKind::not_found, "no product with id " + id); }
// A customer is told of their own reviews only; moderators of any.
Error no_review(const std::string& id) { return Error(ErrorKind::not_found, "no review of yours with id " + id); }
Error no_review_with_id(const std::string& id) { return Error(ErrorKind::not_found, "no review with id " + id); }

// Drafts and archived products are not for the public: their reviews are as unknown as they are.
void require_active_product(soci::session& sql, const std::string& product_id) {
  if (!is_uuid(product_id) || review_store::product_status(sql, product_id) != "active") throw no_product(product_id);
}

// A review event that carries the product's rating after the change.
template <class RatedEvent>
RatedEvent rated(const Review& r, const RatingSummary& rating) {
  return {r.id, r.product_id, r.user_id, r.rating, r.status, rating.average(), rating.count};
}

// One more page than asked for tells whether there is a next one.
ReviewPage paged(std::vector<Review> rows, const PageRequest& page) {
  ReviewPage out;
  if (rows.size() > page.limit) {
    rows.resize(page.limit);
    out.next_cursor = to_cursor(rows.back());
  }
  out.items = std::move(rows);
  return out;
}

PageRequest one_more(PageRequest page) {
  ++page.limit;
  return page;
}

}  // namespace

ReviewService::ReviewService(Database& db, const Clock& clock,
                             std::function<void(const std::string& product_id)> on_rating_changed)
    : db_(db), clock_(clock), on_rating_changed_(std::move(on_rating_changed)) {}

Review ReviewService::submit(const std::string& user_id, const std::string& product_id, const ReviewDraft& draft) {
  if (!is_uuid(product_id)) throw no_product(product_id);
  Review r{.id = new_id(),
           .product_id = product_id,
           .user_id = user_id,
           .rating = draft.rating,
           .title = draft.title,
           .body = draft.body};
  r.created_at = r.updated_at = clock_.now();
  return db_.transact([&](Tx& tx) {
    require_active_product(tx.sql(), product_id);
    review_store::lock_buyer(tx.sql(), user_id);
    const auto stored = review_store::insert(tx.sql(), r);
    if (!stored)
      throw Error(ErrorKind::conflict, "you have already reviewed this product; delete that review to write a new one");
    tx.publish(
        events::ReviewSubmitted{stored->id, stored->product_id, stored->user_id, stored->rating, stored->status});
    return *stored;
  });
}

void ReviewService::remove(const std::string& user_id, const std::string& review_id) {
  if (!is_uuid(review_id)) throw no_review(review_id);
  db_.transact([&](Tx& tx) {
    const auto r = review_store::by_id(tx.sql(), review_id, true);
    if (!r || r->user_id != user_id) throw no_review(review_id);
    review_store::remove(tx.sql(), review_id);
    tx.publish(rated<events::ReviewDeleted>(*r, apply_to_rating(tx, *r, "")));
  });
}

ReviewPage ReviewService::approved(const std::string& product_id, const PageRequest& page) {
  auto conn = db_.acquire();
  require_active_product(*conn, product_id);
  return paged(review_store::approved_of_product(*conn, product_id, one_more(page)), page);
}

RatingSummary ReviewService::rating(const std::string& product_id) {
  auto conn = db_.acquire();
  require_active_product(*conn, product_id);
  return review_store::rating(*conn, product_id).value_or(RatingSummary{});
}

ReviewPage ReviewService::with_status(const std::string& status, const PageRequest& page) {
  if (!is_review_status(status))
    throw Error(ErrorKind::validation, "invalid review list", {{"status", "must be pending, approved or rejected"}});
  auto conn = db_.acquire();
  return paged(review_store::with_status(*conn, status, one_more(page)), page);
}

Review ReviewService::moderate(const std::string& moderator_id, const std::string& review_id,
                               const std::string& status) {
  if (!is_uuid(review_id)) throw no_review_with_id(review_id);
  return db_.transact([&](Tx& tx) {
    auto r = review_store::by_id(tx.sql(), review_id, true);
    if (!r) throw no_review_with_id(review_id);
    if (r->status == status) return *r;  // a repeated decision changes nothing and announces nothing
    const auto summary = apply_to_rating(tx, *r, status);
    r->status = status;
    r->moderated_by = moderator_id;
    r->moderated_at = r->updated_at = clock_.now();
    review_store::set_status(tx.sql(), *r);
    tx.publish(rated<events::ReviewModerated>(*r, summary));
    return *r;
  });
}

void ReviewService::on_order_completed(Tx& tx, const order_events::Completed& order, Timestamp completed_at) {
  if (order.user_id.empty()) return;  // a guest bought it: no account to mark reviews of
  if (!is_uuid(order.user_id)) throw UnreadableEvent("order.completed: user_id is not a UUID");
  std::vector<std::string> skus;
  for (const auto& l : order.lines) skus.push_back(l.sku);
  review_store::lock_buyer(tx.sql(), order.user_id);
  review_store::record_purchases(tx.sql(), order.user_id, order.order_id, skus, completed_at);
}

RatingSummary ReviewService::apply_to_rating(Tx& tx, const Review& r, std::string_view to) {
  if (const int delta = approved_delta(r.status, to)) {
    review_store::count_rating(tx.sql(), r.product_id, r.rating, delta);
    tx.after_commit([this, product_id = r.product_id] {
      // Committed already: a failing listener must not turn the caller's success into an error.
      try {
        on_rating_changed_(product_id);
      } catch (const std::exception& e) {
        log::warn("rating change listener failed", {{"product_id", product_id}, {"error", log::describe(e)}});
      }
    });
  }
  return review_store::rating(tx.sql(), r.product_id).value_or(RatingSummary{});
}

}  // namespace agora::catalog
