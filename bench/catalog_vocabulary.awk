# The words of the generated catalog, shared by bench/catalog_products.sh (which builds products
# from them) and bench/search_queries.sh (which builds searches that find those products).
# Call vocabulary() first; pick(i, salt, n) then chooses one of n for product i, a different
# choice per salt.

# The shares they give on N products: a type 1/24, a style or material 1/12, a colour 1/8 (i % 8, as
# the listings expect), a brand 1/50 (i % 50), each feature word about 27% (the broad searches).
function vocabulary() {
  ncolours = split("red green blue black white grey yellow navy", colours, " ")
  nmaterials = split("cotton wool linen leather denim silk cashmere canvas fleece nylon suede velvet", materials, " ")
  nstyles = split("classic modern essential heritage urban alpine coastal everyday signature studio weekend field",
    styles, " ")
  nfeatures = split("waterproof lightweight organic recycled breathable handmade vintage premium durable packable",
    features, " ")
  npatterns = split("plain striped checked floral dotted herringbone", patterns, " ")
  nfits = split("regular slim relaxed oversized", fits, " ")
  ndepartments = split("Clothing Footwear Bags Accessories Home Sport", departments, " ")
  # type:category name:department
  ntypes = split("shirt:Shirts:1 jacket:Jackets:1 sweater:Sweaters:1 dress:Dresses:1 coat:Coats:1 " \
    "hoodie:Hoodies:1 sneaker:Sneakers:2 boot:Boots:2 sandal:Sandals:2 loafer:Loafers:2 backpack:Backpacks:3 " \
    "tote:Totes:3 duffel:Duffels:3 satchel:Satchels:3 scarf:Scarves:4 hat:Hats:4 belt:Belts:4 glove:Gloves:4 " \
    "blanket:Blankets:5 cushion:Cushions:5 rug:Rugs:5 towel:Towels:5 legging:Leggings:6 jersey:Jerseys:6",
    type_specs, " ")
  for (t = 1; t <= ntypes; t++) {
    split(type_specs[t], spec, ":")
    types[t] = spec[1]
    type_category[t] = spec[2]
    type_department[t] = spec[3]
  }
  feature_percent = 27
}

# Fixed ids, so that products and searches name the same categories in every run.
function department_id(d) { return sprintf("b3c0e000-0000-4000-8000-%012d", d) }
function type_category_id(t) { return sprintf("b3c0e000-0000-4000-8000-%012d", 100 + t) }

# A deterministic choice in 1..n for product i; salts give independent choices (a quadratic hash:
# awk has no xor, and a linear one would tie the choices of different salts together).
function pick(i, salt, n,   h) {
  h = (i * 7919 + salt * 104729 + 17) % 1000003
  h = (h * h + salt) % 1000003
  h = (h * h + 12345) % 1000003
  return int(h / 7) % n + 1
}

function capitalized(w) { return toupper(substr(w, 1, 1)) substr(w, 2) }
