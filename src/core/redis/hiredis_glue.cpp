#include "redis/hiredis_glue.hpp"

#include <agora/core/error.hpp>

#include <boost/url/parse.hpp>

namespace agora::redis_glue {

Endpoint parse_url(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "redis")
    throw Error(ErrorKind::internal, "config key redis.url: expected redis://host:port/db, got '" + url + "'");
  Endpoint e;
  if (!parsed->host().empty()) e.host = parsed->host();
  if (parsed->has_port()) e.port = parsed->port_number();
  if (parsed->has_password()) e.password = parsed->password();
  const auto path = parsed->path();
  if (path.size() > 1) e.db = std::stoi(std::string(path.substr(1)));
  return e;
}

RedisReply convert(const redisReply* r) {
  RedisReply out;
  switch (r->type) {
    case REDIS_REPLY_STRING:
      out.type = RedisReply::Type::string;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::Type::status;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::integer;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::array;
      for (size_t i = 0; i < r->elements; ++i) out.elements.push_back(convert(r->element[i]));
      break;
    default:
      out.type = RedisReply::Type::nil;
  }
  return out;
}

}  // namespace agora::redis_glue
