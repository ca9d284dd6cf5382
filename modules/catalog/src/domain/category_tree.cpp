#include "domain/category_tree.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

namespace agora::catalog {
namespace {

constexpr std::size_t kMaxName = 200;

const boost::json::object& as_object(const boost::json::value& body) {
  if (!body.is_object()) throw Error(ErrorKind::bad_request, "request body must be a JSON object");
  return body.get_object();
}

std::optional<std::string> read_slug(const boost::json::value& v, std::vector<FieldError>& errors) {
  if (v.is_string() && is_category_slug(v.get_string())) return std::string(v.get_string());
  errors.push_back({"slug", "must be 1 to 100 lower-case letters, digits or hyphens"});
  return std::nullopt;
}

std::optional<std::string> read_name(const boost::json::value& v, std::vector<FieldError>& errors) {
  if (!v.is_string() || v.get_string().empty()) {
    errors.push_back({"name", "must be a non-empty string"});
    return std::nullopt;
  }
  const std::string_view s = v.get_string();
  const auto chars = std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
  if (static_cast<std::size_t>(chars) > kMaxName) {
    errors.push_back({"name", "must be at most 200 characters"});
    return std::nullopt;
  }
  if (std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; })) {
    errors.push_back({"name", "must not contain control characters"});
    return std::nullopt;
  }
  return std::string(s);
}

// null is the root; anything but a UUID cannot name a category.
std::optional<std::optional<std::string>> read_parent(const boost::json::value& v, std::vector<FieldError>& errors) {
  if (v.is_null()) return std::optional<std::string>{};
  if (v.is_string() && is_uuid(v.get_string())) return std::optional<std::string>{std::string(v.get_string())};
  errors.push_back({"parent_id", "no such category"});
  return std::nullopt;
}

void refuse_unknown(const boost::json::object& o, std::vector<FieldError>& errors) {
  for (const auto& [key, _] : o)
    if (key != "slug" && key != "name" && key != "parent_id")
      errors.push_back({std::string(key), "is not a field that can be set here"});
}

void finish(std::vector<FieldError>& errors) {
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid category", std::move(errors));
}

}  // namespace

bool is_category_slug(std::string_view text) noexcept {
  return !text.empty() && text.size() <= 100 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

NewCategory parse_new_category(const boost::json::value& body) {
  const auto& o = as_object(body);
  std::vector<FieldError> errors;
  NewCategory c;
  if (const auto* v = o.if_contains("slug")) c.slug = read_slug(*v, errors).value_or("");
  else errors.push_back({"slug", "is required"});
  if (const auto* v = o.if_contains("name")) c.name = read_name(*v, errors).value_or("");
  else errors.push_back({"name", "is required"});
  if (const auto* v = o.if_contains("parent_id")) c.parent_id = read_parent(*v, errors).value_or(std::nullopt);
  refuse_unknown(o, errors);
  finish(errors);
  return c;
}

CategoryPatch parse_category_patch(const boost::json::value& body) {
  const auto& o = as_object(body);
  std::vector<FieldError> errors;
  CategoryPatch p;
  if (const auto* v = o.if_contains("slug")) p.slug = read_slug(*v, errors);
  if (const auto* v = o.if_contains("name")) p.name = read_name(*v, errors);
  if (const auto* v = o.if_contains("parent_id")) p.parent_id = read_parent(*v, errors);
  refuse_unknown(o, errors);
  finish(errors);
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
