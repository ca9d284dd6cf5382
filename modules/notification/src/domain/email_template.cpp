#include "domain/email_template.hpp"

#include <agora/core/error.hpp>

namespace agora::notification {
namespace {

std::string render_part(std::string_view part, const std::string& source, const kainjow::mustache::data& values,
                        bool html) {
  kainjow::mustache::mustache m(source);
  if (!html) m.set_custom_escape([](const std::string& s) { return s; });
  std::string out;
  if (m.is_valid()) out = m.render(values);
  if (!m.is_valid())
    throw Error(ErrorKind::validation, "the template's " + std::string(part) + " does not render: " + m.error_message(),
                {{std::string(part), m.error_message()}});
  return out;
}

}  // namespace

RenderedEmail render(const EmailTemplate& t, const kainjow::mustache::data& values) {
  RenderedEmail e{render_part("subject", t.subject, values, false), render_part("text", t.text, values, false),
                  render_part("html", t.html, values, true)};
  // A line break in a value would end the Subject header and start another.
  if (e.subject.find_first_of("\r\n") != std::string::npos)
    throw Error(ErrorKind::validation, "the template's subject does not render: it has more than one line",
                {{"subject", "has more than one line"}});
  return e;
}

}  // namespace agora::notification
