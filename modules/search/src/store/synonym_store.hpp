#pragma once
// SOCI statements on search.synonyms: each locale's groups of words that find each other.
#include "engine/text_index.hpp"

#include <agora/core/clock.hpp>

#include <optional>
#include <string>

namespace soci {
class session;
}

namespace agora::search::synonym_store {

struct Stored {
  Synonyms groups;  // as the admin wrote them
  Timestamp updated_at;
};

std::optional<Stored> find(soci::session& sql, const std::string& locale);
void replace(soci::session& sql, const std::string& locale, const Synonyms& groups, Timestamp now);

}  // namespace agora::search::synonym_store
