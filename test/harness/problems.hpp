#pragma once
// Reading RFC 9457 problem+json answers in tests.
#include "harness/http_client.hpp"

#include <agora/core/error.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <string>
#include <vector>

namespace agora::test {

// The problem object; fails the test unless the answer is application/problem+json.
boost::json::object problem(const HttpResult& r);
// The field names a validation problem lists, sorted.
std::vector<std::string> bad_fields(const HttpResult& r);
// The kind of agora::Error a call throws; fails the test when it throws nothing.
ErrorKind error_kind_of(const std::function<void()>& call);

}  // namespace agora::test
