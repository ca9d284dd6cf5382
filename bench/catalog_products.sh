#!/usr/bin/env bash
# Writes N generated products as NDJSON (agora catalog import takes it): 50 brands, 8 colours,
# 2 variants each, prices in USD; every 10th product also has an explicit EUR price. Titles and
# descriptions come from bench/catalog_vocabulary.awk ("Classic Navy Wool Jacket": style, colour,
# material, type; a description with its fit, pattern and some feature words), in one of 24
# categories under 6 departments, with the attributes colour, material, pattern and fit.
#   bench/catalog_products.sh 100000 > products.ndjson
#   bench/catalog_products.sh --categories   the categories as CSV for catalog.categories:
#                                             id, parent_id, slug, name, created_at, updated_at
set -euo pipefail
vocabulary="$(dirname "$0")/catalog_vocabulary.awk"
if [[ ${1:-} == --categories ]]; then
  exec awk -f "$vocabulary" -f /dev/stdin <<'AWK'
BEGIN {
    vocabulary()
    now = "2024-01-01T00:00:00Z"
    for (d = 1; d <= ndepartments; d++)
      printf "%s,,%s,%s,%s,%s\n", department_id(d), tolower(departments[d]), departments[d], now, now
    for (t = 1; t <= ntypes; t++)
      printf "%s,%s,%s,%s,%s,%s\n", type_category_id(t), department_id(type_department[t]), tolower(type_category[t]),
        type_category[t], now, now
}
AWK
fi
awk -v n="${1:-100000}" -f "$vocabulary" -f /dev/stdin <<'AWK'
BEGIN {
  vocabulary()
  for (i = 0; i < n; i++) {
    price = 500 + (i * 7919) % 20000
    colour = colours[i % 8 + 1]
    type = pick(i, 1, ntypes)
    material = materials[pick(i, 2, nmaterials)]
    pattern = patterns[pick(i, 4, npatterns)]
    fit = fits[pick(i, 5, nfits)]
    title = sprintf("%s %s %s %s", capitalized(styles[pick(i, 3, nstyles)]), capitalized(colour),
      capitalized(material), capitalized(types[type]))
    listed = ""
    for (f = 1; f <= nfeatures; f++)
      if (pick(i, 10 + f, 100) <= feature_percent) listed = listed (listed == "" ? "" : ", ") features[f]
    description = sprintf("%s %s %s %s in %s %s. %s.", fit ~ /^[aeiou]/ ? "An" : "A", fit, pattern, types[type], colour,
      material, listed == "" ? "Made to last" : capitalized(listed))
    eur = (i % 10 == 0) ? sprintf(",{\"currency\":\"EUR\",\"amount\":%d}", price - 50) : ""
    printf "{\"slug\":\"product-%d\",\"status\":\"active\",\"brand\":\"brand-%d\",\"category_id\":\"%s\",", i, i % 50,
      type_category_id(type)
    printf "\"attributes\":{\"colour\":\"%s\",\"material\":\"%s\",\"pattern\":\"%s\",\"fit\":\"%s\"},", colour, material,
      pattern, fit
    printf "\"default_locale\":\"en\",\"images\":[{\"url\":\"https://img.example/p/%d.jpg\",\"alt\":\"front\"}],", i
    printf "\"texts\":{\"en\":{\"title\":\"%s\",\"description\":\"%s\"},", title, description
    printf "\"de\":{\"title\":\"Produkt %d\",\"description\":\"\"}},\"variants\":[", i
    printf "{\"sku\":\"SKU-%d-S\",\"options\":{\"size\":\"S\"},\"weight_grams\":300,\"prices\":[{\"currency\":\"USD\",\"amount\":%d}%s]},", i, price, eur
    printf "{\"sku\":\"SKU-%d-L\",\"options\":{\"size\":\"L\"},\"weight_grams\":350,\"prices\":[{\"currency\":\"USD\",\"amount\":%d}]}]}\n", i, price + 200
  }
}
AWK
