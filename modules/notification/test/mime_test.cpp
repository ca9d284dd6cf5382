// The email as the SMTP server takes it: headers, encoded words, parts.
#include "domain/mime.hpp"

#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::notification;

TEST_CASE("an ASCII subject stays as it is; a UTF-8 one becomes encoded words on lines of at most 76 characters") {
  CHECK(encode_header_text("Your order A-1") == "Your order A-1");
  CHECK(encode_header_text("Café") == "=?UTF-8?B?Q2Fmw6k=?=");
  const std::string long_subject = "Ihre Bestellung bei Müller & Söhne: Grüße aus Köln, Straße 12, Überraschung";
  const auto encoded = encode_header_text(long_subject);
  std::size_t start = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    const auto word = encoded.substr(start, end - start);
    CHECK(word.size() + std::string("Subject: ").size() <= 76);  // the first line has the header's name
    CHECK(word.starts_with("=?UTF-8?B?"));
    CHECK(word.ends_with("?="));
    start = end == encoded.size() ? end : end + 3;
  }
}

TEST_CASE("an encoded word never splits a UTF-8 character") {
  const std::string xs(28, 'x');
  const auto encoded = encode_header_text(xs + "€€€€€€€€");  // the 31st byte falls inside the first euro sign
  const auto first_word = encoded.substr(0, encoded.find("\r\n "));
  CHECK(first_word == "=?UTF-8?B?eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eA==?=");  // 28 x, no euro
}

TEST_CASE("the message has its headers and a text and an HTML part in base64") {
  const auto m = mime_message({.from = "Café Shop <shop@example.com>",
                               .to = "buyer@example.com",
                               .subject = "Hi",
                               .text = "hello",
                               .html = "<p>hello</p>",
                               .message_id = "<m-1@example.com>",
                               .date = std::chrono::sys_days{std::chrono::December / 3 / 2026} + std::chrono::hours(19),
                               .boundary = "=_b"});
  CHECK(m.starts_with("From: =?UTF-8?B?Q2Fmw6kgU2hvcA==?= <shop@example.com>\r\nTo: buyer@example.com\r\n"));
  CHECK(m.find("Date: Thu, 03 Dec 2026 19:00:00 +0000\r\n") != std::string::npos);
  CHECK(m.find("Message-ID: <m-1@example.com>\r\n") != std::string::npos);
  CHECK(m.find("Content-Type: multipart/alternative; boundary=\"=_b\"\r\n") != std::string::npos);
  CHECK(m.find("--=_b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
               "aGVsbG8=\r\n") != std::string::npos);
  CHECK(m.find("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
               "PHA+aGVsbG88L3A+\r\n--=_b--\r\n") != std::string::npos);
}

TEST_CASE("an address is plausible only as local@domain with nothing that would end a header or a command") {
  CHECK(plausible_address("buyer@example.com"));
  CHECK_FALSE(plausible_address(""));
  CHECK_FALSE(plausible_address("buyer"));
  CHECK_FALSE(plausible_address("@example.com"));
  CHECK_FALSE(plausible_address("buyer@"));
  CHECK_FALSE(plausible_address("buyer@example.com\r\nBcc: x@example.com"));
  CHECK_FALSE(plausible_address("a@b.c>"));
  CHECK(address_of("Shop <shop@example.com>") == "shop@example.com");
  CHECK(address_of("shop@example.com") == "shop@example.com");
  CHECK(domain_of("Shop <shop@example.com>") == "example.com");
  CHECK(domain_of("nobody") == "");
}
