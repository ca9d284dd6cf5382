#include "app/reindex_request.hpp"
#include "http/routes.hpp"
#include "http/search_json.hpp"

#include <agora/core/error.hpp>
#include <agora/user/api.hpp>
#include <boost/json.hpp>

#include <charconv>

namespace agora::search {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kMerchandisers{.roles = {std::string(user::kCatalogManager), std::string(user::kAdmin)}};
const http::RouteOptions kAdmins{.roles = {std::string(user::kAdmin)}};

Report report_named(const std::string& name) {
  if (name == "top-queries") return Report::top_queries;
  if (name == "no-results") return Report::no_results;
  if (name == "click-through") return Report::click_through;
  throw Error(ErrorKind::not_found, "no such report; there are top-queries, no-results and click-through");
}

int days_param(const Request& req) {
  const auto text = req.query_param("days");
  if (!text) return 7;
  int days = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), days);
  if (ec != std::errc() || end != text->data() + text->size() || days < 1 || days > 365)
    throw Error(ErrorKind::validation, "the report is not valid", {{"days", "must be an integer from 1 to 365"}});
  return days;
}

}  // namespace

void add_admin_routes(http::Router& router, const SearchParts& parts) {
  router.add(
      Method::get, "/api/v1/admin/search/reports/{report}",
      [parts](const Request& req) {
        const auto kind = report_named(req.param("report"));
        const auto days = days_param(req);
        const auto limit = req.page_limit(20);
        std::optional<std::string> locale;
        if (const auto l = req.query_param("locale")) locale = std::string(*l);
        return Response::json(reports_json(parts.analytics.report(kind, days, locale, limit)));
      },
      kMerchandisers);

  router.add(
      Method::get, "/api/v1/admin/search/synonyms/{locale}",
      [parts](const Request& req) { return Response::json(synonyms_json(parts.synonyms.get(req.param("locale")))); },
      kMerchandisers);

  router.add(
      Method::put, "/api/v1/admin/search/synonyms/{locale}",
      [parts](const Request& req) {
        return Response::json(synonyms_json(parts.synonyms.replace(req.param("locale"), parse_synonyms(req.json()))));
      },
      kMerchandisers);

  router.add(
      Method::post, "/api/v1/admin/search/reindex",
      [parts](const Request& req) {
        request_reindex(parts.db, req.user().user_id);
        return Response::json({{"status", "rebuilding"}}, 202);
      },
      kAdmins);

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
      kAdmins);
}

}  // namespace agora::search
