#include "store/template_store.hpp"

#include <agora/core/prepared.hpp>
#include <boost/describe/class.hpp>

namespace agora::notification {
BOOST_DESCRIBE_STRUCT(StoredTemplate, (), (name, channel, locale, subject, text, html, updated_at, updated_by))
}  // namespace agora::notification

namespace agora::notification::template_store {

std::vector<StoredTemplate> all(soci::session& sql) {
  return prepared::run(sql,
                       "SELECT name, channel, locale, subject, text, html, updated_at, updated_by"
                       " FROM notification.templates ORDER BY name, channel, locale")
      .all<StoredTemplate>();
}

void save(soci::session& sql, const StoredTemplate& t) {
  prepared::run(sql,
                "INSERT INTO notification.templates (name, channel, locale, subject, text, html, updated_at,"
                " updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name, channel, locale) DO UPDATE"
                " SET subject = excluded.subject, text = excluded.text, html = excluded.html,"
                " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                {t.name, t.channel, t.locale, t.subject, t.text, t.html, t.updated_at, t.updated_by});
}

bool remove(soci::session& sql, const TemplateId& id) {
  return prepared::run(sql, "DELETE FROM notification.templates WHERE name = $1 AND channel = $2 AND locale = $3",
                       {id.name, id.channel, id.locale})
             .affected() == 1;
}

}  // namespace agora::notification::template_store
