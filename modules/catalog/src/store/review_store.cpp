#include "store/review_store.hpp"

#include <agora/core/sql_values.hpp>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <soci/soci.h>

namespace agora::catalog::review_store {
namespace {

constexpr const char* kSelect =
    "SELECT CAST(id AS text), CAST(product_id AS text), CAST(user_id AS text), CAST(rating AS int), title, body,"
    " status, CAST(verified_purchase AS int), COALESCE(CAST(moderated_by AS text), ''), "
    AGORA_US("moderated_at") ", " AGORA_US("created_at") ", " AGORA_US("updated_at") " FROM catalog.reviews ";

// Newest first, strictly after the cursor when there is one.
constexpr const char* kPage =
    " AND (CAST(:has_cursor AS int) = 0 OR (created_at, id) < (" AGORA_TS(":cursor_us") ", CAST(:cursor_id AS uuid)))"
    " ORDER BY created_at DESC, id DESC LIMIT CAST(:lim AS bigint)";

// Distinct from the category tree's lock class (category_store.cpp).
constexpr int kBuyerLockClass = 0x63617401;

Review from_row(const soci::row& r) {
  Review v;
  v.id = r.get<std::string>(0);
  v.product_id = r.get<std::string>(1);
  v.user_id = r.get<std::string>(2);
  v.rating = r.get<int>(3);
  v.title = r.get<std::string>(4);
  v.body = r.get<std::string>(5);
  v.status = r.get<std::string>(6);
  v.verified_purchase = r.get<int>(7) != 0;
  if (auto by = r.get<std::string>(8); !by.empty()) v.moderated_by = std::move(by);
  if (r.get_indicator(9) == soci::i_ok) v.moderated_at = from_micros(r.get<long long>(9));
  v.created_at = from_micros(r.get<long long>(10));
  v.updated_at = from_micros(r.get<long long>(11));
  return v;
}

std::vector<Review> page_of(soci::session& sql, const std::string& where, const std::string& value,
                            const PageRequest& page) {
  const int has_cursor = page.after ? 1 : 0;
  const long long cursor_us = page.after ? micros(page.after->created_at) : 0;
  // Never compared when there is no cursor, but it must still parse as a uuid.
  const std::string cursor_id = page.after ? page.after->id : "00000000-0000-0000-0000-000000000000";
  const auto lim = static_cast<long long>(page.limit);
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSelect) + where + kPage, soci::use(value), soci::use(has_cursor),
       soci::use(cursor_us), soci::use(cursor_id), soci::use(lim));
  std::vector<Review> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

}  // namespace

void lock_buyer(soci::session& sql, const std::string& user_id) {
  sql << "SELECT pg_advisory_xact_lock(CAST(:class AS int), hashtext(CAST(:user AS text)))", soci::use(kBuyerLockClass),
      soci::use(user_id);
}

std::optional<std::string> product_status(soci::session& sql, const std::string& product_id) {
  std::string status;
  sql << "SELECT status FROM catalog.products WHERE id = CAST(:id AS uuid)", soci::use(product_id), soci::into(status);
  if (!sql.got_data()) return std::nullopt;
  return status;
}

std::optional<Review> insert(soci::session& sql, const Review& r) {
  const auto created = micros(r.created_at), updated = micros(r.updated_at);
  std::string id;
  sql << "INSERT INTO catalog.reviews (id, product_id, user_id, rating, title, body, status, verified_purchase,"
         " created_at, updated_at) VALUES (CAST(:id AS uuid), CAST(:product AS uuid), CAST(:user AS uuid), CAST(:rating AS smallint),"
         " :title, :body, :status, EXISTS (SELECT 1 FROM catalog.purchases p WHERE p.user_id = CAST(:buyer AS uuid)"
         " AND p.product_id = CAST(:bought AS uuid)), " AGORA_TS(":created") ", " AGORA_TS(":updated") ")"
         " ON CONFLICT (product_id, user_id) DO NOTHING RETURNING CAST(id AS text)",
      soci::use(r.id), soci::use(r.product_id), soci::use(r.user_id), soci::use(r.rating), soci::use(r.title),
      soci::use(r.body), soci::use(r.status), soci::use(r.user_id), soci::use(r.product_id), soci::use(created),
      soci::use(updated), soci::into(id);
  if (!sql.got_data()) return std::nullopt;
  return by_id(sql, id);
}

std::optional<Review> by_id(soci::session& sql, const std::string& id, bool for_update) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSelect) + "WHERE id = CAST(:id AS uuid)" + (for_update ? " FOR UPDATE" : ""),
       soci::use(id));
  for (const auto& r : rows) return from_row(r);
  return std::nullopt;
}

void set_status(soci::session& sql, const Review& r) {
  auto by = nullable(r.moderated_by);
  const long long at = r.moderated_at ? micros(*r.moderated_at) : 0;
  soci::indicator at_ind = r.moderated_at ? soci::i_ok : soci::i_null;
  const auto updated = micros(r.updated_at);
  sql << "UPDATE catalog.reviews SET status = :status, moderated_by = CAST(:by AS uuid), moderated_at = "
         AGORA_TS(":at") ", updated_at = " AGORA_TS(":updated") " WHERE id = CAST(:id AS uuid)",
      soci::use(r.status), soci::use(by.value, by.ind), soci::use(at, at_ind), soci::use(updated), soci::use(r.id);
}

void remove(soci::session& sql, const std::string& id) {
  sql << "DELETE FROM catalog.reviews WHERE id = CAST(:id AS uuid)", soci::use(id);
}

std::vector<Review> approved_of_product(soci::session& sql, const std::string& product_id, const PageRequest& page) {
  return page_of(sql, "WHERE product_id = CAST(:product AS uuid) AND status = 'approved'", product_id, page);
}

std::vector<Review> with_status(soci::session& sql, const std::string& status, const PageRequest& page) {
  return page_of(sql, "WHERE status = :status", status, page);
}

void count_rating(soci::session& sql, const std::string& product_id, int rating, int delta) {
  // The first approval creates the row; later ones add to it in place, so concurrent
  // moderations of one product never overwrite each other's counts.
  sql << "INSERT INTO catalog.rating_stats AS s (product_id, count, sum, r1, r2, r3, r4, r5)"
         " SELECT CAST(:product AS uuid), d, d * r, CASE r WHEN 1 THEN d ELSE 0 END, CASE r WHEN 2 THEN d ELSE 0 END,"
         " CASE r WHEN 3 THEN d ELSE 0 END, CASE r WHEN 4 THEN d ELSE 0 END, CASE r WHEN 5 THEN d ELSE 0 END"
         " FROM (SELECT CAST(:delta AS int) AS d, CAST(:rating AS int) AS r) AS change"
         " ON CONFLICT (product_id) DO UPDATE SET count = s.count + EXCLUDED.count, sum = s.sum + EXCLUDED.sum,"
         " r1 = s.r1 + EXCLUDED.r1, r2 = s.r2 + EXCLUDED.r2, r3 = s.r3 + EXCLUDED.r3, r4 = s.r4 + EXCLUDED.r4,"
         " r5 = s.r5 + EXCLUDED.r5",
      soci::use(product_id), soci::use(delta), soci::use(rating);
}

std::optional<RatingSummary> rating(soci::session& sql, const std::string& product_id) {
  RatingSummary s;
  sql << "SELECT count, sum, r1, r2, r3, r4, r5 FROM catalog.rating_stats WHERE product_id = CAST(:product AS uuid)",
      soci::use(product_id), soci::into(s.count), soci::into(s.sum), soci::into(s.histogram[0]),
      soci::into(s.histogram[1]), soci::into(s.histogram[2]), soci::into(s.histogram[3]), soci::into(s.histogram[4]);
  if (!sql.got_data()) return std::nullopt;
  return s;
}

void record_purchases(soci::session& sql, const std::string& user_id, const std::string& order_id,
                      const std::vector<std::string>& skus, Timestamp bought_at) {
  const std::string sku_list = boost::json::serialize(boost::json::array(skus.begin(), skus.end()));
  const auto at = micros(bought_at);
  sql << "INSERT INTO catalog.purchases (user_id, product_id, order_id, bought_at)"
         " SELECT DISTINCT CAST(:user AS uuid), v.product_id, :order_id, " AGORA_TS(":at") " FROM catalog.variants v"
         " WHERE v.sku IN (SELECT jsonb_array_elements_text(CAST(:skus AS jsonb)))"
         " ON CONFLICT (user_id, product_id) DO NOTHING",
      soci::use(user_id), soci::use(order_id), soci::use(at), soci::use(sku_list);
  sql << "UPDATE catalog.reviews r SET verified_purchase = true WHERE r.user_id = CAST(:user AS uuid)"
         " AND NOT r.verified_purchase AND EXISTS (SELECT 1 FROM catalog.purchases p"
         " WHERE p.user_id = r.user_id AND p.product_id = r.product_id)",
      soci::use(user_id);
}

}  // namespace agora::catalog::review_store
