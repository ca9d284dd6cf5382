#include "domain/category_view.hpp"

#include <set>

namespace agora::search {

CategoryView::CategoryView(std::vector<catalog::CategoryNode> nodes) {
  for (auto& n : nodes) {
    if (n.parent_id) children_.emplace(*n.parent_id, n.id);
    auto id = n.id;
    by_id_.emplace(std::move(id), std::move(n));
  }
}

const catalog::CategoryNode* CategoryView::find(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

std::vector<std::string> CategoryView::below(std::string_view id) const {
  if (!find(id)) return {};
  std::vector<std::string> out{std::string(id)};
  for (std::size_t i = 0; i < out.size() && out.size() <= by_id_.size(); ++i) {
    const auto [from, to] = children_.equal_range(out[i]);
    for (auto it = from; it != to; ++it) out.push_back(it->second);
  }
  return out;
}

std::vector<std::string> CategoryView::above(std::string_view id) const {
  std::vector<std::string> out;
  for (const auto* c = find(id); c && out.size() <= by_id_.size(); c = c->parent_id ? find(*c->parent_id) : nullptr)
    out.push_back(c->id);
  return out;
}

std::string CategoryView::names_above(std::string_view id) const {
  std::string out;
  for (const auto& c : above(id)) {
    if (!out.empty()) out += ' ';
    out += find(c)->name;
  }
  return out;
}

std::vector<std::string> CategoryView::changed_since(const CategoryView& before) const {
  std::set<std::string> out;
  for (const auto& [id, c] : by_id_) {
    const auto* old = before.find(id);
    if (!old || old->name != c.name || old->parent_id != c.parent_id) out.insert(id);
  }
  for (const auto& [id, c] : before.by_id_)
    if (!find(id)) out.insert(id);
  // A category that moved or was renamed changes what its descendants' products are found by.
  std::set<std::string> all;
  for (const auto& id : out) {
    const auto& view = find(id) ? *this : before;
    for (auto& d : view.below(id)) all.insert(std::move(d));
  }
  return {all.begin(), all.end()};
}

}  // namespace agora::search
