#pragma once
// POST /api/v1/notifications/unsubscribe?user=&token=: a marketing email's one-click unsubscribe
// (RFC 8058: the mail client POSTs the List-Unsubscribe URL); no sign-in, the token is the proof.
#include "app/unsubscribe_links.hpp"

#include <agora/core/http.hpp>

namespace agora::notification {

void add_unsubscribe_routes(http::Router& router, UnsubscribeLinks& links);

}  // namespace agora::notification
