#include "app/template_admin.hpp"

#include "app/template_samples.hpp"
#include "app/template_values.hpp"
#include "store/template_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/log.hpp>

namespace agora::notification {
namespace {

TemplateEntry entry_of(const StoredTemplate& t) {
  return {t.id(), t.locale, true, t.parts(), t.updated_at, t.updated_by};
}

std::string path_of(const TemplateId& id) { return id.name + "/" + id.channel + "/" + id.locale; }

Error no_template(const TemplateId& id) { return Error(ErrorKind::not_found, "no template " + path_of(id)); }

// The id from a path names a template there may be: Error{not_found} saying which part names none.
void require_known(const TemplateId& id) {
  const auto problems = template_id_problems(id);
  if (problems.empty()) return;
  std::string why;
  for (const auto& p : problems) why += (why.empty() ? ": " : "; ") + p.field + " " + p.message;
  throw Error(ErrorKind::not_found, "no template " + path_of(id) + why);
}

// The id from a body: Error{validation} naming each bad field.
void check_fields(const TemplateId& id) {
  if (auto problems = template_id_problems(id); !problems.empty())
    throw Error(ErrorKind::validation, "invalid template", std::move(problems));
}

// A preview's parts that do not render, named where the body has them: its "template", or its "data"
// when the template messages get was rendered with them.
Error named_in_body(const Error& e, bool own_parts) {
  std::vector<FieldError> fields;
  for (const auto& f : e.fields())
    fields.push_back(own_parts ? FieldError{"template." + f.field, f.message}
                               : FieldError{"data", "the template's " + f.field + " does not render: " + f.message});
  return Error(e.kind(), e.what(), std::move(fields));
}

}  // namespace

TemplateAdmin::TemplateAdmin(Database& db, const Clock& clock, TemplateLookup& lookup, std::string shop_name)
    : db_(db), clock_(clock), lookup_(lookup), shop_name_(std::move(shop_name)) {}

std::vector<TemplateEntry> TemplateAdmin::list() const {
  const auto stored = lookup_.stored();
  std::map<TemplateId, TemplateEntry> all;
  for (const auto& id : shipped_templates())
    all.emplace(id, TemplateEntry{id, id.locale, false, *shipped_template(id.name, id.channel, id.locale)});
  for (const auto& [id, t] : *stored) all.insert_or_assign(id, entry_of(t));
  std::vector<TemplateEntry> out;
  out.reserve(all.size());
  for (auto& [_, e] : all) out.push_back(std::move(e));
  return out;
}

TemplateEntry TemplateAdmin::get(const TemplateId& id) const {
  require_known(id);
  const auto found = lookup_.resolve(id.name, id.channel, id.locale);
  if (!found) throw no_template(id);
  TemplateEntry e{id, found->id.locale, found->custom, found->parts};
  if (found->custom) {
    const auto stored = lookup_.stored();
    if (const auto it = stored->find(found->id); it != stored->end()) {
      e.updated_at = it->second.updated_at;
      e.updated_by = it->second.updated_by;
    }
  }
  return e;
}

TemplateEntry TemplateAdmin::save(const TemplateId& id, const Template& parts, const std::string& admin_id) {
  require_known(id);
  render(parts, id.channel, mustache_data(sample_values(id.name, shop_name_).value_or(boost::json::object{})));
  const StoredTemplate t{id.name, id.channel, id.locale, parts.subject, parts.text, parts.html, clock_.now(), admin_id};
  db_.transact([&](Tx& tx) {
    template_store::save(tx.sql(), t);
    tx.announce({std::string(kTemplatesTopic), "changed", ""});
    tx.after_commit([this] { reload_after_commit(); });
  });
  return entry_of(t);
}

void TemplateAdmin::remove(const TemplateId& id) {
  require_known(id);
  db_.transact([&](Tx& tx) {
    if (!template_store::remove(tx.sql(), id)) throw no_template(id);
    tx.announce({std::string(kTemplatesTopic), "changed", ""});
    tx.after_commit([this] { reload_after_commit(); });
  });
}

Rendered TemplateAdmin::preview(const PreviewRequest& request) const {
  const auto& id = request.id;
  check_fields(id);
  auto parts = request.parts;
  if (!parts) parts = lookup_.find(id.name, id.channel, id.locale);
  if (!parts) throw no_template(id);
  const auto values = request.data ? *request.data : sample_values(id.name, shop_name_).value_or(boost::json::object{});
  try {
    return render(*parts, id.channel, mustache_data(values));
  } catch (const Error& e) {
    throw named_in_body(e, request.parts.has_value());
  }
}

void TemplateAdmin::reload_after_commit() noexcept {
  // The change is committed whatever happens here; a failed reload leaves the old snapshot until the
  // notice reaches this instance's watch.
  try {
    lookup_.reload();
  } catch (const std::exception& e) {
    log::warn("notification: templates reload failed", {{"error", log::describe(e)}});
  }
}

}  // namespace agora::notification
