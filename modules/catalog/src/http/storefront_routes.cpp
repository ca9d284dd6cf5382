#include "http/product_routes.hpp"
#include "http/storefront_json.hpp"

#include <agora/core/money.hpp>

namespace agora::catalog {
namespace {

using http::Method;
using http::Request;
using http::Response;

struct PageQuery {
  std::string_view currency;
  std::string_view locale;
};

// ?currency=&locale= of a product page; Error{validation} naming a bad one.
PageQuery page_query(const Request& req, const StorefrontOptions& o) {
  PageQuery q{req.query_param("currency").value_or(o.base_currency),
              req.query_param("locale").value_or(o.default_locale)};
  std::vector<FieldError> errors;
  if (!find_currency(q.currency)) errors.push_back({"currency", "must be an ISO 4217 currency code such as USD"});
  const bool locale_ok =
      !q.locale.empty() && q.locale.size() <= 35 &&
      q.locale.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
          std::string_view::npos;
  if (!locale_ok) errors.push_back({"locale", "must be a locale such as en or de-CH"});
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid product query", std::move(errors));
  return q;
}

Response page_response(const Request& req, const RenderedPage& page) {
  const auto match = req.header("if-none-match");
  Response r = match && *match == page.etag ? Response::empty(304) : Response::text(page.body, "application/json");
  r.headers.emplace_back("ETag", page.etag);
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace

void add_storefront_routes(http::Router& router, Storefront& s, const StorefrontOptions& o) {
  router.add(Method::get, "/api/v1/catalog/products", [&s, &o](const Request& req) {
    const auto query = parse_listing_query(req.query, o.base_currency, o.default_locale);
    return Response::text(listing_json(s.list(query), query), "application/json");
  });

  // Cached pages answer on the io thread; a miss renders on a worker (prices may need rates).
  const auto from_memory = [&s, &o](const Request& req, std::string_view id) -> std::optional<Response> {
    const auto q = page_query(req, o);
    const auto page = s.cached_page(id, q.currency, q.locale);
    if (!page) return std::nullopt;
    return page_response(req, *page);
  };
  const auto render = [&s, &o](const Request& req, std::string_view id) {
    const auto q = page_query(req, o);
    return page_response(req, *s.render_page(id, q.currency, q.locale));
  };
  router.add(Method::get, "/api/v1/catalog/products/{id}",
             [render](const Request& req) { return render(req, req.param("id")); },
             {.from_memory = [from_memory](const Request& req) { return from_memory(req, req.param("id")); }});
  router.add(Method::get, "/api/v1/catalog/products/by-slug/{slug}",
             [render, &s](const Request& req) { return render(req, s.id_for_slug(req.param("slug"))); },
             {.from_memory = [from_memory, &s](const Request& req) {
               return from_memory(req, s.id_for_slug(req.param("slug")));
             }});
}

}  // namespace agora::catalog
