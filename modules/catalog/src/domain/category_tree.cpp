#include "domain/category_tree.hpp"

#include <algorithm>

namespace agora::catalog {

bool is_category_slug(std::string_view text) noexcept {
  return !text.empty() && text.size() <= 100 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

CategoryTree::CategoryTree(std::vector<Category> categories) {
  for (auto& c : categories) {
    children_[c.parent_id.value_or("")].push_back(c.id);
    by_id_.emplace(c.id, std::move(c));
  }
  for (auto& [_, ids] : children_)
    std::sort(ids.begin(), ids.end(), [this](const std::string& a, const std::string& b) {
      const auto& x = by_id_.at(a);
      const auto& y = by_id_.at(b);
      return std::tie(x.name, x.id) < std::tie(y.name, y.id);
    });
  // The step limit keeps a corrupt (already cyclic) snapshot from looping forever.
  for (const auto& [id, _] : by_id_) {
    auto& path = ancestry_[id];
    for (const Category* c = &by_id_.at(id); c && path.size() <= by_id_.size();
         c = c->parent_id ? find(*c->parent_id) : nullptr)
      path.push_back(c->id);
  }
}

std::vector<const Category*> CategoryTree::all() const {
  std::vector<const Category*> out;
  out.reserve(by_id_.size());
  for (const auto& [id, c] : by_id_) out.push_back(&c);
  return out;
}

const Category* CategoryTree::find(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

std::vector<const Category*> CategoryTree::children(const std::optional<std::string>& parent_id) const {
  std::vector<const Category*> out;
  if (const auto it = children_.find(parent_id.value_or("")); it != children_.end())
    for (const auto& id : it->second) out.push_back(&by_id_.at(id));
  return out;
}

std::vector<std::string> CategoryTree::self_and_descendants(std::string_view id) const {
  if (!find(id)) return {};
  std::vector<std::string> out{std::string(id)};
  for (std::size_t i = 0; i < out.size(); ++i)
    if (const auto it = children_.find(out[i]); it != children_.end())
      out.insert(out.end(), it->second.begin(), it->second.end());
  return out;
}

const std::vector<std::string>& CategoryTree::self_and_ancestors(std::string_view id) const {
  static const std::vector<std::string> kNone;
  const auto it = ancestry_.find(id);
  return it == ancestry_.end() ? kNone : it->second;
}

bool CategoryTree::would_cycle(std::string_view id, const std::optional<std::string>& new_parent) const {
  // Walk up from the new parent; meeting `id` means it would sit below itself. The step limit
  // keeps a corrupt (already cyclic) snapshot from looping forever.
  std::optional<std::string> at = new_parent;
  for (std::size_t steps = 0; at && steps <= by_id_.size(); ++steps) {
    if (*at == id) return true;
    const auto* c = find(*at);
    if (!c) return false;
    at = c->parent_id;
  }
  return at.has_value();
}

}  // namespace agora::catalog
