#include "store/synonym_store.hpp"

#include <agora/core/prepared.hpp>
#include <boost/json.hpp>

namespace agora::search::synonym_store {

std::optional<Stored> find(soci::session& sql, const std::string& locale) {
  const auto rows =
      prepared::run(sql, "SELECT groups::text AS groups, updated_at FROM search.synonyms WHERE locale = $1", {locale});
  if (rows.empty()) return std::nullopt;
  Stored out{{}, rows.get<Timestamp>(0, "updated_at")};
  const auto groups = boost::json::parse(rows.get<std::string>(0, "groups"));
  for (const auto& group : groups.as_array()) {
    auto& words = out.groups.emplace_back();
    for (const auto& w : group.as_array()) words.emplace_back(w.as_string());
  }
  return out;
}

void replace(soci::session& sql, const std::string& locale, const Synonyms& groups, Timestamp now) {
  boost::json::array json;
  for (const auto& group : groups) {
    boost::json::array words;
    for (const auto& w : group) words.emplace_back(w);
    json.emplace_back(std::move(words));
  }
  prepared::run(sql,
                "INSERT INTO search.synonyms (locale, groups, updated_at) VALUES ($1, CAST($2 AS jsonb), $3)"
                " ON CONFLICT (locale) DO UPDATE SET groups = EXCLUDED.groups, updated_at = EXCLUDED.updated_at",
                {locale, boost::json::serialize(json), now});
}

}  // namespace agora::search::synonym_store
