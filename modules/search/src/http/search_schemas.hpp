#pragma once
// What the search routes take and answer, as JSON Schema for the API document
// (GET /api/v1/openapi.json): what search_json.cpp reads and writes.
#include <string_view>

namespace agora::search::schemas {

inline constexpr std::string_view kSearchItem = R"json({
  "type": "object",
  "description": "A product found: its card in the search's locale and currency",
  "required": ["id", "slug", "title", "brand", "image", "price_from", "rating", "created_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "slug": {"type": "string"},
    "title": {"type": "string"},
    "brand": {"type": "string"},
    "image": {"type": ["string", "null"], "description": "The first image's URL"},
    "price_from": {"anyOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}],
                   "description": "The lowest price of its variants; null when it has none in this currency yet"},
    "rating": {
      "type": "object",
      "required": ["average", "count"],
      "properties": {"average": {"type": "number", "description": "To two decimals; 0 without reviews"}, "count": {"type": "integer"}}
    },
    "created_at": {"type": "string", "format": "date-time"}
  }
})json";

inline constexpr std::string_view kSearchFacetValues = R"json({
  "type": "array",
  "description": "The most frequent values first (at most 50)",
  "items": {"type": "object", "required": ["value", "count"], "properties": {"value": {"type": "string"}, "count": {"type": "integer"}}}
})json";

inline constexpr std::string_view kSearchResults = R"json({
  "type": "object",
  "required": ["query_id", "locale", "currency", "items", "total", "next_cursor", "corrected_query", "facets"],
  "properties": {
    "query_id": {"type": "string", "format": "uuid", "description": "Names this search when a result is clicked"},
    "locale": {"type": "string", "description": "The locale of the index that answered"},
    "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/SearchItem"}},
    "total": {"type": "integer", "description": "Matches passing every filter"},
    "next_cursor": {"type": ["string", "null"], "description": "The cursor of the next page; null on the last"},
    "corrected_query": {"type": ["string", "null"], "description": "The words searched instead: the ones asked found nothing"},
    "facets": {
      "type": "object",
      "description": "The facets asked for; each counts the matches as if its own filter were not set",
      "properties": {
        "brand": {"$ref": "#/components/schemas/SearchFacetValues"},
        "category": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "slug", "name", "count"],
            "properties": {"id": {"type": "string", "format": "uuid"}, "slug": {"type": "string"}, "name": {"type": "string"},
                           "count": {"type": "integer", "description": "Matches in it and below it"}}
          }
        },
        "price": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["from", "to", "count"],
            "properties": {
              "from": {"anyOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}], "description": "Inclusive; null: no lower bound"},
              "to": {"anyOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}], "description": "Exclusive; null: no upper bound"},
              "count": {"type": "integer"}
            }
          }
        },
        "attributes": {"type": "object", "description": "By attribute or option name",
                       "additionalProperties": {"$ref": "#/components/schemas/SearchFacetValues"}}
      }
    }
  }
})json";

// The query parameters of a search but q, whose bound is configured.
inline constexpr std::string_view kSearchParameters = R"json(
  {"name": "locale", "in": "query", "description": "Search this locale's index (its language's, else the first one's)",
   "schema": {"type": "string", "minLength": 1, "maxLength": 35}},
  {"name": "currency", "in": "query", "description": "Prices in this currency (default: the shop's base currency)",
   "schema": {"type": "string", "pattern": "^[A-Z]{3}$", "examples": ["EUR"]}},
  {"name": "category", "in": "query", "description": "In this category or below it", "schema": {"type": "string", "format": "uuid"}},
  {"name": "brand", "in": "query", "description": "Any of these brands", "explode": true,
   "schema": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 200}}},
  {"name": "min_price", "in": "query", "description": "In minor units of the currency, inclusive",
   "schema": {"type": "integer", "minimum": 0}},
  {"name": "max_price", "in": "query", "schema": {"type": "integer", "minimum": 0}},
  {"name": "in_stock", "in": "query", "schema": {"type": "boolean", "default": false}},
  {"name": "facets", "in": "query", "description": "Comma-separated: brand, category, price, attributes (every one), attr.<name>",
   "schema": {"type": "string", "examples": ["brand,price"]}},
  {"name": "sort", "in": "query", "description": "Default: relevance with words to search, else newest",
   "schema": {"enum": ["relevance", "newest", "price", "-price", "rating"]}},
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 24}},
  {"name": "cursor", "in": "query", "description": "next_cursor of the page before, with the same sort", "schema": {"type": "string"}})json";

inline constexpr std::string_view kSearchSuggestions = R"json({
  "type": "object",
  "required": ["suggestions"],
  "properties": {
    "suggestions": {
      "type": "array",
      "description": "Best first",
      "items": {
        "type": "object",
        "required": ["text", "kind"],
        "properties": {
          "text": {"type": "string"},
          "kind": {"type": "string", "enum": ["product", "brand", "category", "query"]},
          "id": {"type": "string", "format": "uuid", "description": "The product's or the category's"}
        }
      }
    }
  }
})json";

inline constexpr std::string_view kSearchSuggestParameters = R"json([
  {"name": "q", "in": "query", "required": true, "description": "What was typed so far",
   "schema": {"type": "string", "minLength": 1, "maxLength": 100}},
  {"name": "locale", "in": "query", "schema": {"type": "string", "maxLength": 35}},
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 20, "default": 8}}])json";

inline constexpr std::string_view kSearchClick = R"json({
  "type": "object",
  "required": ["query_id", "product_id", "position"],
  "properties": {
    "query_id": {"type": "string", "format": "uuid", "description": "The search's query_id"},
    "product_id": {"type": "string", "format": "uuid"},
    "position": {"type": "integer", "minimum": 1, "maximum": 10000, "description": "The result's place in the list, from 1"}
  },
  "additionalProperties": false
})json";

inline constexpr std::string_view kSearchReport = R"json({
  "type": "object",
  "required": ["items"],
  "properties": {
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "description": "One query (folded to lower case, accents dropped) over the days asked",
        "required": ["query", "searches", "average_results", "clicked_searches", "clicks", "click_through",
                     "average_click_position", "last_searched_at"],
        "properties": {
          "query": {"type": "string"},
          "searches": {"type": "integer"},
          "average_results": {"type": "number"},
          "clicked_searches": {"type": "integer", "description": "Searches with at least one click"},
          "clicks": {"type": "integer"},
          "click_through": {"type": "number", "minimum": 0, "maximum": 1, "description": "clicked_searches / searches"},
          "average_click_position": {"type": "number", "description": "0 without clicks"},
          "last_searched_at": {"type": "string", "format": "date-time"}
        }
      }
    }
  }
})json";

inline constexpr std::string_view kSearchReportParameters = R"json([
  {"name": "days", "in": "query", "description": "The days before now to cover",
   "schema": {"type": "integer", "minimum": 1, "maximum": 365, "default": 7}},
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
  {"name": "locale", "in": "query", "description": "Only searches in this locale",
   "schema": {"type": "string", "minLength": 1, "maxLength": 35}}])json";

inline constexpr std::string_view kSearchSynonyms = R"json({
  "type": "object",
  "required": ["locale", "groups", "updated_at"],
  "properties": {
    "locale": {"type": "string"},
    "groups": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
    "updated_at": {"type": ["string", "null"], "format": "date-time", "description": "null: never set"}
  }
})json";

inline constexpr std::string_view kSearchSynonymGroups = R"json({
  "type": "object",
  "required": ["groups"],
  "properties": {
    "groups": {
      "type": "array",
      "description": "Words or phrases that find each other; replaces the locale's groups",
      "maxItems": 2000,
      "items": {
        "type": "array",
        "minItems": 2,
        "maxItems": 20,
        "items": {"type": "string", "minLength": 1, "maxLength": 100, "description": "At most 100 bytes, with a letter or digit"}
      },
      "examples": [[["sneakers", "trainers"]]]
    }
  },
  "additionalProperties": false
})json";

inline constexpr std::string_view kSearchStatus = R"json({
  "type": "object",
  "required": ["ready", "rebuilding", "documents", "locales", "version"],
  "properties": {
    "ready": {"type": "boolean", "description": "An index answers searches"},
    "rebuilding": {"type": "boolean"},
    "documents": {"type": "integer", "description": "Products in the index"},
    "locales": {"type": "array", "items": {"type": "string"}},
    "version": {"type": "integer", "description": "Grows with every change the index takes in"}
  }
})json";

}  // namespace agora::search::schemas
