#pragma once
// Events the search module publishes on topic search.events, one struct each (see TypedEvent in
// agora/core/events.hpp). Every instance watches them to keep its own index in step. A field is only
// ever added to a version; a change of meaning is a new version. The README's event tables are made
// from this file by scripts/event_docs.py.
#include <agora/core/event_json.hpp>

namespace agora::search::events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "search.events";

// An admin replaced the synonyms of a locale.
struct SynonymsChanged {
  static constexpr EventName kName{kTopic, "search.synonyms_changed", 1};
  std::string locale;
  std::string key() const { return locale; }
};
BOOST_DESCRIBE_STRUCT(SynonymsChanged, (), (locale))

// An operator asked every instance to rebuild its index from the catalog (`agora search reindex`).
struct ReindexRequested {
  static constexpr EventName kName{kTopic, "search.reindex_requested", 1};
  std::string requested_by;  // a user id, or "cli"
  std::string key() const { return requested_by; }
};
BOOST_DESCRIBE_STRUCT(ReindexRequested, (), (requested_by))

}  // namespace agora::search::events
