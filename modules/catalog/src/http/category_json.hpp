#pragma once
// Categories over HTTP: an admin's bodies read into NewCategory and CategoryPatch, and categories
// (one, or the tree below a parent) as JSON.
#include "domain/category_tree.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace agora::catalog {

// Both throw Error{validation} listing every bad field (unknown fields included). A parent_id
// that is not a UUID is reported as not a category, the same as an unknown one.
NewCategory parse_new_category(const boost::json::value& body);
CategoryPatch parse_category_patch(const boost::json::value& body);

boost::json::object category_json(const Category& c);
// The children of parent_id (the roots for nullopt), each with its own children, sorted by name.
boost::json::array category_tree_json(const CategoryTree& tree, const std::optional<std::string>& parent_id);

}  // namespace agora::catalog
