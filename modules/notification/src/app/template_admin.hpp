#pragma once
// The admins' templates: every template shipped or stored, one read as messages get it, saved after
// it rendered the template name's sample values (a template that does not render is refused, naming
// the part and why), deleted to revert to the shipped one, and previewed. A save or delete reloads
// every instance's lookup (TemplateLookup, topic kTemplatesTopic).
#include "app/template_lookup.hpp"
#include "domain/template.hpp"

#include <agora/core/clock.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::notification {

// A template as admins see it: shipped (custom false) or stored by an admin.
struct TemplateEntry {
  TemplateId id;
  std::string found_locale;  // the locale along the fallback chain it was found in (id.locale for a listed one)
  bool custom = false;
  Template parts;
  std::optional<Timestamp> updated_at;  // a custom one's
  std::optional<std::string> updated_by;
};

struct PreviewRequest {
  TemplateId id;
  std::optional<Template> parts;            // none: the template messages get
  std::optional<boost::json::object> data;  // none: the template name's sample values
};

class TemplateAdmin {
 public:
  TemplateAdmin(Database& db, const Clock& clock, TemplateLookup& lookup, std::string shop_name);
  // Every template shipped or stored, by name, channel and locale; a stored one in place of the
  // shipped one it replaces.
  std::vector<TemplateEntry> list() const;
  // The template a message of that name, channel and locale gets; Error{not_found} when there is none
  // (or the id could name none: get, save and remove take it from the path).
  TemplateEntry get(const TemplateId& id) const;
  // Error{validation} naming the part (subject, text, html) of a template that does not render the
  // sample values.
  TemplateEntry save(const TemplateId& id, const Template& parts, const std::string& admin_id);
  // Reverts to the shipped template; Error{not_found} when none is stored.
  void remove(const TemplateId& id);
  // The template rendered: Error{validation} naming the body's fields (name, channel, locale of a bad
  // id; template.<part> of its own template, or data, that does not render); Error{not_found} when no
  // template has the id.
  Rendered preview(const PreviewRequest& request) const;

 private:
  void reload_after_commit() noexcept;

  Database& db_;
  const Clock& clock_;
  TemplateLookup& lookup_;
  const std::string shop_name_;
};

}  // namespace agora::notification
