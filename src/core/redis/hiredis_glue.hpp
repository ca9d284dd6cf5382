#pragma once
// What the blocking pool (redis.cpp) and the pipelined connection (async_redis.cpp) share: the
// redis:// URL read into an endpoint, and hiredis replies read into RedisReply.
#include <agora/core/redis.hpp>

#include <hiredis/hiredis.h>

#include <string>

namespace agora::redis_glue {

struct Endpoint {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;
  std::string password;
};

Endpoint parse_url(const std::string& url);  // Error{internal} unless redis://host:port/db
RedisReply convert(const redisReply* r);

}  // namespace agora::redis_glue
