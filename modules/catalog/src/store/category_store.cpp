#include "store/category_store.hpp"

#include <agora/core/sql_values.hpp>

#include <soci/soci.h>

namespace agora::catalog::category_store {
namespace {

constexpr const char* kSelect =
    "SELECT CAST(id AS text), COALESCE(CAST(parent_id AS text), ''), slug, name, " AGORA_US("created_at") ", "
    AGORA_US("updated_at") " FROM catalog.categories ";

// Arbitrary but fixed: the two-key form keeps it apart from single-key advisory locks.
constexpr int kLockClass = 0x63617400;  // "cat\0"
constexpr int kTreeLock = 1;

Category from_row(const soci::row& r) {
  Category c;
  c.id = r.get<std::string>(0);
  if (auto parent = r.get<std::string>(1); !parent.empty()) c.parent_id = std::move(parent);
  c.slug = r.get<std::string>(2);
  c.name = r.get<std::string>(3);
  c.created_at = from_micros(r.get<long long>(4));
  c.updated_at = from_micros(r.get<long long>(5));
  return c;
}

}  // namespace

void lock_tree(soci::session& sql) {
  sql << "SELECT pg_advisory_xact_lock(CAST(:class AS int), CAST(:key AS int))", soci::use(kLockClass), soci::use(kTreeLock);
}

std::vector<Category> all(soci::session& sql) {
  soci::rowset<soci::row> rows = sql.prepare << std::string(kSelect);
  std::vector<Category> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::optional<Category> by_id(soci::session& sql, const std::string& id) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kSelect) + "WHERE id = CAST(:id AS uuid)", soci::use(id));
  for (const auto& r : rows) return from_row(r);
  return std::nullopt;
}

std::optional<std::string> id_by_slug(soci::session& sql, const std::string& slug) {
  std::string id;
  sql << "SELECT CAST(id AS text) FROM catalog.categories WHERE slug = :slug", soci::use(slug), soci::into(id);
  if (!sql.got_data()) return std::nullopt;
  return id;
}

void insert(soci::session& sql, const Category& c) {
  auto parent = nullable(c.parent_id);
  const auto created = micros(c.created_at), updated = micros(c.updated_at);
  sql << "INSERT INTO catalog.categories (id, parent_id, slug, name, created_at, updated_at) VALUES (CAST(:id AS uuid),"
         " CAST(:parent AS uuid), :slug, :name, " AGORA_TS(":created") ", " AGORA_TS(":updated") ")",
      soci::use(c.id), soci::use(parent.value, parent.ind), soci::use(c.slug), soci::use(c.name), soci::use(created),
      soci::use(updated);
}

void update(soci::session& sql, const Category& c) {
  auto parent = nullable(c.parent_id);
  const auto updated = micros(c.updated_at);
  sql << "UPDATE catalog.categories SET parent_id = CAST(:parent AS uuid), slug = :slug, name = :name,"
         " updated_at = " AGORA_TS(":updated") " WHERE id = CAST(:id AS uuid)",
      soci::use(parent.value, parent.ind), soci::use(c.slug), soci::use(c.name), soci::use(updated), soci::use(c.id);
}

void remove(soci::session& sql, const std::string& id) {
  sql << "DELETE FROM catalog.categories WHERE id = CAST(:id AS uuid)", soci::use(id);
}

long long count_children(soci::session& sql, const std::string& id) {
  long long n = 0;
  sql << "SELECT count(*) FROM catalog.categories WHERE parent_id = CAST(:id AS uuid)", soci::use(id), soci::into(n);
  return n;
}

long long count_products(soci::session& sql, const std::string& id) {
  long long n = 0;
  sql << "SELECT count(*) FROM catalog.products WHERE category_id = CAST(:id AS uuid)", soci::use(id), soci::into(n);
  return n;
}

}  // namespace agora::catalog::category_store
