#pragma once
// The admins' templates as the API reads and writes them.
#include "app/template_admin.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace agora::notification {

// A PUT's body {subject, text, html}: each a string, "" when absent (render() says what a channel needs).
Template template_from_json(const boost::json::value& body);
// {name, channel, locale, template?: {subject, text, html}, data?: {...}}
PreviewRequest preview_from_json(const boost::json::value& body);

// {name, channel, locale, found_locale, source: "default"|"custom", subject, text, html, updated_at, updated_by}
boost::json::object template_entry_json(const TemplateEntry& e);
// {subject, text, html}
boost::json::object rendered_json(const Rendered& r);

}  // namespace agora::notification
