#include "app/platform_routes.hpp"

#include "http/api_docs_files.hpp"
#include "http/openapi.hpp"

#include <agora/core/metrics.hpp>

#include <memory>
#include <mutex>

namespace agora {
namespace {

// agora::Money as every module writes it; routes' docs name it {"$ref": "#/components/schemas/Money"}.
constexpr std::string_view kMoneySchema = R"json({
  "type": "object",
  "description": "An amount of money: integer minor units of an ISO 4217 currency (1999 USD is $19.99).",
  "required": ["amount", "currency"],
  "properties": {
    "amount": {"type": "integer"},
    "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "examples": ["USD"]}
  }
})json";

// A postal address as every module writes it (a saved one, a cart's, an order's); a part not given is "".
constexpr std::string_view kPostalAddressSchema = R"json({
  "type": "object",
  "required": ["recipient", "line1", "line2", "city", "region", "postal_code", "country", "phone"],
  "properties": {
    "recipient": {"type": "string"},
    "line1": {"type": "string"},
    "line2": {"type": "string"},
    "city": {"type": "string"},
    "region": {"type": "string"},
    "postal_code": {"type": "string"},
    "country": {"type": "string", "description": "ISO 3166-1 alpha-2"},
    "phone": {"type": "string", "description": "E.164, or empty"}
  }
})json";

// agora::ImportReport (import_report.hpp): what a line-by-line bulk import did.
constexpr std::string_view kImportReportSchema = R"json({
  "type": "object",
  "required": ["imported", "failed"],
  "properties": {
    "imported": {"type": "integer", "description": "Lines that landed"},
    "failed": {
      "type": "array",
      "description": "Every line that did not, in line order",
      "items": {
        "type": "object",
        "required": ["line", "status", "detail", "errors"],
        "properties": {
          "line": {"type": "integer", "description": "From 1"},
          "status": {"type": "integer", "description": "What the line would have been answered alone: 400 unreadable, 409, 422"},
          "detail": {"type": "string"},
          "errors": {
            "type": "array",
            "items": {"type": "object", "required": ["field", "message"], "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}
          }
        }
      }
    }
  }
})json";

constexpr std::string_view kReadiness = R"json({
  "type": "object",
  "required": ["status", "checks"],
  "properties": {
    "status": {"enum": ["ready", "unavailable"]},
    "checks": {
      "type": "object",
      "description": "Each part (postgres, redis, kafka, migrations, ...): ok, down: <why>, or a note",
      "additionalProperties": {"type": "string"}
    }
  }
})json";

// Built at its first request: every module has added its routes by then, and they do not change.
struct ApiDocument {
  std::once_flag built;
  std::string text;
};

std::string_view content_type_of(std::string_view file) {
  if (file.ends_with(".html")) return "text/html; charset=utf-8";
  if (file.ends_with(".css")) return "text/css; charset=utf-8";
  return "text/javascript; charset=utf-8";
}

void add_api_docs_routes(http::Router& router) {
  auto document = std::make_shared<ApiDocument>();
  router.add(http::Method::get, std::string(http::kOpenApiPath),
             [&router, document](const http::Request&) {
               std::call_once(document->built, [&] { document->text = http::openapi_document(router, AGORA_VERSION); });
               return http::Response::text(document->text, "application/json");
             },
             {.doc = {.summary = "This document: the API of every module, as OpenAPI 3.1",
                      .response = R"({"type": "object", "description": "An OpenAPI 3.1 document"})"}});

  for (const auto& file : http::api_docs_files()) {
    const auto serve = [&file](const http::Request&) {
      auto r = http::Response::text(std::string(file.content), std::string(content_type_of(file.name)));
      r.headers.emplace_back("Cache-Control", "public, max-age=3600");
      return r;
    };
    const bool page = file.name == "index.html";
    const http::RouteDoc doc{
        .summary = page ? "This document in a browser (Swagger UI)" : "A file of the API docs page", .status = 200};
    if (page) router.add(http::Method::get, "/api/docs", serve, {.run_inline = true, .doc = doc});
    router.add(http::Method::get, "/api/docs/" + std::string(file.name), serve, {.run_inline = true, .doc = doc});
  }
}

}  // namespace

void add_platform_routes(http::Router& router, Metrics& metrics, const Readiness& readiness) {
  router.schema("Money", kMoneySchema);
  router.schema("PostalAddress", kPostalAddressSchema);
  router.schema("ImportReport", kImportReportSchema);

  router.add(http::Method::get, "/health/live",
             [](const http::Request&) {
               return http::Response::json({{"status", "ok"}});
             },
             {.run_inline = true,
              .rate_class = "none",  // probes of load balancers and orchestrators
              .doc = {.summary = "Liveness: the process answers",
                      .response = R"({"type": "object", "properties": {"status": {"const": "ok"}}})"}});

  router.add(http::Method::get, "/health/ready",
             [&readiness](const http::Request&) {
               boost::json::object parts;
               bool ready = true;
               for (const auto& c : readiness.checks()) {
                 try {
                   c.check();
                   parts[c.name] = "ok";
                 } catch (const std::exception& e) {
                   parts[c.name] = std::string("down: ") + e.what();
                   ready = false;
                 }
               }
               for (const auto& n : readiness.notes()) parts[n.name] = n.note().value_or("ok");
               return http::Response::json({{"status", ready ? "ready" : "unavailable"}, {"checks", std::move(parts)}},
                                           ready ? 200 : 503);
             },
             {.rate_class = "none",
              .doc = {.summary = "Readiness: every store and dependency answers (503 otherwise)",
                      .response = std::string(kReadiness)}});

  router.add(http::Method::get, "/metrics",
             [&metrics](const http::Request&) {
               return http::Response::text(metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
             },
             {.rate_class = "none", .doc = {.summary = "Metrics in the Prometheus text format", .status = 200}});

  add_api_docs_routes(router);
}

}  // namespace agora
