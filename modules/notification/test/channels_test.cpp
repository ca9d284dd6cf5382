// Which channels a recipient gets: their choice for the category among the channels that reach them,
// at least one for a transactional message, none for marketing without consent.
#include "domain/channels.hpp"

#include <catch2/catch.hpp>

using namespace agora::notification;
using Channels = std::vector<std::string>;

TEST_CASE("a user gets the channels they chose that reach them") {
  const ChannelChoice c{
      .has_preferences = true, .chosen = {"sms", "email", "in_app"}, .reachable = {"email", "in_app"}};
  CHECK(channels_for(Category::order, c) == Channels{"email", "in_app"});
}

TEST_CASE("a transactional message goes out on email when none of the chosen channels reaches the user") {
  const ChannelChoice c{.has_preferences = true, .chosen = {"sms"}, .reachable = {"email", "in_app"}};
  CHECK(channels_for(Category::order, c) == Channels{"email"});
  CHECK(channels_for(Category::security, {.has_preferences = true, .chosen = {}, .reachable = {"in_app"}}) ==
        Channels{"in_app"});
}

TEST_CASE("a guest gets email only") {
  CHECK(channels_for(Category::order, {.reachable = {"email"}}) == Channels{"email"});
  CHECK(channels_for(Category::order, {.reachable = {}}).empty());
}

TEST_CASE("marketing goes only with consent, and only on chosen channels") {
  ChannelChoice c{.has_preferences = true, .chosen = {"email"}, .marketing_consent = false, .reachable = {"email"}};
  CHECK(channels_for(Category::marketing, c).empty());
  c.marketing_consent = true;
  CHECK(channels_for(Category::marketing, c) == Channels{"email"});
  c.chosen = {"sms"};
  CHECK(channels_for(Category::marketing, c).empty());
  CHECK(channels_for(Category::marketing, {.reachable = {"email"}}).empty());
}
