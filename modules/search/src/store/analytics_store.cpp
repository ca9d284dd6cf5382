#include "store/analytics_store.hpp"

#include <agora/core/json_text.hpp>
#include <agora/core/prepared.hpp>
#include <boost/json.hpp>

namespace agora::search::analytics_store {
namespace {

// Per normalized query since $1 (and in locale $2 when given): searches, results, clicks.
#define AGORA_QUERY_REPORT                                                                               \
  "WITH s AS (SELECT id, normalized, result_count, searched_at FROM search.queries"                      \
  "  WHERE searched_at >= $1 AND ($2::text IS NULL OR locale = $2) AND normalized <> ''),"               \
  " c AS (SELECT query_id, count(*) AS clicks, avg(position) AS position FROM search.clicks"             \
  "  WHERE clicked_at >= $1 GROUP BY query_id)"                                                          \
  " SELECT s.normalized AS query, count(*) AS searches, avg(s.result_count)::float8 AS average_results," \
  " count(c.query_id) AS clicked_searches, coalesce(sum(c.clicks), 0)::bigint AS clicks,"                \
  " coalesce(avg(c.position), 0)::float8 AS average_position, max(s.searched_at) AS last_searched_at"    \
  " FROM s LEFT JOIN c ON c.query_id = s.id GROUP BY s.normalized"

std::vector<QueryReport> reports(const prepared::Rows& rows) {
  std::vector<QueryReport> out;
  for (int i = 0; i < rows.size(); ++i)
    out.push_back({rows.get<std::string>(i, "query"), rows.get<std::int64_t>(i, "searches"),
                   rows.get<double>(i, "average_results"), rows.get<std::int64_t>(i, "clicked_searches"),
                   rows.get<std::int64_t>(i, "clicks"), rows.get<double>(i, "average_position"),
                   rows.get<Timestamp>(i, "last_searched_at")});
  return out;
}

}  // namespace

void insert_searches(soci::session& sql, const std::vector<LoggedSearch>& searches) {
  if (searches.empty()) return;
  boost::json::array rows;
  for (const auto& s : searches)
    rows.push_back({{"id", s.id},
                    {"query", s.query},
                    {"normalized", s.normalized},
                    {"locale", s.locale},
                    {"filters", boost::json::parse(s.filters)},
                    {"result_count", s.result_count},
                    {"corrected", s.corrected ? boost::json::value(*s.corrected) : nullptr},
                    {"latency_ms", s.latency_ms},
                    {"searched_at", prepared::timestamptz_text(s.searched_at)}});
  prepared::run(sql,
                "INSERT INTO search.queries (id, query, normalized, locale, filters, result_count, corrected,"
                " latency_ms, searched_at) SELECT * FROM jsonb_to_recordset(CAST($1 AS jsonb)) AS r(id uuid,"
                " query text, normalized text, locale text, filters jsonb, result_count integer, corrected text,"
                " latency_ms real, searched_at timestamptz) ON CONFLICT (id) DO NOTHING",
                {json_text::serialize(rows)});
}

void insert_click(soci::session& sql, const Click& c) {
  prepared::run(sql, "INSERT INTO search.clicks (query_id, product_id, position, clicked_at) VALUES ($1, $2, $3, $4)",
                {c.query_id, c.product_id, c.position, c.clicked_at});
}

std::vector<QueryReport> top_queries(soci::session& sql, Timestamp since, const std::optional<std::string>& locale,
                                     int limit) {
  return reports(prepared::run(sql, AGORA_QUERY_REPORT " ORDER BY searches DESC, query LIMIT $3",
                               {since, locale, static_cast<std::int64_t>(limit)}));
}

std::vector<QueryReport> no_results(soci::session& sql, Timestamp since, const std::optional<std::string>& locale,
                                    int limit) {
  return reports(
      prepared::run(sql, AGORA_QUERY_REPORT " HAVING max(s.result_count) = 0 ORDER BY searches DESC, query LIMIT $3",
                    {since, locale, static_cast<std::int64_t>(limit)}));
}

std::vector<QueryReport> click_through(soci::session& sql, Timestamp since, const std::optional<std::string>& locale,
                                       int min_searches, int limit) {
  return reports(
      prepared::run(sql,
                    AGORA_QUERY_REPORT " HAVING count(*) >= $4"
                                       " ORDER BY count(c.query_id)::float8 / count(*), searches DESC, query LIMIT $3",
                    {since, locale, static_cast<std::int64_t>(limit), static_cast<std::int64_t>(min_searches)}));
}

std::vector<std::pair<std::string, std::int64_t>> popular(soci::session& sql, const std::string& locale,
                                                          Timestamp since, int limit) {
  const auto rows =
      prepared::run(sql,
                    "SELECT coalesce(corrected, normalized) AS searched, count(*) AS n FROM search.queries"
                    " WHERE locale = $1 AND searched_at >= $2 AND result_count > 0 AND normalized <> ''"
                    " GROUP BY searched ORDER BY n DESC, searched LIMIT $3",
                    {locale, since, static_cast<std::int64_t>(limit)});
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (int i = 0; i < rows.size(); ++i)
    out.emplace_back(rows.get<std::string>(i, "searched"), rows.get<std::int64_t>(i, "n"));
  return out;
}

std::int64_t delete_before(soci::session& sql, Timestamp cutoff) {
  const auto clicks = prepared::run(sql, "DELETE FROM search.clicks WHERE clicked_at < $1", {cutoff}).affected();
  return clicks + prepared::run(sql, "DELETE FROM search.queries WHERE searched_at < $1", {cutoff}).affected();
}

}  // namespace agora::search::analytics_store
