#pragma once
// What a gateway answered to a call, in the terms every adapter maps its own answers to.
#include <string>

namespace agora::payment {

struct Answer {
  enum class Outcome {
    succeeded,        // done; `reference` is the gateway's id for what it made
    requires_action,  // authorize only: the buyer must act at `action_url` first; `reference` as above
    declined,         // refused for good: `code` and `message` say why, for the buyer
    unknown,          // network error, timeout, 5xx: the call may or may not have been done; ask again
                      // with the same key later. `message` says what went wrong (never a token)
  };
  Outcome outcome = Outcome::unknown;
  std::string reference;
  std::string action_url;
  std::string code;
  std::string message;
};

}  // namespace agora::payment
