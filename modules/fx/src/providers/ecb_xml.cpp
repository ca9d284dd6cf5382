#include "providers/ecb_xml.hpp"

#include <expat.h>
#include <agora/core/error.hpp>

#include <charconv>
#include <chrono>
#include <cstring>
#include <memory>

namespace agora::fx {
namespace {

struct ParseState {
  RateSet set{"EUR", {}, {}};
  bool has_day = false;
  std::string error;
};

unsigned number(std::string_view digits) {
  unsigned n = 0;
  const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return ec == std::errc{} && p == digits.data() + digits.size() ? n : 0;
}

// "2026-11-24" as 00:00 UTC of that day.
std::optional<Timestamp> parse_day(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const year_month_day day{year(static_cast<int>(number(text.substr(0, 4)))), month(number(text.substr(5, 2))),
                           std::chrono::day(number(text.substr(8, 2)))};
  if (!day.ok()) return std::nullopt;
  return sys_days(day);
}

const char* attribute(const XML_Char** attributes, const char* name) {
  for (int i = 0; attributes[i]; i += 2)
    if (std::strcmp(attributes[i], name) == 0) return attributes[i + 1];
  return nullptr;
}

// Elements are matched by local name: the document uses a default namespace but expat runs
// without namespace processing, so names arrive unprefixed.
void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto& state = *static_cast<ParseState*>(data);
  if (std::strcmp(name, "Cube") != 0 || !state.error.empty()) return;
  if (const char* time = attribute(attributes, "time")) {
    const auto day = parse_day(time);
    if (!day) {
      state.error = std::string("bad time '") + time + "'";
    } else {
      state.set.as_of = *day;
      state.has_day = true;
    }
  }
  const char* currency = attribute(attributes, "currency");
  const char* rate = attribute(attributes, "rate");
  if (currency && rate) {
    const auto value = parse_decimal(rate);
    if (!value)
      state.error = std::string("bad rate '") + rate + "' for " + currency;
    else
      state.set.quotes[currency] = *value;
  }
}

}  // namespace

RateSet parse_ecb_xml(std::string_view xml) {
  const std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"),
                                                                                             &XML_ParserFree);
  if (!parser) throw Error(ErrorKind::internal, "cannot create an XML parser");
  ParseState state;
  XML_SetUserData(parser.get(), &state);
  XML_SetStartElementHandler(parser.get(), on_start);
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) != XML_STATUS_OK)
    throw Error(ErrorKind::unavailable,
                std::string("ECB rates are not well-formed XML: ") + XML_ErrorString(XML_GetErrorCode(parser.get())));
  if (!state.error.empty()) throw Error(ErrorKind::unavailable, "ECB rates: " + state.error);
  if (!state.has_day || state.set.quotes.empty())
    throw Error(ErrorKind::unavailable, "ECB rates: no dated rates in the document");
  return state.set;
}

}  // namespace agora::fx
