#pragma once
// The catalog's category tree as search reads it: a filter on a category covers its descendants,
// a product counts in its category's facet and in every ancestor's, and a product is found by the
// names of its category and the categories above it. Pure.
#include <agora/catalog/api.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace agora::search {

class CategoryView {
 public:
  CategoryView() = default;
  explicit CategoryView(std::vector<catalog::CategoryNode> nodes);

  const catalog::CategoryNode* find(std::string_view id) const;
  std::vector<std::string> below(std::string_view id) const;  // itself and its descendants; [] when unknown
  std::vector<std::string> above(std::string_view id) const;  // itself and its ancestors, nearest first
  std::string names_above(std::string_view id) const;         // their names, space-separated
  // The categories whose name or place differs between the two views, and those in only one.
  std::vector<std::string> changed_since(const CategoryView& before) const;

 private:
  std::map<std::string, catalog::CategoryNode, std::less<>> by_id_;
  std::multimap<std::string, std::string, std::less<>> children_;  // parent id -> child id
};

}  // namespace agora::search
