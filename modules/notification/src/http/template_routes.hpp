#pragma once
// The admins' templates: list, read, save, delete (revert to the shipped one) and preview.
#include "app/template_admin.hpp"

#include <agora/core/http.hpp>

namespace agora::notification {

void add_template_routes(http::Router& router, TemplateAdmin& templates);

}  // namespace agora::notification
