#pragma once
// The OpenAPI 3.1 document of every route a router holds, served at GET /api/v1/openapi.json.
//
// A route's options say, besides its doc (RouteDoc):
//   {name} path segments  a required string path parameter; the route may answer 404
//   auth, roles           security bearerAuth and 401; with roles 403, the roles in the description and x-roles
//   idempotent            the Idempotency-Key header; 409 (a repeat in flight) and 422 (the key on another body)
//   rate_class            x-rate-class; unless "none", 429 and the RateLimit-Policy and RateLimit headers
//   websocket             a GET answering 101
//   doc.request           400, 413 and 422;  doc.parameters: 400 and 422
//   every route           500 and 503
// Every error is application/problem+json (components.schemas.Problem), each status described once
// in components.responses.
#include <agora/core/http.hpp>

#include <string>
#include <string_view>

namespace agora::http {

inline constexpr std::string_view kOpenApiPath = "/api/v1/openapi.json";

// The document as JSON text. Error{internal} naming the route when its doc holds JSON text that is
// not what it should be, or when two routes would get the same operationId.
std::string openapi_document(const Router& router, std::string_view version);

}  // namespace agora::http
