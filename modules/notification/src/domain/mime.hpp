#pragma once
// An email as the bytes an SMTP server takes (RFC 5322 with MIME): a multipart/alternative of a text
// and an HTML part, both UTF-8 in base64, headers in ASCII with non-ASCII words encoded per RFC 2047.
#include <agora/core/clock.hpp>

#include <string>
#include <string_view>

namespace agora::notification {

struct MimeEmail {
  std::string from;  // "address" or "Display Name <address>"
  std::string to;    // an address
  std::string subject;
  std::string text;
  std::string html;
  std::string message_id;  // "<...@...>"
  Timestamp date;
  std::string boundary;  // between the parts: a string the parts' base64 cannot contain
  // Marketing: the one-click unsubscribe URL (List-Unsubscribe and List-Unsubscribe-Post, RFC 8058).
  std::string unsubscribe_url;
};

std::string mime_message(const MimeEmail& e);

// The header text as is when it is printable ASCII, else as RFC 2047 encoded words
// (=?UTF-8?B?...?=), each at most 75 characters and never splitting a UTF-8 character.
std::string encode_header_text(std::string_view text);

// The address of "Display Name <address>", or the whole text when it has no angle brackets.
std::string address_of(std::string_view mailbox);

// The domain of the mailbox's address ("example.com"), or "" when it has none.
std::string domain_of(std::string_view mailbox);

// An address SMTP can take as is: local@domain, with nothing that would end a header or a command.
bool plausible_address(std::string_view a);

// "Thu, 03 Dec 2026 19:32:19 +0000"
std::string rfc5322_date(Timestamp t);

}  // namespace agora::notification
