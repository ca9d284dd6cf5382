#include "store/order_store.hpp"

#include "store/fulfillment_store.hpp"
#include "store/return_store.hpp"

#include <agora/core/event_json.hpp>
#include <agora/core/prepared.hpp>
#include <boost/json/parse.hpp>

namespace agora::order {
using agora::event_json::tag_invoke;  // Address, ShortLine and OrderLine to and from JSON columns
}

namespace agora::order::order_store {
namespace {

#define AGORA_ORDER_COLUMNS                                                                                        \
  "id, coalesce(number, '') AS number, status, payment_status, coalesce(cancel_reason, '') AS cancel_reason,"      \
  " coalesce(customer_id::text, '') AS customer_id, email, coalesce(cart_id::text, '') AS cart_id,"                \
  " caller, idempotency_key, request_hash, currency, tax_inclusive,"                                               \
  " subtotal, discount, shipping, tax, total, base_currency, base_total, rate_locked_at, shipping_method_id,"      \
  " discount_codes, payment_gateway, payment_token, return_url, coalesce(payment_id::text, '') AS payment_id,"     \
  " coalesce(action_url, '') AS action_url, captured, refunded, created_at, updated_at, placed_at, paid_at,"       \
  " delivered_at, completed_at,"                                                                                   \
  " cancelled_at, shipping_address::text AS shipping_address_json, billing_address::text AS billing_address_json," \
  " coalesce(short_lines, '[]')::text AS short_lines_json"

template <class T>
T from_json(std::string_view text) {
  return boost::json::value_to<T>(boost::json::parse(text));
}

std::vector<Order> read_orders(const prepared::Rows& rows) {
  std::vector<Order> out;
  out.reserve(static_cast<std::size_t>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) {
    auto o = rows.as<Order>(i);
    o.shipping_address = from_json<Address>(rows.get<std::string>(i, "shipping_address_json"));
    if (const auto billing = rows.get<std::optional<std::string>>(i, "billing_address_json"))
      o.billing_address = from_json<Address>(*billing);
    o.short_lines = from_json<std::vector<ShortLine>>(rows.get<std::string>(i, "short_lines_json"));
    out.push_back(std::move(o));
  }
  return out;
}

void read_lines(soci::session& sql, Order& o) {
  o.fulfillments = fulfillment_store::of_order(sql, o.id);
  o.returns = return_store::of_order(sql, o.id);
  const auto rows = prepared::run(sql,
                                  "SELECT position, sku, product_id, title, quantity, unit_price, price_converted,"
                                  " subtotal, discount, shipping, tax, total FROM \"order\".lines"
                                  " WHERE order_id = $1 ORDER BY position",
                                  {o.id});
  o.lines = rows.all<OrderLine>();
}

std::optional<Order> one_with_lines(soci::session& sql, const prepared::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  auto o = std::move(read_orders(rows).front());
  read_lines(sql, o);
  return o;
}

std::optional<std::string> or_null(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

Inserted insert(soci::session& sql, const Order& o) {
  const auto inserted = prepared::run(
      sql,
      "INSERT INTO \"order\".orders (id, status, payment_status, customer_id, email, cart_id, caller,"
      " idempotency_key, request_hash, currency, tax_inclusive, subtotal, discount, shipping, tax, total,"
      " base_currency, base_total, rate_locked_at, shipping_method_id, discount_codes, shipping_address,"
      " billing_address, payment_gateway, payment_token, return_url, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,"
      " $21::text[], $22::jsonb, $23::jsonb, $24, $25, $26, $27, $27) ON CONFLICT DO NOTHING",
      {o.id,
       o.status,
       o.payment_status,
       or_null(o.customer_id),
       o.email,
       or_null(o.cart_id),
       o.caller,
       o.idempotency_key,
       o.request_hash,
       o.currency,
       o.tax_inclusive,
       o.subtotal,
       o.discount,
       o.shipping,
       o.tax,
       o.total,
       o.base_currency,
       o.base_total,
       o.rate_locked_at,
       o.shipping_method_id,
       o.discount_codes,
       event_json::to_text(o.shipping_address),
       o.billing_address ? prepared::Param(event_json::to_text(*o.billing_address)) : prepared::Param(std::nullopt),
       o.payment_gateway,
       o.payment_token,
       o.return_url,
       o.created_at});
  if (inserted.affected() == 0)
    return find_by_key(sql, o.caller, o.idempotency_key) ? Inserted::key_taken : Inserted::cart_taken;
  prepared::CopyRows lines;
  for (const auto& l : o.lines) {
    lines.field(o.id).field(l.position).field(l.sku).field(l.product_id).field(l.title).field(l.quantity);
    lines.field(l.unit_price).field(l.price_converted ? "t" : "f").field(l.subtotal).field(l.discount);
    lines.field(l.shipping).field(l.tax).field(l.total);
    lines.end_row();
  }
  prepared::copy(sql,
                 "\"order\".lines (order_id, position, sku, product_id, title, quantity, unit_price, price_converted,"
                 " subtotal, discount, shipping, tax, total)",
                 lines);
  prepared::run(sql,
                "INSERT INTO \"order\".history (order_id, from_status, to_status, reason, at)"
                " VALUES ($1, NULL, $2, 'checkout', $3)",
                {o.id, o.status, o.created_at});
  return Inserted::ok;
}

std::optional<Order> find(soci::session& sql, const std::string& id, bool lock) {
  const auto rows =
      lock ? prepared::run(sql, "SELECT " AGORA_ORDER_COLUMNS " FROM \"order\".orders WHERE id = $1 FOR UPDATE", {id})
           : prepared::run(sql, "SELECT " AGORA_ORDER_COLUMNS " FROM \"order\".orders WHERE id = $1", {id});
  return one_with_lines(sql, rows);
}

std::optional<Order> lock_head(soci::session& sql, const std::string& id) {
  auto orders = read_orders(
      prepared::run(sql, "SELECT " AGORA_ORDER_COLUMNS " FROM \"order\".orders WHERE id = $1 FOR UPDATE", {id}));
  if (orders.empty()) return std::nullopt;
  return std::move(orders.front());
}

std::optional<Order> find_by_key(soci::session& sql, const std::string& caller, const std::string& key) {
  return one_with_lines(sql, prepared::run(sql,
                                           "SELECT " AGORA_ORDER_COLUMNS
                                           " FROM \"order\".orders WHERE caller = $1 AND idempotency_key = $2",
                                           {caller, key}));
}

std::optional<std::pair<OrderStatus, PaymentStatus>> status_of(soci::session& sql, const std::string& id) {
  const auto rows = prepared::run(sql, "SELECT status, payment_status FROM \"order\".orders WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return std::pair{rows.get<OrderStatus>(0, "status"), rows.get<PaymentStatus>(0, "payment_status")};
}

std::optional<std::string> open_order_of_cart(soci::session& sql, const std::string& cart_id) {
  const auto rows =
      prepared::run(sql, "SELECT id FROM \"order\".orders WHERE cart_id = $1 AND status <> 'cancelled'", {cart_id});
  if (rows.empty()) return std::nullopt;
  return rows.get<std::string>(0, "id");
}

void save(soci::session& sql, const Order& o, OrderStatus from, const std::string& reason) {
  prepared::run(
      sql,
      "UPDATE \"order\".orders SET number = $2, status = $3, payment_status = $4, cancel_reason = $5,"
      " payment_id = $6, action_url = $7, short_lines = $8::jsonb, captured = $9, refunded = $10,"
      " updated_at = $11, placed_at = $12, paid_at = $13, cancelled_at = $14, delivered_at = $15,"
      " completed_at = $16 WHERE id = $1",
      {o.id, or_null(o.number), o.status, o.payment_status, or_null(o.cancel_reason), or_null(o.payment_id),
       or_null(o.action_url),
       o.short_lines.empty() ? prepared::Param(std::nullopt) : prepared::Param(event_json::to_text(o.short_lines)),
       o.captured, o.refunded, o.updated_at, o.placed_at, o.paid_at, o.cancelled_at, o.delivered_at, o.completed_at});
  if (from != o.status)
    prepared::run(sql,
                  "INSERT INTO \"order\".history (order_id, from_status, to_status, reason, at)"
                  " VALUES ($1, $2, $3, $4, $5)",
                  {o.id, from, o.status, reason, o.updated_at});
}

std::string next_number(soci::session& sql, const std::string& region) {
  const auto rows = prepared::run(sql, "SELECT nextval('\"order\".numbers') AS n");
  std::string prefix;
  for (char c : region)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      prefix.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
  return (prefix.empty() ? std::string("ORD") : prefix) + "-" + std::to_string(rows.get<std::int64_t>(0, "n"));
}

std::vector<Order> due_for_completion(soci::session& sql, Timestamp delivered_before, int limit) {
  return read_orders(prepared::run(sql,
                                   "SELECT " AGORA_ORDER_COLUMNS " FROM \"order\".orders WHERE status = 'delivered'"
                                   " AND delivered_at < $1 ORDER BY delivered_at LIMIT $2 FOR UPDATE SKIP LOCKED",
                                   {delivered_before, limit}));
}

std::vector<Order> stuck(soci::session& sql, Timestamp unchanged_since, int limit) {
  return read_orders(prepared::run(sql,
                                   "SELECT " AGORA_ORDER_COLUMNS " FROM \"order\".orders"
                                   " WHERE status IN ('pending', 'awaiting_payment') AND updated_at < $1"
                                   " ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED",
                                   {unchanged_since, limit}));
}

std::vector<Order> list(soci::session& sql, const Filter& f, int limit, const std::string& before_id) {
  const auto rows = prepared::run(
      sql,
      "SELECT " AGORA_ORDER_COLUMNS
      " FROM \"order\".orders WHERE ($1::uuid IS NULL OR customer_id = $1::uuid) AND ($2::text IS NULL OR status = $2)"
      " AND ($3::text IS NULL OR lower(email) = lower($3)) AND ($4::uuid IS NULL OR id < $4::uuid)"
      " AND ($6::text IS NULL OR number = $6) ORDER BY id DESC LIMIT $5",
      {or_null(f.customer_id), f.status ? prepared::Param(*f.status) : prepared::Param(std::nullopt), or_null(f.email),
       or_null(before_id), limit, or_null(f.number)});
  return read_orders(rows);
}

}  // namespace agora::order::order_store
