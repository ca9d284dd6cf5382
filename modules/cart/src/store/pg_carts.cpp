#include "store/pg_carts.hpp"

#include "store/cart_doc.hpp"

#include <agora/core/prepared.hpp>

namespace agora::cart::pg_carts {
namespace {

std::optional<Cart> first(const prepared::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return from_doc(rows.get<std::string>(0, "doc"));
}

std::string json_array(const std::vector<std::string>& docs) {
  std::string out = "[";
  for (const auto& d : docs) {
    if (out.size() > 1) out += ',';
    out += d;
  }
  return out + "]";
}

}  // namespace

std::optional<Cart> load(soci::session& sql, const std::string& id) {
  return first(prepared::run(sql, "SELECT doc FROM cart.carts WHERE id = $1", {id}));
}

std::optional<Cart> load_for_update(soci::session& sql, const std::string& id) {
  return first(prepared::run(sql, "SELECT doc FROM cart.carts WHERE id = $1 FOR UPDATE", {id}));
}

std::optional<Cart> load_owned(soci::session& sql, const std::string& owner_id) {
  return first(prepared::run(sql,
                             "SELECT doc FROM cart.carts WHERE owner_id = $1 AND status = 'active'"
                             " ORDER BY updated_at DESC LIMIT 1",
                             {owner_id}));
}

void write(soci::session& sql, const std::vector<std::string>& docs) {
  if (docs.empty()) return;
  prepared::run(sql,
                "INSERT INTO cart.carts (id, owner_id, status, version, doc, expires_at, updated_at)"
                " SELECT (d->>'id')::uuid, NULLIF(d->>'owner_id', ''), d->>'status', (d->>'version')::bigint, d,"
                "        (d->>'expires_at')::timestamptz, (d->>'updated_at')::timestamptz"
                " FROM jsonb_array_elements($1::jsonb) AS d"
                " ON CONFLICT (id) DO UPDATE SET owner_id = EXCLUDED.owner_id, status = EXCLUDED.status,"
                "   version = EXCLUDED.version, doc = EXCLUDED.doc, expires_at = EXCLUDED.expires_at,"
                "   updated_at = EXCLUDED.updated_at"
                " WHERE cart.carts.version < EXCLUDED.version",
                {json_array(docs)});
}

std::map<std::string, std::int64_t> versions_for_update(soci::session& sql, const std::vector<std::string>& ids) {
  std::map<std::string, std::int64_t> out;
  if (ids.empty()) return out;
  const auto rows = prepared::run(sql,
                                  "SELECT id::text AS id, version FROM cart.carts WHERE id = ANY($1::uuid[])"
                                  " ORDER BY id FOR UPDATE",
                                  {ids});
  for (int i = 0; i < rows.size(); ++i) out[rows.get<std::string>(i, "id")] = rows.get<std::int64_t>(i, "version");
  return out;
}

void mark_stale_in_redis(soci::session& sql, const std::string& id, Timestamp now) {
  prepared::run(sql, "INSERT INTO cart.stale_in_redis (cart_id, since) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                {id, now});
}

std::vector<StaleCart> stale_in_redis(soci::session& sql, std::size_t limit) {
  const auto rows = prepared::run(sql,
                                  "SELECT s.cart_id::text AS cart_id, c.owner_id FROM cart.stale_in_redis s"
                                  " LEFT JOIN cart.carts c ON c.id = s.cart_id ORDER BY s.since LIMIT $1",
                                  {static_cast<std::int64_t>(limit)});
  std::vector<StaleCart> out;
  for (int i = 0; i < rows.size(); ++i)
    out.push_back({rows.get<std::string>(i, "cart_id"), rows.get<std::optional<std::string>>(i, "owner_id")});
  return out;
}

void clear_stale_in_redis(soci::session& sql, const std::vector<std::string>& ids) {
  if (!ids.empty()) prepared::run(sql, "DELETE FROM cart.stale_in_redis WHERE cart_id = ANY($1::uuid[])", {ids});
}

std::vector<Cart> expired_for_update(soci::session& sql, Timestamp now, std::size_t limit) {
  const auto rows = prepared::run(sql,
                                  "SELECT doc FROM cart.carts WHERE expires_at < $1 ORDER BY expires_at LIMIT $2"
                                  " FOR UPDATE SKIP LOCKED",
                                  {now, static_cast<std::int64_t>(limit)});
  std::vector<Cart> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(from_doc(rows.get<std::string>(i, "doc")));
  return out;
}

void remove(soci::session& sql, const std::string& id) {
  prepared::run(sql, "DELETE FROM cart.carts WHERE id = $1", {id});
}

}  // namespace agora::cart::pg_carts
