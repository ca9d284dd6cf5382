#pragma once
// A message's Mustache template for one channel and its rendering. The parts a channel uses:
//   email:  subject (one line), text, html
//   sms:    text
//   push:   subject (the title), text (the body)
//   in_app: subject (the title), text (the body)
// Values are HTML-escaped in the HTML part only; a value a template names and the data lacks
// renders empty.
#include <kainjow/mustache.hpp>

#include <string>
#include <string_view>

namespace agora::notification {

struct Template {
  std::string subject;
  std::string text;
  std::string html;
};

struct Rendered {
  std::string subject;
  std::string text;
  std::string html;
};

// Throws Error{validation} naming the part (subject, text, html) and why it does not render: an
// unclosed section, a bad tag, a subject on more than one line, a part the channel needs left empty.
Rendered render(const Template& t, std::string_view channel, const kainjow::mustache::data& values);

// The shipped template of that name for that channel in that locale (else in en), or nullptr.
const Template* default_template(std::string_view name, std::string_view channel, std::string_view locale);

}  // namespace agora::notification
