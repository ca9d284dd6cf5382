#pragma once
// JSON text written straight into a string, for hot paths where building a boost::json::value and
// then serializing it costs more than the rest of the work (a cart's answer, a stored document).
//   json_text::Writer w(out);
//   w.open_object().key("id").text(id).key("lines").number(3).close_object();
// Every double that reaches JSON text is written by append_number, here or through serialize().
#include <boost/json/fwd.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace agora::json_text {

// Appends s as a JSON string literal, escaped.
void append_string(std::string& out, std::string_view s);

template <class I>
requires(std::is_integral_v<I> && !std::is_same_v<I, bool>) void append_number(std::string& out, I v) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
}
// Appends v as people read decimals: the shortest text that reads back as the same double (4.25,
// 0.1, 1e+21), a whole number with ".0" (4.0) so that it still reads back as a double, and null for
// NaN and the infinities, which JSON cannot hold. Boost.JSON 1.81 writes 4.25E0 and has no option.
void append_number(std::string& out, double v);

// JSON text of v as boost::json::serialize writes it (as fast), but with doubles written by append_number
// and \b, \f as \u0008, \u000c.
std::string serialize(const boost::json::value& v);
void append_value(std::string& out, const boost::json::value& v);

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  Writer& open_object() { return next().put('{'); }
  Writer& close_object() { return put('}'); }
  Writer& open_array() { return next().put('['); }
  Writer& close_array() { return put(']'); }
  // name: a key the code names (a literal, a member's name), written as it is, without escaping.
  Writer& key(std::string_view name) {
    next();
    put('"');
    out_ += name;
    out_ += "\":";
    return *this;
  }
  // A key that comes from data, escaped.
  Writer& key_of(std::string_view name) {
    next();
    append_string(out_, name);
    return put(':');
  }
  Writer& text(std::string_view value) {
    next();
    append_string(out_, value);
    return *this;
  }
  Writer& text_or_null(std::string_view value) { return value.empty() ? null() : text(value); }
  template <class N>
  requires(std::is_arithmetic_v<N> && !std::is_same_v<N, bool>) Writer& number(N value) {
    next();
    append_number(out_, value);
    return *this;
  }
  Writer& boolean(bool value) {
    next();
    out_ += value ? "true" : "false";
    return *this;
  }
  Writer& null() {
    next();
    out_ += "null";
    return *this;
  }
  // Money as the API writes it: "name": {"amount": <minor units>, "currency": "USD"}.
  Writer& money(std::string_view name, std::int64_t minor, std::string_view currency) {
    return key(name).open_object().key("amount").number(minor).key("currency").text(currency).close_object();
  }

 private:
  // A comma before a member or an element that is not the first in its object or array.
  Writer& next() {
    if (!out_.empty() && out_.back() != '{' && out_.back() != '[' && out_.back() != ':') out_ += ',';
    return *this;
  }
  Writer& put(char c) {
    out_ += c;
    return *this;
  }
  std::string& out_;
};

}  // namespace agora::json_text
