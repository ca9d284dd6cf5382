#pragma once
// The signed-in user's in-app inbox: list, unread count, mark read, and the live stream.
#include "app/inbox.hpp"
#include "http/inbox_stream.hpp"

#include <agora/core/http.hpp>

namespace agora::notification {

void add_inbox_routes(http::Router& router, Inbox& inbox, InboxStream& stream);

}  // namespace agora::notification
