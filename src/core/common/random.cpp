#include "common/random.hpp"

#include <sodium.h>

#include <array>
#include <cstring>

namespace agora {

void random_bytes(unsigned char* out, std::size_t n) {
  thread_local std::array<unsigned char, 4096> pool;
  thread_local std::size_t used = pool.size();
  while (n > 0) {
    if (used == pool.size()) {
      randombytes_buf(pool.data(), pool.size());
      used = 0;
    }
    const std::size_t take = std::min(n, pool.size() - used);
    std::memcpy(out, pool.data() + used, take);
    sodium_memzero(pool.data() + used, take);  // a byte handed out is never handed out again
    used += take;
    out += take;
    n -= take;
  }
}

}  // namespace agora
