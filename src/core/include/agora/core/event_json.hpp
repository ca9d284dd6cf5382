#pragma once
// What an events header includes, and all it includes: the types payloads are made of (strings,
// vectors, optionals, fixed-width integers, doubles, Timestamp) and payloads to and from JSON
// (boost::json::value_from / value_to) for structs described with BOOST_DESCRIBE_STRUCT: each
// member is the field of its name. An events namespace opts in with
//   using agora::event_json::tag_invoke;
// Reading passes over fields it does not know (a version only ever gains fields), reads an absent
// or null field into an empty std::optional (written as null), and names the field that does not
// read. A Timestamp is RFC 3339 text. to_text writes the same JSON without making a value first.
#include <agora/core/clock.hpp>
#include <agora/core/events.hpp>
#include <agora/core/json_text.hpp>
#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/members.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/system/system_error.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace agora::event_json {

template <class T>
concept Described = boost::describe::has_describe_members<T>::value;

template <class T>
boost::json::value to_json(const T& v) {
  return boost::json::value_from(v);
}
inline boost::json::value to_json(const Timestamp& t) { return boost::json::value(to_rfc3339(t)); }
template <class E>
requires boost::describe::has_describe_enumerators<E>::value boost::json::value to_json(const E& e) {
  return boost::json::value(boost::describe::enum_to_string(e, "?"));
}
template <class T>
boost::json::value to_json(const std::optional<T>& v) {
  return v ? to_json(*v) : boost::json::value(nullptr);
}

template <class T>
struct Reader {
  static T read(const boost::json::value& v) { return boost::json::value_to<T>(v); }
};
template <>
struct Reader<Timestamp> {
  static Timestamp read(const boost::json::value& v) {
    const auto* text = v.if_string();
    const auto t = text ? parse_rfc3339(*text) : std::nullopt;
    if (!t) throw std::invalid_argument(std::string(kRfc3339Expected));
    return *t;
  }
};
template <class E>
requires boost::describe::has_describe_enumerators<E>::value struct Reader<E> {
  static E read(const boost::json::value& v) {
    const auto* text = v.if_string();
    E e{};
    if (!text || !boost::describe::enum_from_string(std::string(*text).c_str(), e))
      throw std::invalid_argument("is not one of the known names");
    return e;
  }
};
template <class T>
struct Reader<std::optional<T>> {
  static std::optional<T> read(const boost::json::value& v) {
    if (v.is_null()) return std::nullopt;
    return Reader<T>::read(v);
  }
};

template <class T>
inline constexpr bool kOptional = false;
template <class T>
inline constexpr bool kOptional<std::optional<T>> = true;

template <Described T>
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const T& event) {
  auto& o = out.emplace_object();
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto member) { o[member.name] = to_json(event.*member.pointer); });
}

template <Described T>
T tag_invoke(boost::json::value_to_tag<T>, const boost::json::value& in) {
  const auto* o = in.if_object();
  if (!o) throw std::invalid_argument("is not an object");
  T event{};
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto member) {
    using Field = std::remove_cvref_t<decltype(event.*member.pointer)>;
    const std::string name = member.name;
    try {
      const auto* field = o->if_contains(name);
      if (field)
        event.*member.pointer = Reader<Field>::read(*field);
      else if (!kOptional<Field>)
        throw std::invalid_argument("is missing");
    } catch (const boost::system::system_error& e) {
      throw std::invalid_argument(name + ": " + e.code().message());
    } catch (const std::exception& e) {
      throw std::invalid_argument(name + ": " + e.what());
    }
  });
  return event;
}

template <class T>
inline constexpr bool kVector = false;
template <class T>
inline constexpr bool kVector<std::vector<T>> = true;

// Writes v as value_from would make it.
template <class T>
void write(json_text::Writer& w, const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    w.text(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    w.boolean(v);
  } else if constexpr (std::is_arithmetic_v<T>) {
    w.number(v);
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    w.text(to_rfc3339(v));
  } else if constexpr (boost::describe::has_describe_enumerators<T>::value) {
    w.text(boost::describe::enum_to_string(v, "?"));
  } else if constexpr (kOptional<T>) {
    if (v)
      write(w, *v);
    else
      w.null();
  } else if constexpr (kVector<T>) {
    w.open_array();
    for (const auto& item : v) write(w, item);
    w.close_array();
  } else {
    static_assert(Described<T>, "a payload member must be text, a number, a Timestamp, or made of those");
    w.open_object();
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto member) {
      w.key(member.name);
      write(w, v.*member.pointer);
    });
    w.close_object();
  }
}

template <class T>
std::string to_text(const T& v) {
  std::string out;
  json_text::Writer w(out);
  write(w, v);
  return out;
}

}  // namespace agora::event_json
