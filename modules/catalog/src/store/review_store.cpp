#include "store/review_store.hpp"

#include "store/rating_columns.hpp"

#include <agora/core/prepared.hpp>

namespace agora::catalog::review_store {
namespace {

constexpr std::string_view kColumns =
    "id, product_id, user_id, rating, title, body, status, verified_purchase, moderated_by, moderated_at, created_at,"
    " updated_at";

// Distinct from the category tree's lock class (category_store.cpp).
constexpr int kBuyerLockClass = 0x63617401;

// The reviews `where` (on $1) picks, newest first, strictly after the cursor when there is one.
std::vector<Review> page_of(soci::session& sql, std::string_view where, const std::string& value,
                            const PageRequest& page) {
  std::optional<Timestamp> after_created;
  std::optional<std::string> after_id;
  if (page.after) {
    after_created = page.after->created_at;
    after_id = page.after->id;
  }
  return prepared::run(sql,
                       "SELECT " + std::string(kColumns) + " FROM catalog.reviews WHERE " + std::string(where) +
                           " AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))"
                           " ORDER BY created_at DESC, id DESC LIMIT $4",
                       {value, after_created, after_id, static_cast<std::int64_t>(page.limit)})
      .all<Review>();
}

}  // namespace

void lock_buyer(soci::session& sql, const std::string& user_id) {
  prepared::run(sql, "SELECT pg_advisory_xact_lock($1, hashtext($2))", {kBuyerLockClass, user_id});
}

std::optional<std::string> product_status(soci::session& sql, const std::string& product_id) {
  const auto rows = prepared::run(sql, "SELECT status FROM catalog.products WHERE id = $1", {product_id});
  if (rows.empty()) return std::nullopt;
  return rows.get<std::string>(0, "status");
}

std::optional<Review> insert(soci::session& sql, const Review& r) {
  const auto rows = prepared::run(
      sql,
      "INSERT INTO catalog.reviews (id, product_id, user_id, rating, title, body, status, verified_purchase,"
      " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, EXISTS (SELECT 1 FROM catalog.purchases p"
      " WHERE p.user_id = $3 AND p.product_id = $2), $8, $9)"
      " ON CONFLICT (product_id, user_id) DO NOTHING RETURNING " +
          std::string(kColumns),
      {r.id, r.product_id, r.user_id, r.rating, r.title, r.body, r.status, r.created_at, r.updated_at});
  if (rows.empty()) return std::nullopt;
  return rows.as<Review>(0);
}

std::optional<Review> by_id(soci::session& sql, const std::string& id, bool for_update) {
  const auto rows = prepared::run(
      sql,
      "SELECT " + std::string(kColumns) + " FROM catalog.reviews WHERE id = $1" + (for_update ? " FOR UPDATE" : ""),
      {id});
  if (rows.empty()) return std::nullopt;
  return rows.as<Review>(0);
}

void set_status(soci::session& sql, const Review& r) {
  prepared::run(sql,
                "UPDATE catalog.reviews SET status = $1, moderated_by = $2, moderated_at = $3, updated_at = $4"
                " WHERE id = $5",
                {r.status, r.moderated_by, r.moderated_at, r.updated_at, r.id});
}

void remove(soci::session& sql, const std::string& id) {
  prepared::run(sql, "DELETE FROM catalog.reviews WHERE id = $1", {id});
}

std::vector<Review> approved_of_product(soci::session& sql, const std::string& product_id, const PageRequest& page) {
  return page_of(sql, "product_id = $1 AND status = 'approved'", product_id, page);
}

std::vector<Review> with_status(soci::session& sql, const std::string& status, const PageRequest& page) {
  return page_of(sql, "status = $1", status, page);
}

void count_rating(soci::session& sql, const std::string& product_id, int rating, int delta) {
  // The first approval creates the row; later ones add to it in place, so concurrent
  // moderations of one product never overwrite each other's counts.
  prepared::run(sql,
                "INSERT INTO catalog.rating_stats AS s (product_id, count, sum, r1, r2, r3, r4, r5)"
                " SELECT $1::uuid, d, d * r, CASE r WHEN 1 THEN d ELSE 0 END, CASE r WHEN 2 THEN d ELSE 0 END,"
                " CASE r WHEN 3 THEN d ELSE 0 END, CASE r WHEN 4 THEN d ELSE 0 END, CASE r WHEN 5 THEN d ELSE 0 END"
                " FROM (SELECT $2::int AS d, $3::int AS r) AS change"
                " ON CONFLICT (product_id) DO UPDATE SET count = s.count + EXCLUDED.count, sum = s.sum + EXCLUDED.sum,"
                " r1 = s.r1 + EXCLUDED.r1, r2 = s.r2 + EXCLUDED.r2, r3 = s.r3 + EXCLUDED.r3, r4 = s.r4 + EXCLUDED.r4,"
                " r5 = s.r5 + EXCLUDED.r5",
                {product_id, delta, rating});
}

std::optional<RatingSummary> rating(soci::session& sql, const std::string& product_id) {
  const auto rows = prepared::run(
      sql, "SELECT count, sum, r1, r2, r3, r4, r5 FROM catalog.rating_stats WHERE product_id = $1", {product_id});
  if (rows.empty()) return std::nullopt;
  return rating_columns(rows, 0);
}

void record_purchases(soci::session& sql, const std::string& user_id, const std::string& order_id,
                      const std::vector<std::string>& skus, Timestamp bought_at) {
  prepared::run(sql,
                "INSERT INTO catalog.purchases (user_id, product_id, order_id, bought_at)"
                " SELECT DISTINCT $1::uuid, v.product_id, $2::text, $3::timestamptz FROM catalog.variants v"
                " WHERE v.sku = ANY($4::text[])"
                " ON CONFLICT (user_id, product_id) DO NOTHING",
                {user_id, order_id, bought_at, skus});
  prepared::run(sql,
                "UPDATE catalog.reviews r SET verified_purchase = true WHERE r.user_id = $1"
                " AND NOT r.verified_purchase AND EXISTS (SELECT 1 FROM catalog.purchases p"
                " WHERE p.user_id = r.user_id AND p.product_id = r.product_id)",
                {user_id});
}

}  // namespace agora::catalog::review_store
