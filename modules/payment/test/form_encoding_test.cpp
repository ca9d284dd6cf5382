// Request bodies for Stripe, form-encoded: fields in the order given, brackets of nested names and
// every byte a value could use to start a field of its own percent-encoded.
#include "gateways/form_encoding.hpp"

#include <catch2/catch.hpp>

using namespace agora::payment;

TEST_CASE("fields are joined with & in the order given, letters, digits and -._~ as they are") {
  CHECK(form_encode({{"amount", "1999"}, {"currency", "usd"}, {"confirm", "true"}}) ==
        "amount=1999&currency=usd&confirm=true");
  CHECK(form_encode({{"payment_method", "pm_card_visa"}, {"k", "a-b.c~d"}}) == "payment_method=pm_card_visa&k=a-b.c~d");
  CHECK(form_encode({}).empty());
}

TEST_CASE("a nested field's brackets are percent-encoded, as Stripe's libraries send them") {
  CHECK(form_encode({{"metadata[order_id]", "0190"}}) == "metadata%5Border_id%5D=0190");
}

TEST_CASE("a value cannot add a field: &, =, +, spaces and non-ASCII bytes are percent-encoded") {
  CHECK(form_encode({{"return_url", "https://shop.example/back?a=1&b=2"}}) ==
        "return_url=https%3A%2F%2Fshop.example%2Fback%3Fa%3D1%26b%3D2");
  CHECK(form_encode({{"note", "a b+c"}}) == "note=a%20b%2Bc");
  CHECK(form_encode({{"name", "Zoë"}}) == "name=Zo%C3%AB");
  CHECK(form_encode({{"empty", ""}}) == "empty=");
}
