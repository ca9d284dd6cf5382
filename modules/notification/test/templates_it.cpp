// Templates admins store through the API: refused when they do not render (naming the part and why),
// used for the next message (along the locale's fallback chain), previewed with sample values or
// the admin's own, deleted to revert to the shipped one; admins only.
#include "app/template_lookup.hpp"
#include "harness/problems.hpp"
#include "harness/shop.hpp"
#include "notification_app.hpp"

using namespace agora;
using namespace agora::notification;
using namespace agora::notification::test;
using agora::test::Account;

namespace {

const std::string kTemplates = "/api/v1/admin/notifications/templates";

std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

// The problem's field errors as field -> message.
std::map<std::string, std::string> field_errors(const agora::test::HttpResult& r) {
  std::map<std::string, std::string> out;
  const auto body = r.json();
  for (const auto& e : body.at("errors").as_array()) out[str(e.at("field"))] = str(e.at("message"));
  return out;
}

const boost::json::object kGermanEmail{{"subject", "Ihre Bestellung {{number}}"},
                                       {"text", "Danke für Ihre Bestellung {{number}} bei {{shop}}. Summe: {{total}}"},
                                       {"html", "<p>Danke für Ihre Bestellung <b>{{number}}</b>.</p>"}};

}  // namespace

TEST_CASE("a template that does not render is refused, naming the part and why, and nothing is stored", "[templates]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto admin = app.sign_up("admin@example.com", "admin");
  const auto put = [&](const boost::json::object& body, const std::string& path = "/order_placed/email/en") {
    return app.call("PUT", kTemplates + path, body, admin.token);
  };

  const auto unclosed = put({{"subject", "Order {{number}}"}, {"text", "{{#lines}}{{title}}"}, {"html", "<p></p>"}});
  REQUIRE(unclosed.status == 422);
  CHECK(unclosed.headers.at("content-type") == "application/problem+json");
  const auto text_error = field_errors(unclosed);
  REQUIRE(text_error.contains("text"));
  CHECK(text_error.at("text").find("lines") != std::string::npos);

  const auto two_lines = put({{"subject", "Order\n{{number}}"}, {"text", "Thanks"}, {"html", "<p></p>"}});
  REQUIRE(two_lines.status == 422);
  CHECK(field_errors(two_lines) == std::map<std::string, std::string>{{"subject", "it has more than one line"}});

  const auto bad_html = put({{"subject", "Order {{number}}"}, {"text", "Thanks"}, {"html", "<p>{{/lines}}</p>"}});
  REQUIRE(bad_html.status == 422);
  CHECK(field_errors(bad_html).contains("html"));

  const auto empty_sms = put({{"text", ""}}, "/order_placed/sms/en");
  REQUIRE(empty_sms.status == 422);
  CHECK(field_errors(empty_sms) == std::map<std::string, std::string>{{"text", "it is empty"}});

  // The path names the template: one that could be none is not found, saying which part names none.
  const auto bad_id = put(kGermanEmail, "/order_placed/fax/DE_at");
  REQUIRE(bad_id.status == 404);
  const auto why = str(agora::test::problem(bad_id).at("detail"));
  CHECK(why.find("channel") != std::string::npos);
  CHECK(why.find("locale") != std::string::npos);
  CHECK(put(kGermanEmail, "/no_such_template/email/en").status == 404);
  CHECK(app.call("GET", kTemplates + "/no_such_template/email/en", nullptr, admin.token).status == 404);
  CHECK(app.call("DELETE", kTemplates + "/order_placed/fax/en", nullptr, admin.token).status == 404);
  CHECK(field_errors(put({{"subject", 42}, {"colour", "red"}})).size() == 2);

  CHECK(app.count("SELECT count(*) FROM notification.templates") == 0);
  const auto current = app.call("GET", kTemplates + "/order_placed/email/en", nullptr, admin.token);
  REQUIRE(current.status == 200);
  CHECK(str(current.json().at("source")) == "default");
  CHECK(str(current.json().at("subject")) == "Your {{shop}} order {{number}}");
}

TEST_CASE("a saved template is used for the next email, and deleting it reverts to the shipped one", "[templates]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto admin = app.sign_up("admin@example.com", "admin");
  const auto saved = app.call("PUT", kTemplates + "/order_placed/email/en", kGermanEmail, admin.token);
  REQUIRE(saved.status == 200);
  CHECK(str(saved.json().at("source")) == "custom");
  CHECK(str(saved.json().at("updated_by")) == admin.id);
  CHECK(app.count("SELECT count(*) FROM notification.templates WHERE name = 'order_placed' AND channel = 'email'"
                  " AND locale = 'en' AND updated_by = $1::uuid",
                  {admin.id}) == 1);

  const auto first = app.place("guest@example.com", 4250);
  auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].subject == "Ihre Bestellung " + first.number);
  CHECK(mail[0].text.find("bei Café Ünïcode. Summe: 42.50 EUR") != std::string::npos);
  CHECK(mail[0].html.find("<b>" + first.number + "</b>") != std::string::npos);

  SECTION("the list shows it as custom among the shipped ones") {
    const auto list = app.call("GET", kTemplates, nullptr, admin.token);
    REQUIRE(list.status == 200);
    int custom = 0, shipped = 0;
    const auto body = list.json();
    for (const auto& t : body.at("items").as_array()) {
      (str(t.at("source")) == "custom" ? custom : shipped)++;
      if (str(t.at("source")) == "custom") {
        CHECK(str(t.at("name")) == "order_placed");
        CHECK(str(t.at("channel")) == "email");
        CHECK(str(t.at("text")) == str(kGermanEmail.at("text")));
      }
    }
    CHECK(custom == 1);
    CHECK(shipped == static_cast<int>(shipped_templates().size()) - 1);  // one of them replaced
  }
  SECTION("deleted, the shipped template is back, for the API and the next email") {
    CHECK(app.call("DELETE", kTemplates + "/order_placed/email/en", nullptr, admin.token).status == 204);
    CHECK(app.call("DELETE", kTemplates + "/order_placed/email/en", nullptr, admin.token).status == 404);
    CHECK(app.count("SELECT count(*) FROM notification.templates") == 0);
    CHECK(str(app.call("GET", kTemplates + "/order_placed/email/en", nullptr, admin.token).json().at("source")) ==
          "default");
    const auto second = app.place("guest2@example.com", 100);
    mail = smtp.wait_for(2);
    REQUIRE(mail.size() == 2);
    CHECK(mail[1].subject == "Your Café Ünïcode order " + second.number);
  }
}

TEST_CASE("a template saved for de is used for a customer whose locale is de-AT; others get the default",
          "[templates]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto admin = app.sign_up("admin@example.com", "admin");
  const auto anna = app.sign_up("anna@example.com");
  REQUIRE(app.call("PATCH", "/api/v1/users/me", {{"locale", "de-AT"}}, anna.token).status == 200);
  REQUIRE(app.call("PUT", kTemplates + "/order_placed/email/de", kGermanEmail, admin.token).status == 200);

  const auto got = app.call("GET", kTemplates + "/order_placed/email/de-AT", nullptr, admin.token);
  REQUIRE(got.status == 200);
  CHECK(str(got.json().at("source")) == "custom");
  CHECK(str(got.json().at("found_locale")) == "de");
  CHECK(
      str(app.call("GET", kTemplates + "/order_placed/email/fr-CA", nullptr, admin.token).json().at("found_locale")) ==
      "en");

  const auto hers = app.place("anna@example.com", 4250, anna.id);
  REQUIRE(smtp.wait_for(1).size() == 1);
  const auto guests = app.place("guest@example.com", 4250);
  const auto mail = smtp.wait_for(2);
  REQUIRE(mail.size() == 2);
  std::map<std::string, std::string> subjects;
  for (const auto& m : mail) subjects[m.to] = m.subject;
  CHECK(subjects["anna@example.com"] == "Ihre Bestellung " + hers.number);
  CHECK(subjects["guest@example.com"] == "Your Café Ünïcode order " + guests.number);
}

TEST_CASE("a preview renders a template with the sample values, or with the admin's own", "[templates]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto admin = app.sign_up("admin@example.com", "admin");
  const auto preview = [&](const boost::json::object& body) {
    return app.call("POST", kTemplates + "/preview", body, admin.token);
  };

  const auto shipped = preview({{"name", "order_placed"}, {"channel", "email"}, {"locale", "de-AT"}});
  REQUIRE(shipped.status == 200);
  CHECK(str(shipped.json().at("subject")) == "Your Café Ünïcode order A-1042");
  CHECK(str(shipped.json().at("text")).find("2 x Espresso cups: 25.00 EUR") != std::string::npos);
  CHECK(str(shipped.json().at("text")).find("Total: 42.50 EUR") != std::string::npos);
  CHECK(str(shipped.json().at("html")).find("<table>") != std::string::npos);

  const auto shipped_sms = preview({{"name", "order_shipped"}, {"channel", "sms"}, {"locale", "en"}});
  REQUIRE(shipped_sms.status == 200);
  CHECK(str(shipped_sms.json().at("text")).find("with DHL") != std::string::npos);

  const auto own = preview({{"name", "order_placed"},
                            {"channel", "push"},
                            {"locale", "en"},
                            {"template", {{"subject", "Hi {{who}}"}, {"text", "{{#items}}[{{.}}]{{/items}}"}}},
                            {"data", {{"who", "Ada"}, {"items", {"a", "b", "c"}}}}});
  REQUIRE(own.status == 200);
  CHECK(str(own.json().at("subject")) == "Hi Ada");
  CHECK(str(own.json().at("text")) == "[a][b][c]");

  const auto broken = preview(
      {{"name", "order_placed"}, {"channel", "email"}, {"locale", "en"}, {"template", {{"subject", "{{#x}}"}}}});
  REQUIRE(broken.status == 422);
  CHECK(field_errors(broken).contains("template.subject"));
  // The template messages get, which the values given break: the body's data is named.
  const auto two_lines = preview(
      {{"name", "order_placed"}, {"channel", "email"}, {"locale", "en"}, {"data", {{"number", "A-1\nBcc: x"}}}});
  REQUIRE(two_lines.status == 422);
  CHECK(field_errors(two_lines).contains("data"));
  const auto bad = preview({{"name", "order_placed"}, {"locale", "en"}, {"data", "nope"}});
  REQUIRE(bad.status == 422);
  const auto errors = field_errors(bad);
  CHECK(errors.contains("channel"));
  CHECK(errors.contains("data"));
}

TEST_CASE("a template another instance stores is used here once its notice arrives", "[templates]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto admin = app.sign_up("admin@example.com", "admin");
  app.db().transact([&](Tx& tx) {
    prepared::run(tx.sql(),
                  "INSERT INTO notification.templates (name, channel, locale, subject, text, html, updated_at)"
                  " VALUES ('order_placed', 'email', 'en', 'Elsewhere {{number}}', 'Saved elsewhere', '<p>x</p>',"
                  " now())");
    tx.announce({std::string(kTemplatesTopic), "changed", ""});
  });
  CHECK(eventually([&] {
    const auto r = app.call("GET", kTemplates + "/order_placed/email/en", nullptr, admin.token);
    return str(r.json().at("source")) == "custom";
  }));
  const auto order = app.place();
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].subject == "Elsewhere " + order.number);
}

TEST_CASE("only admins reach the templates", "[templates]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto customer = app.sign_up("customer@example.com");
  const auto one = kTemplates + "/order_placed/email/en";
  CHECK(app.call("GET", kTemplates, nullptr, customer.token).status == 403);
  CHECK(app.call("GET", one, nullptr, customer.token).status == 403);
  CHECK(app.call("PUT", one, kGermanEmail, customer.token).status == 403);
  CHECK(app.call("DELETE", one, nullptr, customer.token).status == 403);
  CHECK(app.call("POST", kTemplates + "/preview", {{"name", "order_placed"}}, customer.token).status == 403);
  CHECK(app.call("GET", kTemplates).status == 401);
  CHECK(app.count("SELECT count(*) FROM notification.templates") == 0);
}
