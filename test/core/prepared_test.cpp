// Statements prepared once per connection: values in and out, errors with their SQLSTATE, a
// serialization failure retried by the transaction, and a connection that goes away and comes back.
#include "harness/harness.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/prepared.hpp>
#include <boost/describe.hpp>

#include <soci/postgresql/soci-postgresql.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace agora;

namespace {

constexpr const char* kInsert = "INSERT INTO public.notes (id, body) VALUES (CAST($1 AS int), $2)";
constexpr const char* kRead =
    "SELECT id, body, body IS NULL FROM public.notes WHERE id = ANY (CAST($1 AS int[])) ORDER BY id";

struct Notes {
  Metrics metrics;
  Database db{{.url = test::Stores::get().fresh_database(), .pool_size = 4}, metrics};
  Notes() {
    auto conn = db.acquire();
    *conn << "CREATE TABLE public.notes (id int PRIMARY KEY, body text)";
  }
};

}  // namespace

TEST_CASE("a prepared statement takes text and NULL parameters and answers rows of values") {
  Notes n;
  auto conn = n.db.acquire();
  REQUIRE(prepared::run(*conn, kInsert, {"1", "a \"quoted\", {braced} body"}).affected() == 1);
  REQUIRE(prepared::run(*conn, kInsert, {"2", std::nullopt}).affected() == 1);
  const auto rows = prepared::run(*conn, kRead, {std::vector<std::string>{"2", "1", "3"}});
  REQUIRE(rows.size() == 2);
  REQUIRE(rows.get<std::int64_t>(0, 0) == 1);
  REQUIRE(rows.text(0, 1) == "a \"quoted\", {braced} body");
  REQUIRE_FALSE(rows.get<bool>(0, 2));
  REQUIRE(rows.null(1, 1));
  REQUIRE(rows.get<bool>(1, 2));
}

TEST_CASE("an array literal keeps every value whole, whatever it holds") {
  Notes n;
  auto conn = n.db.acquire();
  const std::vector<std::string> values{"plain", "with,comma", "with \"quotes\"", "back\\slash", "{braces}",
                                        "",      "NULL"};
  const auto rows = prepared::run(*conn, "SELECT unnest(CAST($1 AS text[]))", {prepared::Param(values)});
  REQUIRE(rows.size() == static_cast<int>(values.size()));
  for (int i = 0; i < rows.size(); ++i) {
    REQUIRE_FALSE(rows.null(i, 0));
    REQUIRE(rows.text(i, 0) == values[static_cast<std::size_t>(i)]);
  }
}

TEST_CASE(
    "COPY writes every row whole, whatever its fields hold; a refused COPY writes none and the connection goes on") {
  Notes n;
  auto conn = n.db.acquire();
  const std::vector<std::string> bodies{
      "plain", "tab\there", "line\nbreak", "cr\rhere", "back\\slash\\N", "\\.", "", "{\"json\": \"\\u00e9\"}"};
  prepared::CopyRows rows;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    rows.field(static_cast<std::int64_t>(i + 1)).field(bodies[i]);
    rows.end_row();
  }
  prepared::copy(*conn, "public.notes (id, body)", rows);
  const auto read = prepared::run(*conn, "SELECT id, body FROM public.notes ORDER BY id");
  REQUIRE(read.size() == static_cast<int>(bodies.size()));
  for (int i = 0; i < read.size(); ++i) {
    REQUIRE_FALSE(read.null(i, 1));
    REQUIRE(read.text(i, 1) == bodies[static_cast<std::size_t>(i)]);
  }

  prepared::CopyRows clash;
  clash.field(std::int64_t{100}).field("new");
  clash.end_row();
  clash.field(std::int64_t{1}).field("again");  // a duplicate key: the whole COPY is refused
  clash.end_row();
  try {
    prepared::copy(*conn, "public.notes (id, body)", clash);
    FAIL("a duplicate key was accepted");
  } catch (const soci::postgresql_soci_error& e) {
    REQUIRE(e.sqlstate() == "23505");
  }
  REQUIRE(prepared::run(*conn, kRead, {"{1,100}"}).size() == 1);
}

TEST_CASE("a failing prepared statement throws with its SQLSTATE, and the connection goes on") {
  Notes n;
  auto conn = n.db.acquire();
  prepared::run(*conn, kInsert, {"1", "first"});
  try {
    prepared::run(*conn, kInsert, {"1", "again"});
    FAIL("a duplicate key was accepted");
  } catch (const soci::postgresql_soci_error& e) {
    REQUIRE(e.sqlstate() == "23505");
  }
  REQUIRE(prepared::run(*conn, kRead, {"{1}"}).text(0, 1) == "first");
}

TEST_CASE("a serialization failure inside a prepared statement is retried with its transaction") {
  Notes n;
  prepared::run(*n.db.acquire(), kInsert, {"1", "0"});
  std::atomic<int> attempts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i)
        n.db.transact(
            [&](Tx& tx) {
              ++attempts;
              const auto body = std::stoi(std::string(prepared::run(tx.sql(), kRead, {"{1}"}).text(0, 1)));
              std::this_thread::sleep_for(std::chrono::milliseconds(1));
              prepared::run(tx.sql(), "UPDATE public.notes SET body = $2 WHERE id = CAST($1 AS int)",
                            {"1", std::to_string(body + 1)});
            },
            Isolation::serializable);
    });
  for (auto& t : threads) t.join();
  REQUIRE(prepared::run(*n.db.acquire(), kRead, {"{1}"}).text(0, 1) == "20");  // no lost update
  REQUIRE(attempts > 20);                                                      // conflicts were retried
}

TEST_CASE("a connection the server dropped is replaced, and its statements are prepared again there") {
  Notes n;
  prepared::run(*n.db.acquire(), kInsert, {"1", "before"});
  {
    auto conn = n.db.acquire();
    *conn << "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
             " WHERE datname = current_database() AND pid <> pg_backend_pid()";
  }
  // The pool's other connections are dead now: each use fails at most once, then a new one is made.
  for (int i = 0; i < 8; ++i) {
    try {
      auto conn = n.db.acquire();
      prepared::run(*conn, kRead, {"{1}"});
    } catch (const std::exception&) {
    }
  }
  for (int i = 0; i < 4; ++i) REQUIRE(prepared::run(*n.db.acquire(), kRead, {"{1}"}).text(0, 1) == "before");
}

namespace typed {
enum class Mood { calm, busy };
BOOST_DESCRIBE_ENUM(Mood, calm, busy)
struct Note {
  std::int64_t id = 0;
  std::optional<std::string> body;
  Timestamp written;
  Mood mood = Mood::calm;
  std::vector<std::string> tags;
  std::vector<Note> replies;  // not one column: left for the caller
};
BOOST_DESCRIBE_STRUCT(Note, (), (id, body, written, mood, tags, replies))
}  // namespace typed

TEST_CASE("typed parameters and columns: timestamps to the microsecond, arrays, enums, NULLs") {
  Notes n;
  auto conn = n.db.acquire();
  const auto t = Timestamp(std::chrono::microseconds(1'764'700'511'123'456LL));
  const auto rows =
      prepared::run(*conn,
                    "SELECT $1::timestamptz AS at, $1::timestamptz = timestamptz '2025-12-02 18:35:11.123456Z'"
                    " AS exact, $2::bigint + 1 AS next, $3::text[] AS tags, $4 AS mood, $5::text AS nothing,"
                    " $6::boolean AS yes",
                    {t, std::int64_t{41}, std::vector<std::string>{"a b", "c,\"d\"", ""}, typed::Mood::busy,
                     std::optional<std::string>{}, true});
  REQUIRE(rows.get<Timestamp>(0, "at") == t);
  REQUIRE(rows.get<bool>(0, "exact"));
  REQUIRE(rows.get<long long>(0, "next") == 42);
  REQUIRE(rows.get<std::vector<std::string>>(0, "tags") == std::vector<std::string>{"a b", "c,\"d\"", ""});
  REQUIRE(rows.get<typed::Mood>(0, "mood") == typed::Mood::busy);
  REQUIRE_FALSE(rows.get<std::optional<std::string>>(0, "nothing"));
  REQUIRE_THROWS_AS(rows.get<std::string>(0, "nothing"), std::logic_error);
  REQUIRE_THROWS_AS(rows.get<std::string>(0, "missing"), std::logic_error);
  REQUIRE(rows.get<bool>(0, "yes"));
}

TEST_CASE("a timestamp reads back the same whatever the session's time zone") {
  Notes n;
  auto conn = n.db.acquire();
  const auto t = Timestamp(std::chrono::microseconds(1'764'700'511'000'000LL));
  for (const char* zone : {"UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham"}) {
    prepared::run(*conn, "SELECT set_config('TimeZone', $1, false)", {zone});
    REQUIRE(prepared::run(*conn, "SELECT $1::timestamptz AS at", {t}).get<Timestamp>(0, "at") == t);
  }
}

TEST_CASE("a row reads into a described struct by column name; a member with no column is an error") {
  Notes n;
  auto conn = n.db.acquire();
  const auto t = Timestamp(std::chrono::seconds(1'700'000'000));
  const auto rows = prepared::run(*conn,
                                  "SELECT 7 AS id, NULL AS body, $1::timestamptz AS written, 'busy' AS mood,"
                                  " ARRAY['x'] AS tags",
                                  {t});
  const auto note = rows.as<typed::Note>(0);
  REQUIRE(note.id == 7);
  REQUIRE_FALSE(note.body);
  REQUIRE(note.written == t);
  REQUIRE(note.mood == typed::Mood::busy);
  REQUIRE(note.tags == std::vector<std::string>{"x"});
  const auto misspelt =
      prepared::run(*conn, "SELECT 7 AS id, 'b' AS bdy, now() AS written, 'calm' AS mood, '{}' AS tags");
  REQUIRE_THROWS_WITH(misspelt.as<typed::Note>(0), Catch::Contains("no column body"));
  const auto unknown_mood =
      prepared::run(*conn, "SELECT 7 AS id, 'b' AS body, now() AS written, 'sad' AS mood, '{}' AS tags");
  REQUIRE_THROWS_AS(unknown_mood.as<typed::Note>(0), std::runtime_error);
}
