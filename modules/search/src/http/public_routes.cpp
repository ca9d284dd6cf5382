#include "domain/text_fold.hpp"
#include "http/routes.hpp"
#include "http/search_json.hpp"
#include "http/search_schemas.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/utf8.hpp>
#include <boost/json.hpp>

namespace agora::search {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr std::size_t kMaxTyped = 100;  // characters of a suggestion's prefix

std::string normalized(const std::string& q) {
  std::string out;
  for (const auto& w : words_of(fold(q))) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

void add_public_routes(http::Router& router, const SearchParts& parts) {
  router.schema("SearchItem", schemas::kSearchItem);
  router.schema("SearchFacetValues", schemas::kSearchFacetValues);
  router.schema("SearchResults", schemas::kSearchResults);

  router.add(Method::get, "/api/v1/search",
             [parts](const Request& req) {
               const auto started = std::chrono::steady_clock::now();
               const auto request = parse_search_request(req.query, parts.options.max_query_chars);
               const auto result = parts.searcher.search(request);
               const auto query_id = new_id();
               auto body = search_json(result, query_id);
               // A later page of the same search is not another search: only first pages are logged.
               if (!request.cursor)
                 parts.analytics.record(
                     {.id = query_id,
                      .query = printable(request.q),
                      .normalized = normalized(request.q),
                      .locale = result.locale,
                      .filters = filters_json(request),
                      .result_count = static_cast<std::int64_t>(result.total),
                      .corrected = result.corrected_query,
                      .latency_ms =
                          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count(),
                      .searched_at = parts.analytics.clock().now()});
               return Response::text(std::move(body), "application/json");
             },
             {.cpu_bound = true,  // a search costs milliseconds of a core
              .rate_class = "search",
              .doc = {.summary = "Products matching words and filters (attr.<name>=<value> filters by an attribute or "
                                 "option), with facet counts; without q, the newest first",
                      .response = R"({"$ref": "#/components/schemas/SearchResults"})",
                      .parameters = R"([{"name": "q", "in": "query", "description": "The words to search for",
                                         "schema": {"type": "string", "maxLength": )" +
                                    std::to_string(parts.options.max_query_chars) + "}}," +
                                    std::string(schemas::kSearchParameters) + "]"}});

  router.add(
      Method::get, "/api/v1/search/suggest",
      [parts](const Request& req) {
        const auto q = req.query_param("q");
        std::vector<FieldError> errors;
        if (!q || q->empty() || code_points(*q) > kMaxTyped)
          errors.push_back({"q", "must be what was typed so far, 1 to " + std::to_string(kMaxTyped) + " characters"});
        const auto locale = req.query_param("locale").value_or("");
        if (locale.size() > 35) errors.push_back({"locale", "must be a locale such as en or de-CH"});
        const int limit = req.page_limit(errors, 8, 20);
        if (!errors.empty())
          throw Error(ErrorKind::validation, "the suggestion request is not valid", std::move(errors));
        return Response::json(suggestions_json(parts.suggester.suggest(*q, locale, static_cast<std::size_t>(limit))));
      },
      {.run_inline = true,
       .doc = {.summary = "Completions of what a shopper typed: products, brands, categories and popular searches",
               .response = std::string(schemas::kSearchSuggestions),
               .parameters = std::string(schemas::kSearchSuggestParameters)}});

  router.add(Method::post, "/api/v1/search/clicks",
             [parts](const Request& req) {
               parts.analytics.record_click(parse_click(req.json(), parts.analytics.clock().now()));
               return Response::empty(204);
             },
             {.doc = {.summary = "Records a click on a search result, for the click-through report",
                      .request = std::string(schemas::kSearchClick)}});
}

}  // namespace agora::search
