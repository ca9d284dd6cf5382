#include "harness/problems.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace agora::test {

boost::json::object problem(const HttpResult& r) {
  REQUIRE(r.headers.at("content-type") == "application/problem+json");
  return r.json().as_object();
}

std::vector<std::string> bad_fields(const HttpResult& r) {
  std::vector<std::string> out;
  const auto p = problem(r);
  if (const auto* errors = p.if_contains("errors"))
    for (const auto& e : errors->as_array()) out.emplace_back(e.at("field").as_string());
  std::sort(out.begin(), out.end());
  return out;
}

ErrorKind error_kind_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("no agora::Error was thrown");
  return ErrorKind::internal;
}

}  // namespace agora::test
