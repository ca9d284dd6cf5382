// HTTP Basic credentials as RFC 7617 writes them: base64 of "<user>:<password>", padded.
#include "gateways/basic_credentials.hpp"

#include <catch2/catch.hpp>

using namespace agora::payment;

TEST_CASE("Basic credentials are the base64 of user:password, as RFC 7617's example gives them") {
  CHECK(basic_credentials("Aladdin", "open sesame") == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(basic_credentials("a", "") == "Basic YTo=");
  CHECK(basic_credentials("ab", "") == "Basic YWI6");
  CHECK(basic_credentials("test", "\xff") == "Basic dGVzdDr/");
}
