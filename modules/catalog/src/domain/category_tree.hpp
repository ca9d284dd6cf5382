#pragma once
// Categories as a tree: what an admin may set, and an immutable snapshot of the whole tree that
// answers structural questions (descendants, ancestors, cycles) without I/O.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::catalog {

struct Category {
  std::string id;
  std::optional<std::string> parent_id;  // nullopt: a root
  std::string slug;
  std::string name;
  Timestamp created_at, updated_at;
};
BOOST_DESCRIBE_STRUCT(Category, (), (id, parent_id, slug, name, created_at, updated_at))

inline constexpr std::size_t kMaxCategoryName = 200;    // characters
bool is_category_slug(std::string_view text) noexcept;  // 1..100 of a-z, 0-9 and '-'

struct NewCategory {
  std::string slug;
  std::string name;
  std::optional<std::string> parent_id;
};

// A PATCH: absent fields stay; "parent_id": null moves the category to the root.
struct CategoryPatch {
  std::optional<std::string> slug, name;
  std::optional<std::optional<std::string>> parent_id;
  bool empty() const { return !slug && !name && !parent_id; }
};

class CategoryTree {
 public:
  CategoryTree() = default;
  explicit CategoryTree(std::vector<Category> categories);

  const Category* find(std::string_view id) const;
  // Children sorted by name (then id), so listings are stable.
  std::vector<const Category*> children(const std::optional<std::string>& parent_id) const;
  // The category followed by every category below it; empty when id is unknown.
  std::vector<std::string> self_and_descendants(std::string_view id) const;
  // The category followed by its parent, its parent's parent, ... up to a root; empty when id is
  // unknown. Computed once per snapshot: a cart asks it for every line.
  const std::vector<std::string>& self_and_ancestors(std::string_view id) const;
  // True when putting `id` under `new_parent` would make it its own ancestor.
  bool would_cycle(std::string_view id, const std::optional<std::string>& new_parent) const;
  std::size_t size() const { return by_id_.size(); }
  std::vector<const Category*> all() const;  // by id

 private:
  std::map<std::string, Category, std::less<>> by_id_;
  std::map<std::string, std::vector<std::string>, std::less<>> children_;  // "" holds the roots
  std::map<std::string, std::vector<std::string>, std::less<>> ancestry_;  // self_and_ancestors by id
};

}  // namespace agora::catalog
