#pragma once
// FCM's HTTP v1 API: one message to one registration token (POST {base}/v1/projects/{project}/
// messages:send) with an access token from the service account, and FCM's answer read as its
// documentation sorts errors (https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode).
#include "push/access_token_source.hpp"

#include <agora/core/outbound.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace agora::notification {

struct FcmMessage {
  std::string title;
  std::string body;
  std::vector<std::pair<std::string, std::string>> data;  // FCM takes strings only
};

// What FCM made of a message to one token.
struct FcmResult {
  enum class Kind {
    accepted,    // detail: the message's name, projects/{project}/messages/{id}
    token_gone,  // the token is no longer valid (unregistered, or malformed): remove it
    temporary,   // try again later (rate limited, FCM down, the access token refused)
    permanent,   // not for this token, ever (sender mismatch, a message FCM refuses)
  };
  Kind kind = Kind::temporary;
  std::string detail;  // the name when accepted, else why not ("404 NOT_FOUND UNREGISTERED: ...")
};

// FCM's answer `status` with `body` (its JSON error) sorted: 200 accepted; 404 with errorCode
// UNREGISTERED, or 400 INVALID_ARGUMENT naming message.token, the token gone; 401, 429 and 5xx
// temporary; any other 4xx permanent.
FcmResult fcm_result(long status, const std::string& body);

class FcmClient {
 public:
  FcmClient(std::string api_base_url, std::string project_id, outbound::Destination& fcm, AccessTokenSource& tokens,
            std::chrono::milliseconds timeout);
  // Sends `message` to the device `token`. A 401 drops the access token (the next send gets another);
  // no answer (refused, timed out, the circuit open) is temporary. Throws Error{unavailable} only
  // when no access token could be had.
  FcmResult send(const std::string& token, const FcmMessage& message);

 private:
  const std::string url_;
  outbound::Destination& fcm_;
  AccessTokenSource& tokens_;
  const std::chrono::milliseconds timeout_;
};

}  // namespace agora::notification
