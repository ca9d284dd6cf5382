#pragma once
// An id a client named, checked before any statement compares it with a uuid column.
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

#include <string>

namespace agora::payment {

// Error{validation} naming `field` when `text` is not a uuid.
inline void require_uuid(const std::string& text, const std::string& field) {
  if (!is_uuid(text)) throw Error(ErrorKind::validation, "invalid " + field, {{field, "is not a uuid"}});
}

}  // namespace agora::payment
