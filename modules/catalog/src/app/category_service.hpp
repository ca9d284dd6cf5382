#pragma once
// Categories: admin changes through the database, reads from an in-memory snapshot of the whole
// tree (shops have hundreds of categories), swapped after every committed change and on reload().
#include "domain/category_tree.hpp"

#include <agora/catalog/api.hpp>

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::catalog {

class CategoryService {
 public:
  // Does no I/O: the owner calls reload() once the database is migrated (Module::start).
  CategoryService(Database& db, const Clock& clock);

  // Re-reads the tree; called after each committed change here and, on other instances, from a
  // watcher of category events. Readers keep using the old snapshot meanwhile.
  void reload();

  // Memory only, never blocking on I/O.
  std::shared_ptr<const CategoryTree> tree() const;
  Category get(const std::string& id) const;  // Error{not_found}
  bool exists(const std::string& id) const;
  std::vector<std::string> self_and_descendants(const std::string& category_id) const;  // empty when unknown
  std::vector<std::string> self_and_ancestors(const std::string& category_id) const;    // nearest first
  std::vector<CategoryNode> nodes() const;                                              // the whole tree

  // Throw Error{validation} for bad fields or an unknown parent_id, Error{conflict} for a slug in
  // use, a move that would make a cycle, or deleting a category that still has children or products.
  Category create(const NewCategory& draft);
  Category update(const std::string& id, const CategoryPatch& patch);  // a parent_id moves it
  void remove(const std::string& id);

 private:
  void reload_after_commit() noexcept;
  Database& db_;
  const Clock& clock_;
  mutable std::shared_mutex mutex_;  // guards tree_: held only to copy or swap the pointer
  std::shared_ptr<const CategoryTree> tree_;
  std::mutex reload_mutex_;  // reloads in turn, so an older read never replaces a newer one
};

}  // namespace agora::catalog
