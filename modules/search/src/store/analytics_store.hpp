#pragma once
// SOCI statements on search.queries and search.clicks: logged searches written in batches, clicks,
// and the reports admins read.
#include <agora/core/clock.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace soci {
class session;
}

namespace agora::search {

struct LoggedSearch {
  std::string id;
  std::string query;
  std::string normalized;
  std::string locale;
  std::string filters;  // a JSON object
  std::int64_t result_count = 0;
  std::optional<std::string> corrected;
  double latency_ms = 0;
  Timestamp searched_at;
};

struct Click {
  std::string query_id;
  std::string product_id;
  std::int64_t position = 0;
  Timestamp clicked_at;
};

// One query's row of a report since some instant.
struct QueryReport {
  std::string query;  // normalized
  std::int64_t searches = 0;
  double average_results = 0;
  std::int64_t clicked_searches = 0;  // searches with at least one click
  std::int64_t clicks = 0;
  double average_position = 0;  // of the clicks; 0 without
  Timestamp last_searched_at;
};

namespace analytics_store {

void insert_searches(soci::session& sql, const std::vector<LoggedSearch>& searches);
void insert_click(soci::session& sql, const Click& click);
// The most frequent queries (by searches), those that found nothing, or those searched at least
// `min_searches` times by click-through (lowest first: where shoppers did not find what they wanted).
std::vector<QueryReport> top_queries(soci::session& sql, Timestamp since, const std::optional<std::string>& locale,
                                     int limit);
std::vector<QueryReport> no_results(soci::session& sql, Timestamp since, const std::optional<std::string>& locale,
                                    int limit);
std::vector<QueryReport> click_through(soci::session& sql, Timestamp since, const std::optional<std::string>& locale,
                                       int min_searches, int limit);
// Queries that found something in `locale` (as corrected, when they were), most searched first.
std::vector<std::pair<std::string, std::int64_t>> popular(soci::session& sql, const std::string& locale,
                                                          Timestamp since, int limit);
std::int64_t delete_before(soci::session& sql, Timestamp cutoff);  // searches and clicks

}  // namespace analytics_store
}  // namespace agora::search
