#include "http/category_json.hpp"

#include <agora/core/fields.hpp>
#include <agora/core/ids.hpp>

namespace agora::catalog {
namespace {

// null is the root; anything but a UUID cannot name a category.
std::optional<std::optional<std::string>> read_parent(Fields& f) {
  const auto* v = f.raw("parent_id");
  if (v->is_null()) return std::optional<std::string>{};
  if (v->is_string() && is_uuid(v->get_string())) return std::optional<std::string>{std::string(v->get_string())};
  f.fail("parent_id", "is not a category");
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

NewCategory parse_new_category(const boost::json::value& body) {
  Fields f(body);
  NewCategory c;
  c.slug = read_slug(f, true).value_or("");
  c.name = f.text("name", kMaxCategoryName, true).value_or("");
  if (f.has("parent_id")) c.parent_id = read_parent(f).value_or(std::nullopt);
  f.finish({"slug", "name", "parent_id"}, "invalid category");
  return c;
}

CategoryPatch parse_category_patch(const boost::json::value& body) {
  Fields f(body);
  CategoryPatch p;
  if (f.has("slug")) p.slug = read_slug(f, true);
  if (f.has("name")) p.name = f.text("name", kMaxCategoryName, true);
  if (f.has("parent_id")) p.parent_id = read_parent(f);
  f.finish({"slug", "name", "parent_id"}, "invalid category");
  return p;
}

boost::json::object category_json(const Category& c) {
  return {{"id", c.id},
          {"parent_id", c.parent_id ? boost::json::value(*c.parent_id) : boost::json::value(nullptr)},
          {"slug", c.slug},
          {"name", c.name},
          {"created_at", to_rfc3339(c.created_at)},
          {"updated_at", to_rfc3339(c.updated_at)}};
}

boost::json::array category_tree_json(const CategoryTree& tree, const std::optional<std::string>& parent_id) {
  boost::json::array out;
  for (const auto* c : tree.children(parent_id)) {
    auto view = category_json(*c);
    view["children"] = category_tree_json(tree, c->id);
    out.push_back(std::move(view));
  }
  return out;
}

}  // namespace agora::catalog
