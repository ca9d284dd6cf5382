#pragma once
// Sample values per template name, shaped as the reactions make them (see template_values.hpp):
// what an admin's template is rendered with to check it when saved, and to preview it.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace agora::notification {

// The sample values of every template name shipped (see default_templates.cpp); nullopt for another.
std::optional<boost::json::object> sample_values(std::string_view template_name, const std::string& shop);

}  // namespace agora::notification
