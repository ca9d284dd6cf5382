#!/usr/bin/env bash
# Writes COUNT request paths (default 1000) of one kind of search over the catalog that
# bench/catalog_products.sh generates, from the same vocabulary (bench/catalog_vocabulary.awk):
#   two-words  two words (material, colour, style or feature with a type, or a feature with a
#              material: a few hundred to a few thousand matches of 100,000), facets brand,
#              category and price
#   broad      one feature word (about 27% of the products), facets brand, category, price and
#              every attribute
#   filtered   a feature word with a brand, a department (its categories), a price range and
#              in_stock=true, facets brand, category and price
#   suggest    2 to 5 letters of a known word; every fourth has two neighbouring letters swapped
#   bench/search_queries.sh two-words 1000 > paths
set -euo pipefail
awk -v kind="$1" -v count="${2:-1000}" -f "$(dirname "$0")/catalog_vocabulary.awk" -f /dev/stdin <<'AWK'
function two_words(i,   t, k) {
  t = types[pick(i, 21, ntypes)]
  k = pick(i, 22, 5)
  if (k == 1) return materials[pick(i, 23, nmaterials)] "%20" t
  if (k == 2) return colours[pick(i, 23, ncolours)] "%20" t
  if (k == 3) return styles[pick(i, 23, nstyles)] "%20" t
  if (k == 4) return features[pick(i, 23, nfeatures)] "%20" t
  return features[pick(i, 23, nfeatures)] "%20" materials[pick(i, 24, nmaterials)]
}
# A word someone would type: a type, material, style, colour or feature.
function known_word(i,   k) {
  k = pick(i, 25, 5)
  if (k == 1) return types[pick(i, 26, ntypes)]
  if (k == 2) return materials[pick(i, 26, nmaterials)]
  if (k == 3) return styles[pick(i, 26, nstyles)]
  if (k == 4) return colours[pick(i, 26, ncolours)]
  return features[pick(i, 26, nfeatures)]
}
function typed(i,   w, n) {
  w = known_word(i)
  n = pick(i, 27, 4) + 1
  if (n > length(w)) n = length(w)
  w = substr(w, 1, n)
  # A typo keeps the first letter (as people's typos mostly do) and swaps the next two.
  if (i % 4 == 3 && n >= 4) w = substr(w, 1, 1) substr(w, 3, 1) substr(w, 2, 1) substr(w, 4)
  return w
}
BEGIN {
  vocabulary()
  for (i = 0; i < count; i++) {
    if (kind == "two-words") {
      printf "/api/v1/search?q=%s&facets=brand,category,price&limit=24\n", two_words(i)
    } else if (kind == "broad") {
      printf "/api/v1/search?q=%s&facets=brand,category,price,attributes&limit=24\n", features[pick(i, 28, nfeatures)]
    } else if (kind == "filtered") {
      low = 500 + 1000 * (pick(i, 29, 10) - 1)
      printf "/api/v1/search?q=%s&brand=brand-%d&category=%s&min_price=%d&max_price=%d&in_stock=true" \
        "&facets=brand,category,price&limit=24\n", features[pick(i, 28, nfeatures)], pick(i, 30, 50) - 1,
        department_id(pick(i, 31, ndepartments)), low, low + 10000
    } else if (kind == "suggest") {
      printf "/api/v1/search/suggest?q=%s&limit=8\n", typed(i)
    } else {
      print "search_queries.sh: no kind " kind "; there are two-words, broad, filtered and suggest" > "/dev/stderr"
      exit 2
    }
  }
}
AWK
