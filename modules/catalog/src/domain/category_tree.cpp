#include "domain/category_tree.hpp"

#include <agora/core/error.hpp>
#include <agora/core/fields.hpp>
#include <agora/core/ids.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

namespace agora::catalog {
namespace {

// null is the root; anything but a UUID cannot name a category.
std::optional<std::optional<std::string>> read_parent(Fields& f) {
  const auto* v = f.raw("parent_id");
  if (v->is_null()) return std::optional<std::string>{};
  if (v->is_string() && is_uuid(v->get_string())) return std::optional<std::string>{std::string(v->get_string())};
  f.fail("parent_id", "no such category");
  return std::nullopt;
}

std::optional<std::string> read_slug(Fields& f, bool required) {
  auto slug = f.text("slug", 100, required);
  if (slug && !is_category_slug(*slug)) {
    f.fail("slug", "must be 1 to 100 lower-case letters, digits or hyphens");
    return std::nullopt;
  }
  return slug;
}

}  // namespace

bool is_category_slug(std::string_view text) noexcept {
  return !text.empty() && text.size() <= 100 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

NewCategory parse_new_category(const boost::json::value& body) {
  Fields f(body);
  NewCategory c;
  c.slug = read_slug(f, true).value_or("");
  c.name = f.text("name", 200, true).value_or("");
  if (f.has("parent_id")) c.parent_id = read_parent(f).value_or(std::nullopt);
  f.finish({"slug", "name", "parent_id"}, "invalid category");
  return c;
}

CategoryPatch parse_category_patch(const boost::json::value& body) {
  Fields f(body);
  CategoryPatch p;
  if (f.has("slug")) p.slug = read_slug(f, true);
  if (f.has("name")) p.name = f.text("name", 200, true);
  if (f.has("parent_id")) p.parent_id = read_parent(f);
  f.finish({"slug", "name", "parent_id"}, "invalid category");
  return p;
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
