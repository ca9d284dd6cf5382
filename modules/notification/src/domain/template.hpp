#pragma once
// A message's Mustache template for one channel and its rendering. The parts a channel uses:
//   email:  subject (one line), text, html
//   sms:    text
//   push:   subject (the title), text (the body)
//   in_app: subject (the title), text (the body)
// Values are HTML-escaped in the HTML part only; a value a template names and the data lacks
// renders empty.
#include <agora/core/clock.hpp>
#include <agora/core/error.hpp>
#include <kainjow/mustache.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// The locale every shipped template has.
inline constexpr std::string_view kShippedLocale = "en";

// Which template: a message's template name (order_placed, ...), a channel and a locale.
struct TemplateId {
  std::string name;
  std::string channel;
  std::string locale;
  auto operator<=>(const TemplateId&) const = default;
};

// A template an admin stored, in place of the shipped one of the same name, channel and locale.
struct StoredTemplate {
  std::string name;
  std::string channel;
  std::string locale;
  std::string subject;
  std::string text;
  std::string html;
  Timestamp updated_at;
  std::optional<std::string> updated_by;  // the admin's user id

  TemplateId id() const { return {name, channel, locale}; }
  Template parts() const { return {subject, text, html}; }
};

// What makes the id name no template, each part named (name, channel, locale): a name no template
// ships under, a channel there is not, a malformed locale. Empty for a good id.
std::vector<FieldError> template_id_problems(const TemplateId& id);

// The shipped template of that name for that channel in that locale (else in en), or nullptr.
const Template* default_template(std::string_view name, std::string_view channel, std::string_view locale);
// The shipped template of exactly that name, channel and locale, or nullptr.
const Template* shipped_template(std::string_view name, std::string_view channel, std::string_view locale);
// Every template shipped, ordered by name, channel and locale.
std::vector<TemplateId> shipped_templates();

}  // namespace agora::notification
