#include "app/reindex_request.hpp"
#include "http/routes.hpp"
#include "http/search_json.hpp"
#include "http/search_schemas.hpp"

#include <agora/core/error.hpp>
#include <agora/user/api.hpp>
#include <boost/json.hpp>

#include <charconv>

namespace agora::search {
namespace {

using http::Method;
using http::Request;
using http::Response;

http::RouteOptions merchandisers(http::RouteDoc doc) {
  return {.roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}, .doc = std::move(doc)};
}
http::RouteOptions admins(http::RouteDoc doc) { return {.roles = {std::string(user::kAdmin)}, .doc = std::move(doc)}; }

constexpr std::string_view kSynonymsRef = R"({"$ref": "#/components/schemas/SearchSynonyms"})";

Report report_named(const std::string& name) {
  if (name == "top-queries") return Report::top_queries;
  if (name == "no-results") return Report::no_results;
  if (name == "click-through") return Report::click_through;
  throw Error(ErrorKind::not_found,
              "no report named " + name.substr(0, 40) + "; there are top-queries, no-results and click-through");
}

struct ReportQuery {
  int days = 7;
  int limit = 20;
  std::optional<std::string> locale;
};

// ?days=&limit=&locale=: one Error{validation} naming each bad one.
ReportQuery report_query(const Request& req) {
  ReportQuery q;
  std::vector<FieldError> errors;
  if (const auto text = req.query_param("days")) {
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), q.days);
    if (ec != std::errc() || end != text->data() + text->size() || q.days < 1 || q.days > 365)
      errors.push_back({"days", "must be an integer from 1 to 365"});
  }
  q.limit = req.page_limit(errors, 20);
  if (const auto l = req.query_param("locale")) {
    if (l->empty() || l->size() > 35) errors.push_back({"locale", "must be a locale such as en or de-CH"});
    q.locale = std::string(*l);
  }
  if (!errors.empty()) throw Error(ErrorKind::validation, "the report is not valid", std::move(errors));
  return q;
}

}  // namespace

void add_admin_routes(http::Router& router, const SearchParts& parts) {
  router.schema("SearchSynonyms", schemas::kSearchSynonyms);

  router.add(
      Method::get, "/api/v1/admin/search/reports/{report}",
      [parts](const Request& req) {
        const auto kind = report_named(req.param("report"));
        const auto q = report_query(req);
        return Response::json(reports_json(parts.analytics.report(kind, q.days, q.locale, q.limit)));
      },
      merchandisers({.summary = "A search report (top-queries, no-results or click-through) over the last days",
                     .response = std::string(schemas::kSearchReport),
                     .parameters = std::string(schemas::kSearchReportParameters)}));

  router.add(
      Method::get, "/api/v1/admin/search/synonyms/{locale}",
      [parts](const Request& req) { return Response::json(synonyms_json(parts.synonyms.get(req.param("locale")))); },
      merchandisers({.summary = "The synonym groups of an indexed locale", .response = std::string(kSynonymsRef)}));

  router.add(
      Method::put, "/api/v1/admin/search/synonyms/{locale}",
      [parts](const Request& req) {
        return Response::json(synonyms_json(parts.synonyms.replace(req.param("locale"), parse_synonyms(req.json()))));
      },
      merchandisers(
          {.summary = "Replaces the synonym groups of an indexed locale; every instance's index takes them in",
           .request = std::string(schemas::kSearchSynonymGroups),
           .response = std::string(kSynonymsRef)}));

  router.add(
      Method::post, "/api/v1/admin/search/reindex",
      [parts](const Request& req) {
        request_reindex(parts.db, req.user().user_id);
        return Response::json({{"status", "rebuilding"}}, 202);
      },
      admins({.summary = "Rebuilds the search index beside the one answering, then swaps it in",
              .response =
                  R"({"type": "object", "required": ["status"], "properties": {"status": {"const": "rebuilding"}}})",
              .status = 202}));

  router.add(
      Method::get, "/api/v1/admin/search/status",
      [parts](const Request&) {
        const auto g = parts.indexer.current();
        boost::json::array locales;
        for (const auto& l : parts.options.locales) locales.emplace_back(l);
        return Response::json({{"ready", g != nullptr},
                               {"rebuilding", parts.indexer.rebuilding()},
                               {"documents", g ? g->table.live_count() : 0},
                               {"locales", std::move(locales)},
                               {"version", parts.indexer.version()}});
      },
      admins(
          {.summary = "The state of this instance's search index", .response = std::string(schemas::kSearchStatus)}));
}

}  // namespace agora::search
