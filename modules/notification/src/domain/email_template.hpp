#pragma once
// An email's Mustache templates (subject, text part, HTML part) and their rendering. Values are
// HTML-escaped in the HTML part only; a value a template names and the data lacks renders empty.
#include <kainjow/mustache.hpp>

#include <string>
#include <string_view>

namespace agora::notification {

struct EmailTemplate {
  std::string subject;
  std::string text;
  std::string html;
};

struct RenderedEmail {
  std::string subject;
  std::string text;
  std::string html;
};

// Throws Error{validation} naming the part (subject, text, html) and why it does not render: an
// unclosed section, a bad tag, a subject on more than one line.
RenderedEmail render(const EmailTemplate& t, const kainjow::mustache::data& values);

// The shipped template of that name in that locale (else in en), or nullptr: order_placed, order_shipped.
const EmailTemplate* default_email_template(std::string_view name, std::string_view locale);

}  // namespace agora::notification
