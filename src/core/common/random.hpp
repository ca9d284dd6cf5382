#pragma once
// Cryptographically strong random bytes, drawn from a per-thread buffer so that ids and trace
// ids on the request path do not cost a getrandom() system call each.
#include <cstddef>

namespace agora {

void random_bytes(unsigned char* out, std::size_t n);

}  // namespace agora
