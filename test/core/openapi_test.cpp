// The API document of the whole shop (GET /api/v1/openapi.json) and the page that shows it (/api/docs).
#include "harness/harness.hpp"
#include "harness/process.hpp"
#include "harness/whole_shop.hpp"

#include <agora/core/http.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using agora::test::TestApp;

TestApp& shop() { return agora::test::whole_shop(); }

json::value document() {
  const auto r = shop().call("GET", "/api/v1/openapi.json");
  REQUIRE(r.status == 200);
  REQUIRE(r.headers.at("content-type") == "application/json");
  return r.json();
}

const json::object& operation(const json::value& doc, const std::string& path, const std::string& method) {
  INFO(method << " " << path);
  const auto* item = doc.at("paths").as_object().if_contains(path);
  REQUIRE(item);
  REQUIRE(item->as_object().contains(method));
  return item->at(method).as_object();
}

std::string text_of(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::set<std::string> kMethods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};

}  // namespace

TEST_CASE("the API document passes Redocly's lint with the recommended rules") {
  const auto dir = std::string(AGORA_SOURCE_DIR) + "/test/redocly";
  const auto cli = dir + "/node_modules/@redocly/cli/bin/cli.js";
  if (!fs::exists(cli)) FAIL("@redocly/cli is not installed: run `npm ci` in test/redocly (scripts/test.sh does)");
  const auto base = fs::temp_directory_path() / ("agora-openapi-" + std::to_string(::getpid()));
  const auto file = base.string() + ".json";
  const auto log = base.string() + ".log";
  std::ofstream(file) << json::serialize(document());

  const int code = agora::test::run(
      {"node", cli, "lint", "--config", dir + "/redocly.yaml", "--format", "stylish", file},
      {.log_file = log, .env = {{"REDOCLY_TELEMETRY", "off"}, {"REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"}}});
  INFO(text_of(log));
  CHECK(code == 0);
  fs::remove(file);
  fs::remove(log);
}

TEST_CASE("the API document names every registered route and no route that does not exist") {
  std::set<std::string> registered, documented;
  for (const auto& route : shop().app.platform().router.routes()) {
    std::string method(agora::http::to_string(route->method));
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    registered.insert(method + " " + route->pattern);
  }
  const auto doc = document();
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [key, _] : item.as_object())
      if (kMethods.contains(key)) documented.insert(std::string(key) + " " + std::string(path));

  CHECK(registered.size() > 100);
  for (const auto& route : registered) {
    INFO(route << " is registered");
    CHECK(documented.contains(route));
  }
  for (const auto& route : documented) {
    INFO(route << " is in the document");
    CHECK(registered.contains(route));
  }
}

TEST_CASE("an operation shows its route's path parameters, schemas, auth, roles, idempotency and rate limit") {
  const auto doc = document();
  REQUIRE(doc.at("openapi") == "3.1.0");

  const auto& page = operation(doc, "/api/v1/catalog/products/{id}", "get");
  CHECK(page.at("tags") == json::array{"catalog"});
  CHECK(page.at("security") == json::array());
  CHECK(page.at("x-rate-class") == "read");
  const auto& ok = page.at("responses").at("200");
  CHECK(ok.at("content").at("application/json").at("schema").at("$ref") == "#/components/schemas/ProductPage");
  CHECK(ok.at("headers").as_object().contains("RateLimit-Policy"));
  CHECK(ok.at("headers").at("ETag").at("$ref") == "#/components/headers/ETag");
  CHECK(page.at("responses").at("404").at("$ref") == "#/components/responses/NotFound");
  CHECK(page.at("responses").at("429").at("$ref") == "#/components/responses/TooManyRequests");
  const auto& id = doc.at("paths").at("/api/v1/catalog/products/{id}").at("parameters").at(0);
  CHECK(id == json::parse(R"({"name":"id","in":"path","required":true,"schema":{"type":"string"}})"));

  const auto& create = operation(doc, "/api/v1/admin/catalog/products", "post");
  CHECK(create.at("security") == json::parse(R"([{"bearerAuth": []}])"));
  CHECK(create.at("x-roles") == json::parse(R"(["catalog_manager", "admin"])"));
  CHECK(create.at("responses").as_object().contains("401"));
  CHECK(create.at("responses").as_object().contains("403"));

  const auto& reserve = operation(doc, "/api/v1/inventory/reservations", "post");
  CHECK(reserve.at("parameters").as_array().back().at("$ref") == "#/components/parameters/IdempotencyKey");
  CHECK(reserve.at("responses").as_object().contains("409"));
  CHECK(reserve.at("responses").at("201").at("headers").at("Location").at("$ref") == "#/components/headers/Location");
  // A route that requires the key declares it itself, in place of the shared optional one.
  const auto& refund = operation(doc, "/api/v1/admin/payments/{id}/refunds", "post");
  const auto& refund_params = refund.at("parameters").as_array();
  CHECK(refund_params.size() == 1);
  CHECK(refund_params.at(0).at("name") == "Idempotency-Key");
  CHECK(refund_params.at(0).at("required") == true);

  const auto& stream = operation(doc, "/api/v1/notifications/stream", "get");
  CHECK(stream.at("responses").as_object().contains("101"));
  CHECK(stream.at("parameters").at(0).at("name") == "access_token");

  const auto& webhook = operation(doc, "/api/v1/payments/webhooks/stripe", "post");
  CHECK_FALSE(webhook.contains("x-rate-class"));
  CHECK_FALSE(webhook.at("responses").as_object().contains("429"));

  const auto& components = doc.at("components");
  const auto& too_many = components.at("responses").at("TooManyRequests");
  CHECK(too_many.at("content").at("application/problem+json").at("schema").at("$ref") ==
        "#/components/schemas/Problem");
  for (const auto* header : {"Retry-After", "RateLimit-Policy", "RateLimit"})
    CHECK(too_many.at("headers").as_object().contains(header));
  CHECK(components.at("schemas").at("Problem").at("required") ==
        json::parse(R"(["type", "title", "status", "detail"])"));
}

// One route, with the doc given, by a module of this test only.
class OneRouteModule final : public agora::Module {
 public:
  explicit OneRouteModule(agora::http::RouteDoc doc) : doc_(std::move(doc)) {}
  std::string_view name() const override { return "one"; }
  void install(agora::Platform& p) override {
    p.router.add(agora::http::Method::get, "/api/v1/one/{id}",
                 [](const agora::http::Request&) {
                   return agora::http::Response::json({{"ok", true}});
                 },
                 {.doc = doc_});
  }

 private:
  agora::http::RouteDoc doc_;
};

TEST_CASE("a route without a doc is listed with a summary made of its method and path") {
  TestApp app(agora::test::test_config(), {[] { return std::make_unique<OneRouteModule>(agora::http::RouteDoc{}); }});
  const auto r = app.call("GET", "/api/v1/openapi.json");
  REQUIRE(r.status == 200);
  const auto doc = r.json();
  const auto& op = operation(doc, "/api/v1/one/{id}", "get");
  CHECK(op.at("summary") == "GET /api/v1/one/{id}");
  CHECK(op.at("operationId") == "get_one_id");
  CHECK(op.at("responses").at("2XX").at("description") == "Success (not described yet)");
  // components.headers declares Location and ETag only when an answer names them
  const auto& headers = doc.at("components").at("headers").as_object();
  CHECK_FALSE(headers.contains("Location"));
  CHECK_FALSE(headers.contains("ETag"));
}

TEST_CASE("a route's doc may name only the answer headers the platform declares") {
  TestApp app(agora::test::test_config(), {[] {
                return std::make_unique<OneRouteModule>(agora::http::RouteDoc{.summary = "One", .headers = {"X-Mine"}});
              }});
  const auto r = app.call("GET", "/api/v1/openapi.json");
  CHECK(r.status == 500);
}

TEST_CASE("/api/docs shows the document with the viewer built into the server, naming no other site") {
  const auto page = shop().call("GET", "/api/docs");
  REQUIRE(page.status == 200);
  CHECK(page.headers.at("content-type") == "text/html; charset=utf-8");
  CHECK(page.body.find("http://") == std::string::npos);
  CHECK(page.body.find("https://") == std::string::npos);
  CHECK(page.body.find("\"/api/v1/openapi.json\"") != std::string::npos);
  // Swagger UI sends the document to validator.swagger.io unless told not to.
  CHECK(page.body.find("validatorUrl: null") != std::string::npos);

  const std::regex reference(R"re((src|href)="([^"]*)")re");
  std::set<std::string> files;
  for (std::sregex_iterator it(page.body.begin(), page.body.end(), reference), end; it != end; ++it) {
    const auto target = (*it)[2].str();
    INFO(target);
    CHECK(target.starts_with("/api/docs/"));
    files.insert(target);
  }
  REQUIRE(files == std::set<std::string>{"/api/docs/swagger-ui-bundle.js", "/api/docs/swagger-ui.css"});

  const auto script = shop().call("GET", "/api/docs/swagger-ui-bundle.js");
  REQUIRE(script.status == 200);
  CHECK(script.headers.at("content-type") == "text/javascript; charset=utf-8");
  CHECK(script.body.size() > 500'000);
  CHECK(script.body.find("SwaggerUIBundle") != std::string::npos);
  const auto style = shop().call("GET", "/api/docs/swagger-ui.css");
  REQUIRE(style.status == 200);
  CHECK(style.headers.at("content-type") == "text/css; charset=utf-8");
  CHECK(style.body.find(".swagger-ui") != std::string::npos);
  CHECK(style.body.find("@import") == std::string::npos);
}
