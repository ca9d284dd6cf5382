#include "domain/template.hpp"

#include "domain/channels.hpp"
#include "domain/locale.hpp"

#include <agora/core/error.hpp>

#include <algorithm>

namespace agora::notification {
namespace {

Error does_not_render(std::string_view part, const std::string& why) {
  return Error(ErrorKind::validation, "the template's " + std::string(part) + " does not render: " + why,
               {{std::string(part), why}});
}

std::string render_part(std::string_view part, const std::string& source, const kainjow::mustache::data& values,
                        bool html) {
  kainjow::mustache::mustache m(source);
  if (!html) m.set_custom_escape([](const std::string& s) { return s; });
  std::string out;
  if (m.is_valid()) out = m.render(values);
  if (!m.is_valid()) throw does_not_render(part, m.error_message());
  return out;
}

}  // namespace

Rendered render(const Template& t, std::string_view channel, const kainjow::mustache::data& values) {
  const bool titled = channel != kSms;
  Rendered r{titled ? render_part("subject", t.subject, values, false) : "", render_part("text", t.text, values, false),
             channel == kEmail ? render_part("html", t.html, values, true) : ""};
  // A line break in a value would end the Subject header and start another.
  if (r.subject.find_first_of("\r\n") != std::string::npos)
    throw does_not_render("subject", "it has more than one line");
  if (titled && r.subject.empty()) throw does_not_render("subject", "it is empty");
  if (r.text.empty()) throw does_not_render("text", "it is empty");
  return r;
}

std::vector<FieldError> template_id_problems(const TemplateId& id) {
  std::vector<FieldError> errors;
  const auto shipped = shipped_templates();
  if (std::none_of(shipped.begin(), shipped.end(), [&](const TemplateId& s) { return s.name == id.name; }))
    errors.push_back({"name", "is no template's name"});
  if (std::find(std::begin(kChannels), std::end(kChannels), id.channel) == std::end(kChannels))
    errors.push_back({"channel", "must be one of email, sms, push, in_app"});
  if (!valid_locale(id.locale)) errors.push_back({"locale", "is not a locale such as en or de-AT"});
  return errors;
}

}  // namespace agora::notification
