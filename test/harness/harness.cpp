#include "harness/harness.hpp"

#include "harness/process.hpp"

#include <agora/core/db.hpp>
#include <agora/core/migrations.hpp>

#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace fs = std::filesystem;

namespace agora::test {
namespace {

std::string postgres_bin(const std::string& tool) {
  std::vector<fs::path> candidates;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql"))
    if (fs::exists(entry.path() / "bin" / tool)) candidates.push_back(entry.path() / "bin" / tool);
  if (candidates.empty()) throw std::runtime_error("no PostgreSQL server found under /usr/lib/postgresql");
  std::sort(candidates.begin(), candidates.end());
  return candidates.back();
}

void exec_sql(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string err = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot connect to " + url + ": " + err);
  }
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  std::string err = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error(sql + ": " + err);
}

void wait_until(const std::function<bool()>& ready, const std::string& what) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!ready()) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error(what + " did not start in 60 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

struct Stores::Impl {
  fs::path dir;
  unsigned short pg_port = 0;
  unsigned short redis_port = 0;
  pid_t postgres = -1;
  pid_t redis = -1;
  std::atomic<int> databases{0};
  std::unique_ptr<EmbeddedKafka> kafka;
  std::mutex kafka_mutex;

  void start_postgres() {
    const fs::path data = dir / "pgdata";
    if (geteuid() == 0) {
      const passwd* pw = getpwnam("postgres");
      if (!pw) throw std::runtime_error("the postgres user does not exist");
      if (chown(dir.c_str(), pw->pw_uid, pw->pw_gid) != 0) throw std::runtime_error("chown of the test dir failed");
    }
    SpawnOptions as_pg{.log_file = (dir / "postgres.log").string(), .as_postgres_user = true, .env = {}};
    if (run({postgres_bin("initdb"), "-D", data.string(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync",
             "--locale=C"},
            as_pg) != 0)
      throw std::runtime_error("initdb failed; see " + (dir / "postgres.log").string());
    pg_port = free_port();
    postgres = spawn({postgres_bin("postgres"), "-D", data.string(), "-p", std::to_string(pg_port), "-k", dir.string(),
                      "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
                      "full_page_writes=off", "-c", "max_connections=400", "-c", "shared_buffers=64MB"},
                     as_pg);
    const std::string url = postgres_url("postgres");
    wait_until([&] { return PQping(url.c_str()) == PQPING_OK; }, "PostgreSQL");
    exec_sql(url, "CREATE DATABASE agora_template");
    soci::session sql(soci::postgresql, conninfo(postgres_url("agora_template")));
    Migrator(sql, embedded_migrations()).apply();
  }

  void start_redis() {
    if (redis_port == 0) redis_port = free_port();
    redis = spawn({"redis-server", "--port", std::to_string(redis_port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no"},
                  {.log_file = (dir / "redis.log").string()});
    const std::string port = std::to_string(redis_port);
    wait_until([&] { return run({"redis-cli", "-p", port, "ping"}) == 0; }, "redis-server");
  }

  std::string postgres_url(const std::string& db) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(pg_port) + "/" + db;
  }
};

Stores& Stores::get() {
  static Stores stores;
  return stores;
}

Stores::Stores() : impl_(new Impl) {
  char tmpl[] = "/tmp/agora-test-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  impl_->dir = tmpl;
  impl_->start_postgres();
  impl_->start_redis();
}

Stores::~Stores() {
  impl_->kafka.reset();
  if (impl_->redis > 0) {
    kill(impl_->redis, SIGKILL);
    wait_exit(impl_->redis);
  }
  if (impl_->postgres > 0) {
    kill(impl_->postgres, SIGQUIT);  // immediate shutdown: the data is thrown away
    wait_exit(impl_->postgres);
  }
  std::error_code ignored;
  fs::remove_all(impl_->dir, ignored);
  delete impl_;
}

std::string Stores::fresh_database() {
  const std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(++impl_->databases);
  exec_sql(impl_->postgres_url("postgres"), "CREATE DATABASE " + name + " TEMPLATE agora_template");
  return impl_->postgres_url(name);
}

std::string Stores::empty_database() {
  const std::string name = "e" + std::to_string(getpid()) + "_" + std::to_string(++impl_->databases);
  exec_sql(impl_->postgres_url("postgres"), "CREATE DATABASE " + name + " TEMPLATE template0");
  return impl_->postgres_url(name);
}

std::string Stores::postgres_url(const std::string& database) const { return impl_->postgres_url(database); }

std::string Stores::redis_url() const { return "redis://127.0.0.1:" + std::to_string(impl_->redis_port) + "/0"; }

void Stores::stop_redis() {
  if (impl_->redis <= 0) return;
  kill(impl_->redis, SIGKILL);
  wait_exit(impl_->redis);
  impl_->redis = -1;
}

void Stores::start_redis() {
  if (impl_->redis > 0) return;
  impl_->start_redis();
}

EmbeddedKafka& Stores::kafka() {
  std::lock_guard lock(impl_->kafka_mutex);
  if (!impl_->kafka) impl_->kafka = std::make_unique<EmbeddedKafka>();
  return *impl_->kafka;
}

Config test_config_for(const std::string& database_url, std::map<std::string, std::string> overrides) {
  auto& stores = Stores::get();
  ConfigSources sources;
  sources.dir = std::string(AGORA_SOURCE_DIR) + "/config";
  sources.overrides = {
      {"database.url", database_url}, {"database.pool_size", "16"},    {"redis.url", stores.redis_url()},
      {"kafka.enabled", "false"},     {"http.host", "127.0.0.1"},      {"http.port", "0"},
      {"http.threads", "2"},          {"http.workers", "8"},           {"events.poll_interval_ms", "50"},
      {"events.retry_base_ms", "50"}, {"events.retry_max_ms", "1000"}, {"log.level", "warn"},
      {"rate_limit.enabled", "false"}};  // tests that need limits turn them on
  for (auto& [k, v] : overrides) sources.overrides[k] = v;
  return Config::load_partial(sources);  // the App loads it again with its modules' sections
}

Config test_config(std::map<std::string, std::string> overrides) {
  return test_config_for(Stores::get().fresh_database(), std::move(overrides));
}

}  // namespace agora::test
