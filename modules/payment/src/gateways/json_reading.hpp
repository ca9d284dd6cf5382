#pragma once
// A gateway's JSON read as it comes: a member or item that is missing, or of another type, reads as
// absent (null, "", 0), so that an answer is judged by what it holds rather than refused for what it
// lacks.
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace agora::payment::json_reading {

// The member `key` of the object v; null when v is null, not an object, or has no such member.
inline const boost::json::value* at(const boost::json::value* v, std::string_view key) {
  const auto* o = v ? v->if_object() : nullptr;
  return o ? o->if_contains(key) : nullptr;
}

// The item `index` of the array v; null when v is null, not an array, or shorter.
inline const boost::json::value* item(const boost::json::value* v, std::size_t index) {
  const auto* a = v ? v->if_array() : nullptr;
  return a && index < a->size() ? &(*a)[index] : nullptr;
}

inline std::string text(const boost::json::value* v) {
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

inline std::int64_t integer(const boost::json::value* v) { return v && v->is_int64() ? v->get_int64() : 0; }

inline std::string first_of(std::string a, std::string b) { return a.empty() ? std::move(b) : std::move(a); }

}  // namespace agora::payment::json_reading
