// Every route that takes a JSON body, driven by the API document (GET /api/v1/openapi.json): what
// its request schema says is what the route refuses, with 422 problem+json naming each bad field.
// So a schema that documents a field the route does not check, or a route that refuses a field
// without naming it, fails here.
#include "harness/whole_shop.hpp"

#include <agora/core/ids.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
using agora::test::TestApp;

const std::set<std::string> kMethods{"get", "put", "post", "delete", "patch"};

// A route's body schema, followed through $ref to the document's components.
const json::object& resolved(const json::value& doc, const json::value& schema) {
  if (const auto* ref = schema.as_object().if_contains("$ref")) {
    const std::string name(ref->as_string().subview().substr(sizeof("#/components/schemas/") - 1));
    return doc.at("components").at("schemas").at(name).as_object();
  }
  return schema.as_object();
}

std::set<std::string> types_of(const json::object& schema) {
  std::set<std::string> types;
  if (const auto* t = schema.if_contains("type")) {
    if (t->is_string()) types.insert(std::string(t->as_string()));
    for (const auto& one : t->is_array() ? t->as_array() : json::array{}) types.insert(std::string(one.as_string()));
  }
  return types;
}

// A value the schema accepts, as far as its type, format, enum and bounds tell.
json::value plausible(const json::value& doc, const json::value& schema_value) {
  const auto& schema = resolved(doc, schema_value);
  if (const auto* c = schema.if_contains("const")) return *c;
  if (const auto* e = schema.if_contains("enum")) return e->as_array().at(0);
  if (const auto* x = schema.if_contains("examples")) return x->as_array().at(0);
  if (const auto* d = schema.if_contains("default")) return *d;
  if (const auto* any = schema.if_contains("anyOf")) return plausible(doc, any->as_array().at(0));
  if (const auto* one = schema.if_contains("oneOf")) return plausible(doc, one->as_array().at(0));
  const auto types = types_of(schema);
  if (types.contains("object")) {
    json::object o;
    const auto* properties = schema.if_contains("properties");
    if (const auto* required = schema.if_contains("required"))
      for (const auto& key : required->as_array()) {
        const auto* property = properties ? properties->as_object().if_contains(key.as_string()) : nullptr;
        o[key.as_string()] = property ? plausible(doc, *property) : json::value("x");
      }
    return o;
  }
  if (types.contains("array")) {
    const auto* min = schema.if_contains("minItems");
    json::array a;
    if (min && min->to_number<int>() > 0) a.push_back(plausible(doc, schema.at("items")));
    return a;
  }
  if (types.contains("integer") || types.contains("number")) {
    if (const auto* min = schema.if_contains("minimum")) return *min;
    return 1;
  }
  if (types.contains("boolean")) return true;
  if (types.contains("string")) {
    const auto* format = schema.if_contains("format");
    const std::string f = format ? std::string(format->as_string()) : "";
    if (f == "uuid") return json::value(agora::new_id());
    if (f == "date-time") return "2030-01-01T00:00:00Z";
    if (f == "email") return "someone@example.com";
    if (f == "uri") return "https://example.com/a";
    return "x";
  }
  return nullptr;
}

// A value of a JSON type the schema does not allow; null when it allows every type (or says none).
json::value wrong_for(const json::object& schema) {
  const auto types = types_of(schema);
  if (types.empty()) return nullptr;
  if (!types.contains("object")) return json::object{{"unexpected", true}};
  if (!types.contains("array")) return json::array{1};
  if (!types.contains("boolean")) return true;
  if (!types.contains("string")) return "unexpected";
  return nullptr;
}

struct Operation {
  std::string method, path, url;
  const json::object* op;
  const json::object* body;  // the request body's schema
};

// The operations that take a JSON object body, but signed provider callbacks (not rate limited:
// they answer their provider, not a client).
std::vector<Operation> body_operations(const json::value& doc) {
  std::vector<Operation> out;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, op_value] : item.as_object()) {
      if (!kMethods.contains(std::string(method))) continue;
      const auto& op = op_value.as_object();
      const auto* content = op.contains("requestBody")
                                ? op.at("requestBody").at("content").as_object().if_contains("application/json")
                                : nullptr;
      if (!content || !op.contains("x-rate-class")) continue;
      const auto& schema = resolved(doc, content->at("schema"));
      if (!types_of(schema).contains("object") || !schema.contains("properties")) continue;
      std::string url(path);
      for (auto open = url.find('{'); open != std::string::npos; open = url.find('{'))
        url.replace(open, url.find('}', open) - open + 1, agora::new_id());
      out.push_back({std::string(method), std::string(path), url, &op, &schema});
    }
  return out;
}

// Every role a route of the document names: the caller of these tests holds them all.
std::string every_role(const json::value& doc) {
  std::set<std::string> roles;
  for (const auto& [_, item] : doc.at("paths").as_object())
    for (const auto& [__, op] : item.as_object())
      if (const auto* r = op.is_object() ? op.as_object().if_contains("x-roles") : nullptr)
        for (const auto& role : r->as_array()) roles.insert(std::string(role.as_string()));
  roles.erase("customer");
  std::string list;
  for (const auto& role : roles) list += (list.empty() ? "" : ",") + role;
  return list;
}

struct Caller {
  json::value doc;
  std::string token;
};

Caller& caller() {
  static Caller c = [] {
    auto& shop = agora::test::whole_shop();
    auto doc = shop.call("GET", "/api/v1/openapi.json").json();
    const auto roles = every_role(doc);
    return Caller{std::move(doc), agora::test::sign_up(shop, "validation@example.com", roles).token};
  }();
  return c;
}

agora::test::HttpResult send(const Operation& o, const json::value& body) {
  std::map<std::string, std::string> headers;
  if (o.op->contains("parameters"))
    for (const auto& p : o.op->at("parameters").as_array()) {
      const auto* ref = p.as_object().if_contains("$ref");
      const auto* name = p.as_object().if_contains("name");
      if ((ref && ref->as_string().ends_with("/IdempotencyKey")) || (name && *name == "Idempotency-Key"))
        headers["Idempotency-Key"] = agora::new_id();  // the shared parameter, or a route's own
    }
  std::string method(o.method);
  for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return agora::test::whole_shop().call(method, o.url, body, caller().token, headers);
}

// The fields a 422 names.
std::set<std::string> named_fields(const agora::test::HttpResult& r) {
  std::set<std::string> fields;
  const auto body = r.json();
  if (const auto* errors = body.as_object().if_contains("errors"))
    for (const auto& e : errors->as_array()) fields.insert(std::string(e.at("field").as_string()));
  return fields;
}

bool names(const std::set<std::string>& fields, const std::string& key) {
  for (const auto& f : fields)
    if (f == key || f.starts_with(key + ".") || f.starts_with(key + "[")) return true;
  return false;
}

// A route with an id in its path may look the id up before it reads the body: a fresh id is 404 then.
bool refused_as_documented(const Operation& o, const agora::test::HttpResult& r) {
  return r.status == 422 || (r.status == 404 && o.path.find('{') != std::string::npos);
}

}  // namespace

TEST_CASE("an empty object is refused with 422 naming every field the route's schema requires") {
  const auto operations = body_operations(caller().doc);
  REQUIRE(operations.size() > 40);
  for (const auto& o : operations) {
    const auto* required = o.body->if_contains("required");
    if (!required || required->as_array().empty()) continue;
    for (const auto& key : required->as_array()) {
      INFO(o.method << " " << o.path << ": the schema requires " << key.as_string());
      CHECK(o.body->at("properties").as_object().contains(key.as_string()));
    }
    const auto r = send(o, json::object{});
    INFO(o.method << " " << o.path << " answered " << r.status << " " << r.body);
    CHECK(refused_as_documented(o, r));
    if (r.status != 422) continue;
    const auto fields = named_fields(r);
    for (const auto& key : required->as_array()) {
      INFO("the required field " << key.as_string());
      CHECK(names(fields, std::string(key.as_string())));
    }
  }
}

TEST_CASE("a field of the wrong type is refused with 422 naming it, the other fields as the schema allows") {
  const auto& doc = caller().doc;
  for (const auto& o : body_operations(doc)) {
    const auto base = plausible(doc, json::value(*o.body)).as_object();
    for (const auto& [key, property] : o.body->at("properties").as_object()) {
      const auto wrong = wrong_for(resolved(doc, property));
      if (wrong.is_null()) continue;
      auto body = base;
      body[key] = wrong;
      const auto r = send(o, body);
      INFO(o.method << " " << o.path << " with " << json::serialize(body) << " answered " << r.status << " " << r.body);
      CHECK(refused_as_documented(o, r));
      if (r.status == 422) CHECK(names(named_fields(r), std::string(key)));
    }
  }
}

TEST_CASE("a field the schema does not have is refused with 422 naming it where the schema allows no others") {
  const auto& doc = caller().doc;
  for (const auto& o : body_operations(doc)) {
    const auto* extra = o.body->if_contains("additionalProperties");
    if (!extra || !extra->is_bool() || extra->as_bool()) continue;
    auto body = plausible(doc, json::value(*o.body)).as_object();
    body["not_a_field"] = 1;
    const auto r = send(o, body);
    INFO(o.method << " " << o.path << " with " << json::serialize(body) << " answered " << r.status << " " << r.body);
    CHECK(refused_as_documented(o, r));
    if (r.status == 422) CHECK(names(named_fields(r), "not_a_field"));
  }
}

TEST_CASE("every operation of the shop says what it does and what it answers") {
  for (const auto& [path, item] : caller().doc.at("paths").as_object())
    for (const auto& [method, op] : item.as_object()) {
      if (!kMethods.contains(std::string(method))) continue;
      std::string upper(method);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      INFO(upper << " " << std::string(path));
      CHECK(op.at("summary") != json::value(upper + " " + std::string(path)));
      CHECK_FALSE(op.at("responses").as_object().contains("2XX"));
    }
}
