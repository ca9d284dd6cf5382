#include "http/template_json.hpp"

#include <agora/core/fields.hpp>

namespace agora::notification {
namespace {

constexpr std::size_t kMaxSubject = 1000;
constexpr std::size_t kMaxText = 20000;
constexpr std::size_t kMaxHtml = 200000;

// Line breaks are let through in the subject too: render() refuses a subject of two lines, naming it.
Template read_parts(Fields& f) {
  return {f.text("subject", kMaxSubject, false, true, true).value_or(""),
          f.text("text", kMaxText, false, true, true).value_or(""),
          f.text("html", kMaxHtml, false, true, true).value_or("")};
}

}  // namespace

Template template_from_json(const boost::json::value& body) {
  Fields f(body);
  auto t = read_parts(f);
  f.finish({"subject", "text", "html"}, "invalid template");
  return t;
}

PreviewRequest preview_from_json(const boost::json::value& body) {
  Fields f(body);
  PreviewRequest r;
  r.id = {f.text("name", 100, true).value_or(""), f.text("channel", 20, true).value_or(""),
          f.text("locale", 35, true).value_or("")};
  if (const auto* t = f.raw("template"); t && !t->is_null()) {
    if (!t->is_object()) {
      f.fail("template", "must be an object with subject, text and html");
    } else {
      Fields parts(*t);
      r.parts = read_parts(parts);
      f.add(parts.nested_errors({"subject", "text", "html"}, "template."));
    }
  }
  if (const auto* d = f.raw("data"); d && !d->is_null()) {
    if (d->is_object())
      r.data = d->get_object();
    else
      f.fail("data", "must be an object of the template's values");
  }
  f.finish({"name", "channel", "locale", "template", "data"}, "invalid preview");
  return r;
}

boost::json::object template_entry_json(const TemplateEntry& e) {
  return {{"name", e.id.name},
          {"channel", e.id.channel},
          {"locale", e.id.locale},
          {"found_locale", e.found_locale},
          {"source", e.custom ? "custom" : "default"},
          {"subject", e.parts.subject},
          {"text", e.parts.text},
          {"html", e.parts.html},
          {"updated_at", e.updated_at ? boost::json::value(to_rfc3339(*e.updated_at)) : nullptr},
          {"updated_by", e.updated_by ? boost::json::value(*e.updated_by) : nullptr}};
}

boost::json::object rendered_json(const Rendered& r) {
  return {{"subject", r.subject}, {"text", r.text}, {"html", r.html}};
}

}  // namespace agora::notification
