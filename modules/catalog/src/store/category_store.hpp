#pragma once
// SOCI statements for catalog.categories.
#include "domain/category_tree.hpp"

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::catalog::category_store {

// Serialises every change to the tree until the transaction ends, so that two concurrent
// moves cannot each pass the cycle check against a tree the other is changing.
void lock_tree(soci::session& sql);

std::vector<Category> all(soci::session& sql);
std::optional<Category> by_id(soci::session& sql, const std::string& id);
// The id of the category using this slug, if any.
std::optional<std::string> id_by_slug(soci::session& sql, const std::string& slug);
void insert(soci::session& sql, const Category& c);
void update(soci::session& sql, const Category& c);
void remove(soci::session& sql, const std::string& id);

long long count_children(soci::session& sql, const std::string& id);
long long count_products(soci::session& sql, const std::string& id);

}  // namespace agora::catalog::category_store
