#include "app/category_service.hpp"

#include "store/category_store.hpp"

#include <agora/catalog/events.hpp>
#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>

namespace agora::catalog {
namespace {

Error no_category(const std::string& id) { return Error(ErrorKind::not_found, "no category with id " + id); }
Error unknown_parent() {
  return Error(ErrorKind::validation, "invalid category", {{"parent_id", "is not a category"}});
}
Error slug_taken() {
  return Error(ErrorKind::conflict, "the slug is used by another category", {{"slug", "is already in use"}});
}
Error cycle() {
  return Error(ErrorKind::conflict, "the move would create a cycle",
               {{"parent_id", "would create a cycle: it is the category itself or one of its descendants"}});
}
Error in_use(std::string why) { return Error(ErrorKind::conflict, "the category is not empty: " + why); }

void publish_changed(Tx& tx, const Category& c) {
  tx.publish(events::CategoryChanged{c.id, c.parent_id, c.slug, c.name});
}

void require_parent(soci::session& sql, const std::optional<std::string>& parent_id) {
  if (parent_id && !category_store::by_id(sql, *parent_id)) throw unknown_parent();
}

}  // namespace

CategoryService::CategoryService(Database& db, const Clock& clock)
    : db_(db), clock_(clock), tree_(std::make_shared<const CategoryTree>()) {}

void CategoryService::reload() {
  std::lock_guard turn(reload_mutex_);
  auto fresh = [&] {
    auto conn = db_.acquire();
    return std::make_shared<const CategoryTree>(category_store::all(*conn));
  }();
  std::unique_lock lock(mutex_);
  tree_ = std::move(fresh);
}

std::shared_ptr<const CategoryTree> CategoryService::tree() const {
  std::shared_lock lock(mutex_);
  return tree_;
}

Category CategoryService::get(const std::string& id) const {
  const auto* c = tree()->find(id);
  if (!c) throw no_category(id);
  return *c;
}

bool CategoryService::exists(const std::string& id) const { return tree()->find(id) != nullptr; }

std::vector<std::string> CategoryService::self_and_descendants(const std::string& category_id) const {
  return tree()->self_and_descendants(category_id);
}

std::vector<CategoryNode> CategoryService::nodes() const {
  const auto t = tree();
  std::vector<CategoryNode> out;
  out.reserve(t->size());
  for (const auto* c : t->all()) out.push_back({c->id, c->parent_id, c->slug, c->name});
  return out;
}

std::vector<std::string> CategoryService::self_and_ancestors(const std::string& category_id) const {
  return tree()->self_and_ancestors(category_id);
}

Category CategoryService::create(const NewCategory& draft) {
  const auto now = clock_.now();
  const Category c{new_id(), draft.parent_id, draft.slug, draft.name, now, now};
  db_.transact([&](Tx& tx) {
    category_store::lock_tree(tx.sql());
    require_parent(tx.sql(), c.parent_id);
    if (category_store::id_by_slug(tx.sql(), c.slug)) throw slug_taken();
    category_store::insert(tx.sql(), c);
    publish_changed(tx, c);
    tx.after_commit([this] { reload_after_commit(); });
  });
  return c;
}

Category CategoryService::update(const std::string& id, const CategoryPatch& patch) {
  if (!is_uuid(id)) throw no_category(id);
  return db_.transact([&](Tx& tx) {
    category_store::lock_tree(tx.sql());
    auto c = category_store::by_id(tx.sql(), id);
    if (!c) throw no_category(id);
    if (patch.slug && *patch.slug != c->slug) {
      if (category_store::id_by_slug(tx.sql(), *patch.slug)) throw slug_taken();
      c->slug = *patch.slug;
    }
    if (patch.name) c->name = *patch.name;
    if (patch.parent_id && *patch.parent_id != c->parent_id) {
      require_parent(tx.sql(), *patch.parent_id);
      // Checked against the tree as committed now, under the lock: the memory snapshot may lag.
      if (CategoryTree(category_store::all(tx.sql())).would_cycle(id, *patch.parent_id)) throw cycle();
      c->parent_id = *patch.parent_id;
    }
    if (patch.empty()) return *c;
    c->updated_at = clock_.now();
    category_store::update(tx.sql(), *c);
    publish_changed(tx, *c);
    tx.after_commit([this] { reload_after_commit(); });
    return *c;
  });
}

void CategoryService::remove(const std::string& id) {
  if (!is_uuid(id)) throw no_category(id);
  db_.transact([&](Tx& tx) {
    category_store::lock_tree(tx.sql());
    if (!category_store::by_id(tx.sql(), id)) throw no_category(id);
    if (const auto n = category_store::count_children(tx.sql(), id))
      throw in_use("it has " + std::to_string(n) + " subcategories; move or delete them first");
    if (const auto n = category_store::count_products(tx.sql(), id))
      throw in_use("it has " + std::to_string(n) + " products; move them to another category first");
    try {
      category_store::remove(tx.sql(), id);
    } catch (const std::exception& e) {
      // A product was put in it after the count: the foreign key refuses the delete.
      if (sqlstate_of(e) == "23503") throw in_use("products were added to it meanwhile");
      throw;
    }
    tx.publish(events::CategoryDeleted{id});
    tx.after_commit([this] { reload_after_commit(); });
  });
}

void CategoryService::reload_after_commit() noexcept {
  // The change is committed whatever happens here; a failed refresh leaves the old snapshot
  // until the next change or the category event watcher reloads it.
  try {
    reload();
  } catch (const std::exception& e) {
    log::warn("category tree reload failed", {{"error", log::describe(e)}});
  }
}

}  // namespace agora::catalog
