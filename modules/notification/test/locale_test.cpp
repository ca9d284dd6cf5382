// Locales as templates are chosen by them, and the sample values admins' templates are checked with.
#include "domain/locale.hpp"
#include "app/template_samples.hpp"
#include "app/template_values.hpp"
#include "domain/template.hpp"

#include <agora/core/error.hpp>
#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::notification;
using Chain = std::vector<std::string>;

TEST_CASE("a locale falls back to its language, then to the shop's default locale", "[templates]") {
  CHECK(locale_chain("de-AT", "en") == Chain{"de-AT", "de", "en"});
  CHECK(locale_chain("de", "en") == Chain{"de", "en"});
  CHECK(locale_chain("en-GB", "en") == Chain{"en-GB", "en"});
  CHECK(locale_chain("en", "en") == Chain{"en"});
  CHECK(locale_chain("fr-CA", "de") == Chain{"fr-CA", "fr", "de"});
  CHECK(locale_chain("", "en") == Chain{"en"});
}

TEST_CASE("a locale is a language of two or three lower-case letters and optional subtags", "[templates]") {
  for (const auto* good : {"en", "de-AT", "zh-Hant-TW", "es-419", "gsw"}) CHECK(valid_locale(good));
  for (const auto* bad : {"", "E", "EN", "de_AT", "de-", "deutsch", "de-AT ", "../en", "de-ABCDEFGHI"})
    CHECK_FALSE(valid_locale(bad));
}

TEST_CASE("a template id names a shipped template name, a channel and a well-formed locale", "[templates]") {
  CHECK(template_id_problems({"order_placed", "sms", "de-AT"}).empty());
  const auto problems = template_id_problems({"no_such", "fax", "DE"});
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].field == "name");
  CHECK(problems[1].field == "channel");
  CHECK(problems[2].field == "locale");
}

TEST_CASE("every shipped template renders its name's sample values, naming the order where there is one",
          "[templates]") {
  const auto shipped = shipped_templates();
  REQUIRE(shipped.size() >= 8);
  for (const auto& id : shipped) {
    INFO(id.name << " " << id.channel << " " << id.locale);
    const auto values = sample_values(id.name, "Agora");
    REQUIRE(values);
    const auto r = render(*shipped_template(id.name, id.channel, id.locale), id.channel, mustache_data(*values));
    CHECK_FALSE(r.text.empty());
    if (values->contains("number")) CHECK((r.subject + r.text).find("A-1042") != std::string::npos);
  }
  CHECK_FALSE(sample_values("no_such_template", "Agora"));
}
