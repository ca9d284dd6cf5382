#pragma once
// SOCI statements for notification.templates (the templates admins stored), rows read as
// StoredTemplate.
#include "domain/template.hpp"

#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::notification::template_store {

// Every stored template, ordered by name, channel and locale.
std::vector<StoredTemplate> all(soci::session& sql);
// Inserts the template, or replaces the one stored under its name, channel and locale.
void save(soci::session& sql, const StoredTemplate& t);
// False when none was stored under that name, channel and locale.
bool remove(soci::session& sql, const TemplateId& id);

}  // namespace agora::notification::template_store
