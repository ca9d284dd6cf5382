#pragma once
// The test harness: a private PostgreSQL, a redis-server and an embedded Kafka on loopback
// ports, started once per test process on first use and stopped at exit.
#include <agora/core/config.hpp>
#include <agora/core/kafka.hpp>

#include <map>
#include <string>

namespace agora::test {

class Stores {
 public:
  static Stores& get();

  // A fresh database cloned from a migrated template; returns its postgresql:// URL.
  std::string fresh_database();
  // A fresh database with nothing in it (for migration tests).
  std::string empty_database();
  std::string postgres_url(const std::string& database) const;

  std::string redis_url() const;
  void stop_redis();  // kills redis-server; start_redis() brings it back on the same port
  void start_redis();

  EmbeddedKafka& kafka();

  ~Stores();

 private:
  Stores();
  struct Impl;
  Impl* impl_;
};

// A config for a fresh database and the harness stores, with "section.key" overrides.
// HTTP listens on 127.0.0.1 with a free port; the event dispatcher polls every 50 ms. Modules' keys
// are checked when an App loads it with their sections.
Config test_config(std::map<std::string, std::string> overrides = {});
Config test_config_for(const std::string& database_url, std::map<std::string, std::string> overrides = {});

}  // namespace agora::test
