#pragma once
// Reading RFC 9457 problem+json answers in tests.
#include "harness/http_client.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace agora::test {

// The problem object; fails the test unless the answer is application/problem+json.
boost::json::object problem(const HttpResult& r);
// The field names a validation problem lists, sorted.
std::vector<std::string> bad_fields(const HttpResult& r);

}  // namespace agora::test
