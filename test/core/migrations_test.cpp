// Migrations: applied once, in order, under a lock; an edited applied migration is refused.
#include "harness/harness.hpp"
#include "harness/process.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/migrations.hpp>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <catch2/catch.hpp>

using namespace agora;
using agora::test::Stores;

namespace {

int count(soci::session& sql, const std::string& query) {
  int n = -1;
  sql << query, soci::into(n);
  return n;
}

}  // namespace

TEST_CASE("migrations apply from scratch, and running them again is a no-op") {
  soci::session sql(soci::postgresql, conninfo(Stores::get().empty_database()));
  const auto& all = embedded_migrations();
  REQUIRE_FALSE(all.empty());
  REQUIRE(all.front().module == "platform");

  Migrator migrator(sql, all);
  REQUIRE_FALSE(migrator.current());
  REQUIRE(migrator.apply() == static_cast<int>(all.size()));
  REQUIRE(migrator.current());
  REQUIRE(count(sql, "SELECT count(*) FROM platform.schema_migrations") == static_cast<int>(all.size()));
  REQUIRE(count(sql, "SELECT count(*) FROM platform.outbox") == 0);

  REQUIRE(migrator.apply() == 0);
  REQUIRE(count(sql, "SELECT count(*) FROM platform.schema_migrations") == static_cast<int>(all.size()));
}

TEST_CASE("a migration added later is applied after the ones already there") {
  soci::session sql(soci::postgresql, conninfo(Stores::get().empty_database()));
  auto migrations = embedded_migrations();
  Migrator(sql, migrations).apply();
  migrations.push_back(
      {"zz_test", 1, "0001_things.sql", "CREATE SCHEMA zz_test; CREATE TABLE zz_test.things (id int);"});
  Migrator later(sql, migrations);
  REQUIRE_FALSE(later.current());
  REQUIRE(later.apply() == 1);
  REQUIRE(count(sql, "SELECT count(*) FROM zz_test.things") == 0);
}

TEST_CASE("a failing migration leaves nothing half-applied") {
  soci::session sql(soci::postgresql, conninfo(Stores::get().empty_database()));
  auto migrations = embedded_migrations();
  migrations.push_back({"zz_test", 1, "0001_broken.sql", "CREATE SCHEMA zz_broken; CREATE TABLE nonsense syntax;"});
  REQUIRE_THROWS_WITH(Migrator(sql, migrations).apply(), Catch::Contains("zz_test/0001_broken.sql"));
  REQUIRE(count(sql, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'zz_broken'") == 0);
  REQUIRE(count(sql, "SELECT count(*) FROM platform.schema_migrations WHERE module = 'zz_test'") == 0);
  // the ones before it did land
  REQUIRE(count(sql, "SELECT count(*) FROM platform.schema_migrations") ==
          static_cast<int>(embedded_migrations().size()));
}

TEST_CASE("an applied migration that was edited is refused with a message naming it") {
  soci::session sql(soci::postgresql, conninfo(Stores::get().empty_database()));
  auto migrations = embedded_migrations();
  Migrator(sql, migrations).apply();
  migrations.front().sql += "\n-- an innocent-looking edit\n";
  Migrator edited(sql, migrations);
  REQUIRE_FALSE(edited.current());
  try {
    edited.apply();
    FAIL("an edited migration was accepted");
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::conflict);
    REQUIRE_THAT(e.what(), Catch::Contains("platform/0001_events.sql") && Catch::Contains("edited"));
  }
}

TEST_CASE("two agora migrate processes at once both succeed and apply each migration once") {
  const auto url = Stores::get().empty_database();
  test::SpawnOptions options{.log_file = "/dev/null",
                             .as_postgres_user = false,
                             .env = {{"AGORA_DATABASE_URL", url}, {"AGORA_LOG_LEVEL", "warn"}}};
  const std::string config_dir = std::string(AGORA_SOURCE_DIR) + "/config";
  const auto a = test::spawn({AGORA_BINARY, "migrate", "--config-dir", config_dir}, options);
  const auto b = test::spawn({AGORA_BINARY, "migrate", "--config-dir", config_dir}, options);
  REQUIRE(test::wait_exit(a) == 0);
  REQUIRE(test::wait_exit(b) == 0);
  soci::session sql(soci::postgresql, conninfo(url));
  REQUIRE(count(sql, "SELECT count(*) FROM platform.schema_migrations") ==
          static_cast<int>(embedded_migrations().size()));
  REQUIRE(Migrator(sql, embedded_migrations()).current());
}
