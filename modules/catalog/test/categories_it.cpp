// The category tree against the real database: creation, renames, moves, cycles refused even
// under concurrent moves, deletion only when empty, events, and the in-memory tree kept fresh.
#include "app/category_service.hpp"
#include "http/category_json.hpp"
#include "http/part_routes.hpp"
#include "parts_db.hpp"

#include <agora/catalog/events.hpp>

#include <atomic>
#include <latch>

using namespace agora;
using namespace agora::catalog;
using namespace agora::catalog::test;

namespace {

struct Shop : PartsDb {
  CategoryService categories{db, clock};
  Shop() { categories.reload(); }

  std::string create(const std::string& slug, const std::optional<std::string>& parent = std::nullopt) {
    boost::json::object body{{"slug", slug}, {"name", "Name of " + slug}};
    if (parent) body["parent_id"] = *parent;
    return categories.create(parse_new_category(body)).id;
  }
  std::optional<Thrown> move(const std::string& id, const std::string& parent) {
    return attempt([&] { categories.update(id, parse_category_patch({{"parent_id", parent}})); });
  }
  std::optional<std::string> stored_parent(const std::string& id) {
    auto conn = db.acquire();
    const auto rows = prepared::run(*conn, "SELECT parent_id FROM catalog.categories WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return rows.get<std::optional<std::string>>(0, "parent_id");
  }
};

}  // namespace

TEST_CASE("created categories form a tree that readers see at once, and each change is announced") {
  Shop s;
  const auto clothing = s.create("clothing");
  const auto shirts = s.create("shirts", clothing);
  const auto tees = s.create("t-shirts", shirts);

  REQUIRE(s.categories.exists(tees));
  REQUIRE(s.categories.get(shirts).parent_id == clothing);
  auto below = s.categories.self_and_descendants(clothing);
  std::sort(below.begin(), below.end());
  auto expected = std::vector<std::string>{clothing, shirts, tees};
  std::sort(expected.begin(), expected.end());
  REQUIRE(below == expected);

  const auto announced = s.published<events::CategoryChanged>(tees);
  REQUIRE(announced.size() == 1);
  REQUIRE(announced[0].parent_id == shirts);
  REQUIRE(announced[0].slug == "t-shirts");
  REQUIRE(announced[0].name == "Name of t-shirts");
}

TEST_CASE("a slug is unique: a second category with it, or a rename to it, is a conflict naming slug") {
  Shop s;
  const auto shoes = s.create("shoes");
  const auto boots = s.create("boots");
  const auto dup = thrown([&] { s.create("shoes"); });
  REQUIRE(dup.kind == ErrorKind::conflict);
  REQUIRE(dup.fields == std::vector<std::string>{"slug"});
  const auto rename = thrown([&] {
    s.categories.update(boots, parse_category_patch({{"slug", "shoes"}, {"name", "Shoes too"}}));
  });
  REQUIRE(rename.kind == ErrorKind::conflict);
  REQUIRE(rename.fields == std::vector<std::string>{"slug"});
  REQUIRE(s.categories.get(boots).name == "Name of boots");  // nothing half-written
  REQUIRE(s.count("SELECT count(*) FROM catalog.categories") == 2);

  const auto renamed =
      s.categories.update(boots, parse_category_patch({{"slug", "boots-and-wellies"}, {"name", "Boots & wellies"}}));
  REQUIRE(renamed.slug == "boots-and-wellies");
  REQUIRE(s.categories.get(boots).name == "Boots & wellies");
  REQUIRE(s.categories.update(shoes, parse_category_patch({{"slug", "shoes"}})).slug ==
          "shoes");  // its own slug is no conflict
}

TEST_CASE("a parent must exist: an unknown or malformed parent_id is a validation error naming it") {
  Shop s;
  for (const auto* parent : {"01900000-0000-7000-8000-0000000000aa", "not-a-uuid"}) {
    const auto e = thrown([&] {
      s.categories.create(parse_new_category({{"slug", "orphan"}, {"name", "Orphan"}, {"parent_id", parent}}));
    });
    REQUIRE(e.kind == ErrorKind::validation);
    REQUIRE(e.fields == std::vector<std::string>{"parent_id"});
  }
  const auto root = s.create("root");
  REQUIRE(s.move(root, "01900000-0000-7000-8000-0000000000aa")->fields == std::vector<std::string>{"parent_id"});
  REQUIRE(s.count("SELECT count(*) FROM catalog.categories") == 1);
  REQUIRE(thrown([&] {
            s.categories.create(parse_new_category({{"slug", "Bad Slug"}}));
          }).fields == std::vector<std::string>{"name", "slug"});
}

TEST_CASE("a category cannot move under itself or a descendant; moves elsewhere and to the root work") {
  Shop s;
  const auto clothing = s.create("clothing");
  const auto shirts = s.create("shirts", clothing);
  const auto tees = s.create("t-shirts", shirts);
  const auto shoes = s.create("shoes");

  for (const auto& target : {clothing, shirts, tees}) {
    const auto e = s.move(clothing, target);
    REQUIRE(e);
    REQUIRE(e->kind == ErrorKind::conflict);
    REQUIRE(e->fields == std::vector<std::string>{"parent_id"});
  }
  REQUIRE_FALSE(s.stored_parent(clothing));
  REQUIRE(s.stored_parent(shirts) == clothing);
  REQUIRE(s.published<events::CategoryChanged>(clothing).size() == 1);  // only its creation

  s.categories.update(shirts, parse_category_patch({{"parent_id", shoes}}));
  REQUIRE(s.categories.self_and_descendants(clothing) == std::vector<std::string>{clothing});
  REQUIRE(s.categories.self_and_descendants(shoes).size() == 3);
  s.categories.update(shirts, parse_category_patch({{"parent_id", nullptr}}));
  REQUIRE_FALSE(s.categories.get(shirts).parent_id);
  REQUIRE(s.categories.tree()->children(std::nullopt).size() == 3);
}

TEST_CASE("two admins moving two categories under each other at once never make a cycle") {
  Shop s;
  for (int round = 0; round < 10; ++round) {
    const auto a = s.create("a-" + std::to_string(round));
    const auto b = s.create("b-" + std::to_string(round));
    std::latch start(2);
    std::optional<Thrown> under_b, under_a;
    std::thread first([&] {
      start.arrive_and_wait();
      under_b = s.move(a, b);
    });
    std::thread second([&] {
      start.arrive_and_wait();
      under_a = s.move(b, a);
    });
    first.join();
    second.join();
    // Exactly one move wins; the other sees it and is refused as a cycle.
    const bool a_moved = s.stored_parent(a) == b;
    const bool b_moved = s.stored_parent(b) == a;
    REQUIRE(a_moved != b_moved);
    const auto& winner = a_moved ? under_b : under_a;
    const auto& loser = a_moved ? under_a : under_b;
    REQUIRE_FALSE(winner);
    REQUIRE(loser);
    REQUIRE(loser->kind == ErrorKind::conflict);
    REQUIRE(loser->fields == std::vector<std::string>{"parent_id"});
  }
}

TEST_CASE("a category is deleted only when it has no subcategories and no products") {
  Shop s;
  const auto home = s.create("home");
  const auto kitchen = s.create("kitchen", home);
  const auto product = s.product({}, "active", kitchen);

  const auto has_child = thrown([&] { s.categories.remove(home); });
  REQUIRE(has_child.kind == ErrorKind::conflict);
  REQUIRE(thrown([&] { s.categories.remove(kitchen); }).kind == ErrorKind::conflict);
  REQUIRE(s.categories.exists(kitchen));

  s.db.transact([&](Tx& tx) {
    prepared::run(tx.sql(), "UPDATE catalog.products SET category_id = NULL WHERE id = $1", {product});
  });
  s.categories.remove(kitchen);
  s.categories.remove(home);
  REQUIRE_FALSE(s.categories.exists(home));
  REQUIRE(s.categories.tree()->size() == 0);
  REQUIRE(s.published<events::CategoryDeleted>(home).at(0).category_id == home);
  REQUIRE(thrown([&] { s.categories.remove(home); }).kind == ErrorKind::not_found);
  REQUIRE(thrown([&] { s.categories.remove("not-a-uuid"); }).kind == ErrorKind::not_found);
  REQUIRE(thrown([&] { s.categories.get(home); }).kind == ErrorKind::not_found);
  REQUIRE(thrown([&] {
            s.categories.update(home, parse_category_patch({{"name", "Home"}}));
          }).kind == ErrorKind::not_found);
}

TEST_CASE("another instance sees a change once it reloads, and unknown ids have no descendants") {
  Shop s;
  CategoryService other(s.db, s.clock);
  other.reload();
  const auto garden = s.create("garden");
  REQUIRE_FALSE(other.exists(garden));
  other.reload();
  REQUIRE(other.exists(garden));
  REQUIRE(other.self_and_descendants("01900000-0000-7000-8000-0000000000aa").empty());
  REQUIRE(other.self_and_descendants("garbage").empty());
}

TEST_CASE("the category routes: a public nested tree, and changes for catalog managers and admins only") {
  Shop s;
  RouterClient http;
  add_category_routes(http.router, s.categories);
  using http::Method;
  const RouterClient::Caller manager{"01900000-0000-7000-8000-00000000aaaa", {"customer", "catalog_manager"}};
  const RouterClient::Caller customer{"01900000-0000-7000-8000-00000000bbbb", {"customer"}};
  const boost::json::object garden{{"slug", "garden"}, {"name", "Garden"}};

  REQUIRE(http.call(Method::post, "/api/v1/admin/catalog/categories", garden).status == 401);
  REQUIRE(http.call(Method::post, "/api/v1/admin/catalog/categories", garden, customer).status == 403);
  const auto created = http.call(Method::post, "/api/v1/admin/catalog/categories", garden, manager);
  REQUIRE(created.status == 201);
  const std::string garden_id(body_of(created).at("id").as_string());
  const auto tools = http.call(Method::post, "/api/v1/admin/catalog/categories",
                               {{"slug", "tools"}, {"name", "Tools"}, {"parent_id", garden_id}},
                               {"01900000-0000-7000-8000-00000000cccc", {"admin"}});
  REQUIRE(tools.status == 201);
  const std::string tools_id(body_of(tools).at("id").as_string());

  const auto tree = body_of(http.call(Method::get, "/api/v1/catalog/categories"));
  REQUIRE(tree.at("items").as_array().size() == 1);
  REQUIRE(tree.at("items").at(0).at("slug") == "garden");
  REQUIRE(tree.at("items").at(0).at("parent_id").is_null());
  REQUIRE(tree.at("items").at(0).at("children").at(0).at("id") == boost::json::value(tools_id));
  REQUIRE(body_of(http.call(Method::get, "/api/v1/catalog/categories/" + tools_id)).at("parent_id") ==
          boost::json::value(garden_id));
  REQUIRE(http.call(Method::get, "/api/v1/catalog/categories/nope").status == 404);

  const auto cycle =
      http.call(Method::patch, "/api/v1/admin/catalog/categories/" + garden_id, {{"parent_id", tools_id}}, manager);
  REQUIRE(cycle.status == 409);
  REQUIRE(cycle.content_type == "application/problem+json");
  REQUIRE(body_of(cycle).at("errors").at(0).at("field") == "parent_id");
  REQUIRE(http.call(Method::patch, "/api/v1/admin/catalog/categories/" + tools_id, {{"parent_id", nullptr}}, manager)
              .status == 200);
  REQUIRE(http.call(Method::del, "/api/v1/admin/catalog/categories/" + tools_id, nullptr, customer).status == 403);
  REQUIRE(http.call(Method::del, "/api/v1/admin/catalog/categories/" + tools_id, nullptr, manager).status == 204);
  REQUIRE(body_of(http.call(Method::get, "/api/v1/catalog/categories")).at("items").as_array().size() == 1);
}
