#include "store/discount_store.hpp"

#include <agora/core/error.hpp>
#include <agora/core/prepared.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json.hpp>

namespace agora::cart {
BOOST_DESCRIBE_ENUM(DiscountKind, percentage, fixed)
}

namespace agora::cart::discount_store {
namespace {

namespace json = boost::json;

#define AGORA_CART_CODES                                                                       \
  "SELECT code, kind, percent_bp, amounts, minimum_subtotal, starts_at, ends_at, usage_limit," \
  " per_customer_limit, used, skus, category_ids, active FROM cart.discount_codes"

std::string amounts_text(const std::map<std::string, std::int64_t>& amounts) {
  json::object o;
  for (const auto& [currency, amount] : amounts) o[currency] = amount;
  return json::serialize(o);
}

std::map<std::string, std::int64_t> amounts_of(const std::string& text) {
  std::map<std::string, std::int64_t> out;
  const auto parsed = json::parse(text);
  for (const auto& [currency, amount] : parsed.as_object())
    out.emplace(std::string(currency), amount.to_number<std::int64_t>());
  return out;
}

std::vector<DiscountCode> codes_of(const prepared::Rows& rows) {
  std::vector<DiscountCode> out;
  for (int i = 0; i < rows.size(); ++i)
    out.push_back({.code = rows.get<std::string>(i, "code"),
                   .kind = rows.get<DiscountKind>(i, "kind"),
                   .percent_bp = rows.get<std::int64_t>(i, "percent_bp"),
                   .amounts = amounts_of(rows.get<std::string>(i, "amounts")),
                   .minimum_subtotal = amounts_of(rows.get<std::string>(i, "minimum_subtotal")),
                   .starts_at = rows.get<std::optional<Timestamp>>(i, "starts_at"),
                   .ends_at = rows.get<std::optional<Timestamp>>(i, "ends_at"),
                   .usage_limit = rows.get<std::optional<std::int64_t>>(i, "usage_limit"),
                   .per_customer_limit = rows.get<std::optional<std::int64_t>>(i, "per_customer_limit"),
                   .used = rows.get<std::int64_t>(i, "used"),
                   .skus = rows.get<std::vector<std::string>>(i, "skus"),
                   .category_ids = rows.get<std::vector<std::string>>(i, "category_ids"),
                   .active = rows.get<bool>(i, "active")});
  return out;
}

std::optional<DiscountCode> first(std::vector<DiscountCode> all) {
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

std::map<std::string, std::int64_t> counts(const prepared::Rows& rows, std::string_view key) {
  std::map<std::string, std::int64_t> out;
  for (int i = 0; i < rows.size(); ++i) out.emplace(rows.get<std::string>(i, key), rows.get<std::int64_t>(i, "n"));
  return out;
}

}  // namespace

std::vector<DiscountCode> codes(soci::session& sql) {
  return codes_of(prepared::run(sql, AGORA_CART_CODES " ORDER BY code"));
}

std::optional<DiscountCode> code(soci::session& sql, const std::string& code) {
  return first(codes_of(prepared::run(sql, AGORA_CART_CODES " WHERE code = $1", {code})));
}

void insert(soci::session& sql, const DiscountCode& c, Timestamp now) {
  const auto inserted = prepared::run(
      sql,
      "INSERT INTO cart.discount_codes (code, kind, percent_bp, amounts, minimum_subtotal, starts_at, ends_at,"
      " usage_limit, per_customer_limit, skus, category_ids, active, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) ON CONFLICT (code) DO NOTHING",
      {c.code, c.kind, c.percent_bp, amounts_text(c.amounts), amounts_text(c.minimum_subtotal), c.starts_at, c.ends_at,
       c.usage_limit, c.per_customer_limit, c.skus, c.category_ids, c.active, now});
  if (inserted.affected() == 0) throw Error(ErrorKind::conflict, "the code exists", {{"code", "is taken"}});
}

void update(soci::session& sql, const DiscountCode& c, Timestamp now) {
  prepared::run(sql,
                "UPDATE cart.discount_codes SET kind = $2, percent_bp = $3, amounts = $4, minimum_subtotal = $5,"
                " starts_at = $6, ends_at = $7, usage_limit = $8, per_customer_limit = $9, skus = $10,"
                " category_ids = $11, active = $12, updated_at = $13 WHERE code = $1",
                {c.code, c.kind, c.percent_bp, amounts_text(c.amounts), amounts_text(c.minimum_subtotal), c.starts_at,
                 c.ends_at, c.usage_limit, c.per_customer_limit, c.skus, c.category_ids, c.active, now});
}

bool remove_if_unredeemed(soci::session& sql, const std::string& code) {
  return prepared::run(sql,
                       "DELETE FROM cart.discount_codes c WHERE c.code = $1"
                       " AND NOT EXISTS (SELECT 1 FROM cart.discount_redemptions WHERE code = c.code)",
                       {code})
             .affected() > 0;
}

std::optional<DiscountCode> lock(soci::session& sql, const std::string& code) {
  return first(codes_of(prepared::run(sql, AGORA_CART_CODES " WHERE code = $1 FOR UPDATE", {code})));
}

bool redeemed(soci::session& sql, const std::string& code, const std::string& order_id) {
  return !prepared::run(sql, "SELECT 1 FROM cart.discount_redemptions WHERE code = $1 AND order_id = $2",
                        {code, order_id})
              .empty();
}

void record_redemption(soci::session& sql, const std::string& code, const std::string& order_id,
                       const std::string& customer_id, Timestamp at) {
  prepared::run(sql,
                "INSERT INTO cart.discount_redemptions (code, order_id, customer_id, redeemed_at)"
                " VALUES ($1, $2, $3, $4)",
                {code, order_id, customer_id, at});
  prepared::run(sql, "UPDATE cart.discount_codes SET used = used + 1 WHERE code = $1", {code});
}

std::vector<std::string> release_order(soci::session& sql, const std::string& order_id) {
  const auto rows =
      prepared::run(sql,
                    "WITH gone AS (DELETE FROM cart.discount_redemptions WHERE order_id = $1 RETURNING code)"
                    " UPDATE cart.discount_codes d SET used = d.used - 1 FROM gone"
                    " WHERE d.code = gone.code RETURNING d.code",
                    {order_id});
  std::vector<std::string> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(rows.get<std::string>(i, "code"));
  return out;
}

std::map<std::string, std::int64_t> customer_usage(soci::session& sql, const std::string& customer_id,
                                                   const std::vector<std::string>& codes) {
  return counts(prepared::run(sql,
                              "SELECT code, count(*) AS n FROM cart.discount_redemptions"
                              " WHERE customer_id = $1 AND code = ANY(CAST($2 AS text[])) GROUP BY code",
                              {customer_id, codes}),
                "code");
}

std::map<std::string, std::int64_t> redemptions_by_customer(soci::session& sql, const std::string& code) {
  return counts(prepared::run(sql,
                              "SELECT customer_id, count(*) AS n FROM cart.discount_redemptions WHERE code = $1"
                              " GROUP BY customer_id",
                              {code}),
                "customer_id");
}

}  // namespace agora::cart::discount_store
