// The category tree's rules without a database: what an admin may send, descendants, cycles.
#include "domain/category_tree.hpp"
#include "http/category_json.hpp"

#include <agora/core/error.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <algorithm>

using namespace agora;
using namespace agora::catalog;

namespace {

// clothing > (shirts > t-shirts, trousers); shoes
const std::string kClothing = "01900000-0000-7000-8000-000000000001";
const std::string kShirts = "01900000-0000-7000-8000-000000000002";
const std::string kTshirts = "01900000-0000-7000-8000-000000000003";
const std::string kTrousers = "01900000-0000-7000-8000-000000000004";
const std::string kShoes = "01900000-0000-7000-8000-000000000005";

CategoryTree shop() {
  return CategoryTree({{kTshirts, kShirts, "t-shirts", "T-shirts", {}, {}},
                       {kClothing, std::nullopt, "clothing", "Clothing", {}, {}},
                       {kTrousers, kClothing, "trousers", "Trousers", {}, {}},
                       {kShirts, kClothing, "shirts", "Shirts", {}, {}},
                       {kShoes, std::nullopt, "shoes", "Shoes", {}, {}}});
}

std::vector<std::string> fields_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::validation);
    std::vector<std::string> out;
    for (const auto& fe : e.fields()) out.push_back(fe.field);
    std::sort(out.begin(), out.end());
    return out;
  }
  FAIL("no validation error");
  return {};
}

}  // namespace

TEST_CASE("a category's descendants include every level below it, and an unknown id has none") {
  const auto tree = shop();
  auto below = tree.self_and_descendants(kClothing);
  std::sort(below.begin(), below.end());
  REQUIRE(below == std::vector<std::string>{kClothing, kShirts, kTshirts, kTrousers});
  REQUIRE(tree.self_and_descendants(kShoes) == std::vector<std::string>{kShoes});
  REQUIRE(tree.self_and_descendants("01900000-0000-7000-8000-0000000000ff").empty());
}

TEST_CASE("a category's ancestors run from itself up to its root, and an unknown id has none") {
  const auto tree = shop();
  REQUIRE(tree.self_and_ancestors(kTshirts) == std::vector<std::string>{kTshirts, kShirts, kClothing});
  REQUIRE(tree.self_and_ancestors(kShoes) == std::vector<std::string>{kShoes});
  REQUIRE(tree.self_and_ancestors("01900000-0000-7000-8000-0000000000ff").empty());
}

TEST_CASE("children are listed by name, roots first level") {
  const auto tree = shop();
  const auto roots = tree.children(std::nullopt);
  REQUIRE(roots.size() == 2);
  REQUIRE(roots[0]->slug == "clothing");
  REQUIRE(roots[1]->slug == "shoes");
  const auto clothing = tree.children(kClothing);
  REQUIRE(clothing.size() == 2);
  REQUIRE(clothing[0]->name == "Shirts");
  REQUIRE(clothing[1]->name == "Trousers");
}

TEST_CASE("moving a category under itself or any of its descendants would make a cycle") {
  const auto tree = shop();
  REQUIRE(tree.would_cycle(kClothing, kClothing));
  REQUIRE(tree.would_cycle(kClothing, kShirts));
  REQUIRE(tree.would_cycle(kClothing, kTshirts));
  REQUIRE(tree.would_cycle(kShirts, kTshirts));
  REQUIRE_FALSE(tree.would_cycle(kTshirts, kClothing));
  REQUIRE_FALSE(tree.would_cycle(kShirts, kShoes));
  REQUIRE_FALSE(tree.would_cycle(kShirts, std::nullopt));  // to the root
}

TEST_CASE("slugs are 1 to 100 lower-case letters, digits and hyphens") {
  REQUIRE(is_category_slug("t-shirts-2"));
  REQUIRE(is_category_slug(std::string(100, 'a')));
  REQUIRE_FALSE(is_category_slug(""));
  REQUIRE_FALSE(is_category_slug(std::string(101, 'a')));
  REQUIRE_FALSE(is_category_slug("T-Shirts"));
  REQUIRE_FALSE(is_category_slug("t shirts"));
  REQUIRE_FALSE(is_category_slug("t_shirts"));
  REQUIRE_FALSE(is_category_slug("tränen"));
}

TEST_CASE("a new category needs a slug and a name; every bad field is listed at once") {
  const auto c = parse_new_category(boost::json::parse(R"({"slug": "shoes", "name": "Shoes"})"));
  REQUIRE(c.slug == "shoes");
  REQUIRE_FALSE(c.parent_id);
  REQUIRE(
      parse_new_category(boost::json::parse(R"({"slug": "boots", "name": "Boots", "parent_id": ")" + kShoes + R"("})"))
          .parent_id == kShoes);
  REQUIRE(fields_of([] { parse_new_category(boost::json::parse("{}")); }) == std::vector<std::string>{"name", "slug"});
  REQUIRE(fields_of([] {
            parse_new_category(
                boost::json::parse(R"({"slug": "Bad Slug", "name": "", "parent_id": "not-a-uuid", "id": "x"})"));
          }) == std::vector<std::string>{"id", "name", "parent_id", "slug"});
  REQUIRE(fields_of([] {
            parse_new_category({{"slug", "ok"}, {"name", std::string(201, 'n')}});
          }) == std::vector<std::string>{"name"});
  REQUIRE(fields_of([] {
            parse_new_category({{"slug", "ok"}, {"name", "line\nbreak"}});
          }) == std::vector<std::string>{"name"});
}

TEST_CASE("a patch changes only what it names, and a null parent_id moves to the root") {
  const auto p = parse_category_patch(boost::json::parse(R"({"parent_id": null})"));
  REQUIRE(p.parent_id.has_value());
  REQUIRE_FALSE(p.parent_id->has_value());
  REQUIRE_FALSE(p.slug);
  REQUIRE_FALSE(p.name);
  REQUIRE(parse_category_patch(boost::json::parse("{}")).empty());
  REQUIRE(fields_of([] { parse_category_patch(boost::json::parse(R"({"slug": null, "created_at": 1})")); }) ==
          std::vector<std::string>{"created_at", "slug"});
  REQUIRE_THROWS_AS(parse_category_patch(boost::json::parse("[]")), Error);
}
