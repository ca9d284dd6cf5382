#pragma once
// The cart module's PostgreSQL copy of its carts (schema cart): written behind Redis in batches,
// written directly while Redis is down, and the ledger of published change events.
#include "domain/cart.hpp"

#include <agora/core/db.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace agora::cart::pg_carts {

std::optional<Cart> load(soci::session& sql, const std::string& id);
std::optional<Cart> load_for_update(soci::session& sql, const std::string& id);
std::optional<Cart> load_owned(soci::session& sql, const std::string& owner_id);  // the newest active one

// Inserts or updates each cart (documents from to_doc), leaving a stored cart of a newer or equal
// version as it is.
void write(soci::session& sql, const std::vector<std::string>& docs);

// The stored version of each of the carts that is stored, locked until the transaction ends.
std::map<std::string, std::int64_t> versions_for_update(soci::session& sql, const std::vector<std::string>& ids);

// Carts changed here while Redis was down.
void mark_stale_in_redis(soci::session& sql, const std::string& id, Timestamp now);
struct StaleCart {
  std::string cart_id;
  std::optional<std::string> owner_id;
};
std::vector<StaleCart> stale_in_redis(soci::session& sql, std::size_t limit);
void clear_stale_in_redis(soci::session& sql, const std::vector<std::string>& ids);

// Carts past their expires_at, locked for removal (SKIP LOCKED: another instance takes others).
std::vector<Cart> expired_for_update(soci::session& sql, Timestamp now, std::size_t limit);
void remove(soci::session& sql, const std::string& id);

}  // namespace agora::cart::pg_carts
