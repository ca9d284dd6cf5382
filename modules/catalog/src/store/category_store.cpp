#include "store/category_store.hpp"

#include <agora/core/prepared.hpp>

namespace agora::catalog::category_store {
namespace {

constexpr std::string_view kSelect = "SELECT id, parent_id, slug, name, created_at, updated_at FROM catalog.categories";

// Arbitrary but fixed: the two-key form keeps it apart from single-key advisory locks.
constexpr int kLockClass = 0x63617400;  // "cat\0"
constexpr int kTreeLock = 1;

}  // namespace

void lock_tree(soci::session& sql) {
  prepared::run(sql, "SELECT pg_advisory_xact_lock($1, $2)", {kLockClass, kTreeLock});
}

std::vector<Category> all(soci::session& sql) { return prepared::run(sql, kSelect).all<Category>(); }

std::optional<Category> by_id(soci::session& sql, const std::string& id) {
  const auto rows = prepared::run(sql, std::string(kSelect) + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return rows.as<Category>(0);
}

std::optional<std::string> id_by_slug(soci::session& sql, const std::string& slug) {
  const auto rows = prepared::run(sql, "SELECT id FROM catalog.categories WHERE slug = $1", {slug});
  if (rows.empty()) return std::nullopt;
  return rows.get<std::string>(0, "id");
}

void insert(soci::session& sql, const Category& c) {
  prepared::run(sql,
                "INSERT INTO catalog.categories (id, parent_id, slug, name, created_at, updated_at)"
                " VALUES ($1, $2, $3, $4, $5, $6)",
                {c.id, c.parent_id, c.slug, c.name, c.created_at, c.updated_at});
}

void update(soci::session& sql, const Category& c) {
  prepared::run(sql,
                "UPDATE catalog.categories SET parent_id = $1, slug = $2, name = $3, updated_at = $4 WHERE id = $5",
                {c.parent_id, c.slug, c.name, c.updated_at, c.id});
}

void remove(soci::session& sql, const std::string& id) {
  prepared::run(sql, "DELETE FROM catalog.categories WHERE id = $1", {id});
}

long long count_children(soci::session& sql, const std::string& id) {
  return prepared::run(sql, "SELECT count(*) AS n FROM catalog.categories WHERE parent_id = $1", {id})
      .get<long long>(0, "n");
}

long long count_products(soci::session& sql, const std::string& id) {
  return prepared::run(sql, "SELECT count(*) AS n FROM catalog.products WHERE category_id = $1", {id})
      .get<long long>(0, "n");
}

}  // namespace agora::catalog::category_store
