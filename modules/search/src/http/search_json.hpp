#pragma once
// Search answers as JSON, and the JSON bodies search routes take.
#include "app/analytics.hpp"
#include "app/searcher.hpp"
#include "app/synonyms.hpp"
#include "domain/search_request.hpp"
#include "domain/suggestions.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace agora::search {

// {query_id, items, total, next_cursor, corrected_query, facets}
std::string search_json(const SearchResult& result, const std::string& query_id);
// Text as the analytics log keeps it: control characters (PostgreSQL refuses a NUL) become spaces.
std::string printable(std::string text);
// The filters of a search as the analytics log keeps them (an object by parameter name).
std::string filters_json(const SearchRequest& request);
boost::json::value suggestions_json(const std::vector<Phrase>& phrases);
boost::json::value reports_json(const std::vector<QueryReport>& rows);
boost::json::value synonyms_json(const SynonymGroups& synonyms);

// {query_id, product_id, position}: Error{validation} naming each bad field.
Click parse_click(const boost::json::value& body, Timestamp now);
// {groups: [[word, ...], ...]}: Error{validation} naming a bad field.
Synonyms parse_synonyms(const boost::json::value& body);

}  // namespace agora::search
