// Configuration layering, types, secrets and redaction.
#include <agora/core/config.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace agora;
namespace fs = std::filesystem;

namespace {

struct ConfigDir {
  fs::path dir =
      fs::temp_directory_path() / ("agora-config-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  ConfigDir() {
    fs::create_directories(dir);
    write("default.toml", R"([http]
port = 8080
cors_origins = []
[database]
url = "postgresql://agora@localhost/agora"
password = ""
[log]
level = "info"
ratio = 0.5
)");
  }
  ~ConfigDir() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name) << text; }
  ConfigSources sources() const {
    ConfigSources s;
    s.dir = dir.string();
    return s;
  }
};

}  // namespace

TEST_CASE("config layers: default < environment file < --config file < AGORA_ variables") {
  ConfigDir c;
  c.write("staging.toml", "[http]\nport = 8081\n[log]\nlevel = \"debug\"\n");
  c.write("extra.toml", "[http]\nport = 8082\n");
  auto s = c.sources();
  s.env = "staging";
  REQUIRE(Config::load(s).integer("http.port") == 8081);
  REQUIRE(Config::load(s).string("log.level") == "debug");
  s.files = {(c.dir / "extra.toml").string()};
  REQUIRE(Config::load(s).integer("http.port") == 8082);
  s.environment = {{"AGORA_HTTP_PORT", "9000"}, {"AGORA_HTTP_CORS_ORIGINS", "https://a.example,https://b.example"}};
  const auto config = Config::load(s);
  REQUIRE(config.integer("http.port") == 9000);
  REQUIRE(config.strings("http.cors_origins") == std::vector<std::string>{"https://a.example", "https://b.example"});
  REQUIRE(config.number("log.ratio") == 0.5);
}

TEST_CASE("config refuses unknown keys and bad values, naming the key") {
  ConfigDir c;
  auto s = c.sources();
  s.environment = {{"AGORA_HTTP_PORT", "eighty"}};
  REQUIRE_THROWS_WITH(Config::load(s), Catch::Contains("http.port") && Catch::Contains("eighty"));
  s.environment = {{"AGORA_HTTP_PROT", "80"}};
  REQUIRE_THROWS_WITH(Config::load(s), Catch::Contains("AGORA_HTTP_PROT"));
  s.environment = {};
  c.write("typo.toml", "[htp]\nport = 1\n");
  s.files = {(c.dir / "typo.toml").string()};
  REQUIRE_THROWS_WITH(Config::load(s), Catch::Contains("htp.port") && Catch::Contains("unknown key"));
  c.write("wrongtype.toml", "[http]\nport = \"80\"\n");
  s.files = {(c.dir / "wrongtype.toml").string()};
  REQUIRE_THROWS_WITH(Config::load(s), Catch::Contains("http.port") && Catch::Contains("expected integer"));
  s.files = {};
  s.overrides = {{"http.port", "70000"}};
  REQUIRE_THROWS_WITH(Config::load(s).integer("http.port", 0, 65535), Catch::Contains("http.port"));
}

TEST_CASE("secrets come from env: and file: and are redacted when printed") {
  ConfigDir c;
  c.write("secret.txt", "s3cr3t\n");
  ::setenv("AGORA_TEST_DB_URL_SECRET", "postgresql://agora:hunter2@db/agora", 1);
  auto s = c.sources();
  s.overrides = {{"database.url", "env:AGORA_TEST_DB_URL_SECRET"},
                 {"database.password", "file:" + (c.dir / "secret.txt").string()}};
  const auto config = Config::load(s);
  REQUIRE(config.string("database.url") == "postgresql://agora:hunter2@db/agora");
  REQUIRE(config.string("database.password") == "s3cr3t");
  const auto dump = config.dump_redacted();
  REQUIRE(dump.find("hunter2") == std::string::npos);
  REQUIRE(dump.find("s3cr3t") == std::string::npos);
  REQUIRE(dump.find("http.port = 8080") != std::string::npos);

  s.overrides = {{"database.url", "postgresql://agora:pw123@db/agora"}};
  REQUIRE(Config::load(s).dump_redacted().find("pw123") == std::string::npos);
  s.overrides = {{"database.url", "env:AGORA_TEST_NOT_SET_ANYWHERE"}};
  REQUIRE_THROWS_WITH(Config::load(s), Catch::Contains("database.url") && Catch::Contains("not set"));
}

namespace {

// A module's section as one declares it beside its code.
const ConfigSection kShop{
    "shop",
    {{"page_size", 24, "items per page", 1, 100},
     {.name = "sort", .default_value = "newest", .description = "listing order", .one_of = {"newest", "price"}},
     {"external.url", "", "a nested key"}}};

}  // namespace

TEST_CASE("a module's section gives its keys their defaults, and the layers set them like the platform's") {
  ConfigDir c;
  auto s = c.sources();
  REQUIRE(Config::load(s, {kShop}).integer("shop.page_size") == 24);
  REQUIRE(Config::load(s, {kShop}).string("shop.external.url").empty());
  c.write("shop.toml", "[shop]\npage_size = 50\n[shop.external]\nurl = \"https://a.example\"\n");
  s.files = {(c.dir / "shop.toml").string()};
  s.environment = {{"AGORA_SHOP_SORT", "price"}};
  const auto config = Config::load(s, {kShop});
  REQUIRE(config.integer("shop.page_size") == 50);
  REQUIRE(config.string("shop.external.url") == "https://a.example");
  REQUIRE(config.string("shop.sort") == "price");
  REQUIRE_THAT(config.dump_redacted(), Catch::Contains("shop.page_size = 50") && Catch::Contains("http.port = 8080"));
}

TEST_CASE("a module's section refuses unknown keys and values outside its ranges, naming the key") {
  ConfigDir c;
  auto s = c.sources();
  c.write("typo.toml", "[shop]\npagesize = 50\n");
  s.files = {(c.dir / "typo.toml").string()};
  REQUIRE_THROWS_WITH(Config::load(s, {kShop}), Catch::Contains("shop.pagesize") && Catch::Contains("unknown key"));
  s.files = {};
  s.overrides = {{"shop.page_size", "0"}};
  REQUIRE_THROWS_WITH(Config::load(s, {kShop}), "config key shop.page_size: 0 is out of range [1, 100]");
  s.overrides = {{"shop.sort", "oldest"}};
  REQUIRE_THROWS_WITH(Config::load(s, {kShop}), "config key shop.sort: expected one of newest, price, got 'oldest'");
  s.overrides = {};
  s.environment = {{"AGORA_SHOP_PAGESIZE", "5"}};
  REQUIRE_THROWS_WITH(Config::load(s, {kShop}), Catch::Contains("AGORA_SHOP_PAGESIZE"));
}

TEST_CASE("a key declared by two sections is refused") {
  ConfigDir c;
  REQUIRE_THROWS_WITH(Config::load(c.sources(), {kShop, ConfigSection{"http", {{"port", 1, "again"}}}}),
                      Catch::Contains("http.port") && Catch::Contains("declared twice"));
}

TEST_CASE("a partial load leaves out the keys no section declares yet, and a load with the section takes them") {
  ConfigDir c;
  auto s = c.sources();
  s.overrides = {{"shop.page_size", "50"}};
  const auto partial = Config::load_partial(s);
  REQUIRE_FALSE(partial.has("shop.page_size"));
  REQUIRE_THROWS_WITH(Config::load(partial.sources()), Catch::Contains("shop.page_size"));
  REQUIRE(Config::load(partial.sources(), {kShop}).integer("shop.page_size") == 50);
}
