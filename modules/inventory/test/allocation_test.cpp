// Allocation rules: all or nothing, one warehouse when one can serve the order, region first.
#include "domain/allocation.hpp"
#include "domain/reservation.hpp"

#include <agora/core/error.hpp>
#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::inventory;

namespace {

Candidate at(std::string sku, std::string warehouse, int priority, std::int64_t allocatable, std::string region = "") {
  return {std::move(sku), warehouse, warehouse, std::move(region), priority, allocatable};
}

}  // namespace

TEST_CASE("lines of the same SKU are merged and sorted") {
  const auto lines = merge_lines({{"B", 1}, {"A", 2}, {"B", 3}});
  REQUIRE(lines.size() == 2);
  REQUIRE(lines[0].sku == "A");
  REQUIRE(lines[1].quantity == 4);
}

TEST_CASE("a short line allocates nothing and names what is available") {
  const auto r = allocate({{"A", 5}, {"B", 1}}, {at("A", "w1", 1, 3), at("A", "w2", 2, 1), at("B", "w1", 1, 9)},
                          Strategy::priority, "");
  REQUIRE(r.allocations.empty());
  REQUIRE(r.shortages.size() == 1);
  REQUIRE(r.shortages[0].sku == "A");
  REQUIRE(r.shortages[0].requested == 5);
  REQUIRE(r.shortages[0].available == 4);
}

TEST_CASE("one warehouse serves the whole order when one can, even if it is not the first by priority") {
  const auto r = allocate({{"A", 2}, {"B", 2}},
                          {at("A", "w1", 1, 5), at("B", "w1", 1, 1), at("A", "w2", 2, 2), at("B", "w2", 2, 2)},
                          Strategy::priority, "");
  REQUIRE(r.allocations.size() == 2);
  REQUIRE(r.allocations[0].warehouse_id == "w2");
  REQUIRE(r.allocations[1].warehouse_id == "w2");
}

TEST_CASE("without a single warehouse, lines go to one warehouse each, and split only when they must") {
  const auto r = allocate({{"A", 4}, {"B", 3}},
                          {at("A", "w1", 1, 4), at("B", "w1", 1, 1), at("B", "w2", 2, 1), at("B", "w3", 3, 3)},
                          Strategy::priority, "");
  REQUIRE(r.shortages.empty());
  REQUIRE(r.allocations.size() == 2);
  REQUIRE(r.allocations[1].sku == "B");
  REQUIRE(r.allocations[1].warehouse_id == "w3");

  const auto split =
      allocate({{"A", 6}}, {at("A", "w1", 1, 4), at("A", "w2", 2, 1), at("A", "w3", 3, 3)}, Strategy::priority, "");
  REQUIRE(split.allocations.size() == 2);
  REQUIRE(split.allocations[0].warehouse_id == "w1");
  REQUIRE(split.allocations[0].quantity == 4);
  REQUIRE(split.allocations[1].warehouse_id == "w3");
  REQUIRE(split.allocations[1].quantity == 2);
  REQUIRE(split.shortages.empty());
}

TEST_CASE("the region strategy tries the shipping region's warehouses first") {
  const std::vector<Candidate> stock{at("A", "w1", 1, 5, "eu"), at("A", "w2", 2, 5, "us")};
  REQUIRE(allocate({{"A", 1}}, stock, Strategy::priority, "us").allocations[0].warehouse_id == "w1");
  REQUIRE(allocate({{"A", 1}}, stock, Strategy::region, "us").allocations[0].warehouse_id == "w2");
  REQUIRE(allocate({{"A", 1}}, stock, Strategy::region, "").allocations[0].warehouse_id == "w1");
}

TEST_CASE("a reservation commits once, releases once, and a release after a commit is refused") {
  const auto now = std::chrono::system_clock::now();
  Reservation r;
  r.expires_at = now + std::chrono::minutes(15);
  REQUIRE(commit_step(r, now) == Step::apply);
  REQUIRE(release_step(r) == Step::apply);
  REQUIRE_THROWS_AS(commit_step(r, now + std::chrono::minutes(15)), Error);
  r.status = Status::committed;
  REQUIRE(commit_step(r, now) == Step::already_done);
  REQUIRE_THROWS_AS(release_step(r), Error);
  r.status = Status::released;
  REQUIRE(release_step(r) == Step::already_done);
  REQUIRE_THROWS_AS(commit_step(r, now), Error);
  REQUIRE_THROWS_AS(extended_expiry(r, now, std::chrono::seconds(60)), Error);
}

TEST_CASE("an extension never shortens a reservation") {
  const auto now = std::chrono::system_clock::now();
  Reservation r;
  r.expires_at = now + std::chrono::minutes(15);
  REQUIRE(extended_expiry(r, now, std::chrono::minutes(5)) == r.expires_at);
  REQUIRE(extended_expiry(r, now, std::chrono::minutes(30)) == now + std::chrono::minutes(30));
}
