/* td-demo-catalogue.c — what a demo shop's stock looks like: titles, brands, sizes, prices.
 *
 * Demo data, never shown as interface text, so never translated. Book and album titles are
 * made up; brands are the ones a resale shop really sees on its rails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "td-demo-private.h"

const char * const td_demo_grade_codes[TD_DEMO_N_GRADES] = {
  "NWT", "NWOT", "LIKE_NEW", "VERY_GOOD", "GOOD", "FAIR", "PARTS",
};

/* Per kind: how often each grade turns up (same order as TdDemoGrade). */
static const guint grade_weights[][TD_DEMO_N_GRADES] = {
  [TD_DEMO_KIND_WEAR] = { 7, 6, 20, 35, 25, 7, 0 },
  [TD_DEMO_KIND_BOOK] = { 0, 8, 25, 35, 25, 7, 0 },
  [TD_DEMO_KIND_MEDIA] = { 0, 6, 25, 35, 25, 8, 1 },
  [TD_DEMO_KIND_GOODS] = { 3, 6, 15, 30, 30, 11, 5 },
};

/* Price against "very good", in percent. */
static const guint grade_price_pct[TD_DEMO_N_GRADES] = { 135, 120, 110, 100, 85, 65, 40 };

/* Shared lists ------------------------------------------------------------------------ */

static const char * const colours[] = {
  "Black", "White", "Navy", "Grey", "Beige", "Cream", "Red", "Burgundy", "Pink", "Blue",
  "Light blue", "Green", "Olive", "Khaki", "Mustard", "Brown", "Camel", "Purple", "Orange",
  "Multicolour", "Floral", "Striped", "Checked",
};
static const char * const hard_colours[] = {
  "Black", "White", "Silver", "Grey", "Brown", "Natural", "Red", "Blue", "Green", "Cream",
  "Yellow", "Multicolour",
};
static const char * const fabrics[] = {
  "Cotton", "Cotton", "Polyester", "Viscose", "Linen", "Wool", "Cashmere", "Silk", "Denim",
  "Cotton blend", "Acrylic", "Nylon",
};
static const char * const none[] = { "" };

/* Women ------------------------------------------------------------------------------- */

static const char * const women_nouns[] = {
  "dress", "midi dress", "maxi dress", "wrap dress", "blouse", "shirt", "T-shirt", "jumper",
  "cardigan", "jeans", "trousers", "skirt", "pleated skirt", "coat", "trench coat", "jacket",
  "blazer", "denim jacket", "puffer jacket", "jumpsuit", "top", "hoodie", "leggings", "shorts",
};
static const char * const women_styles[] = {
  "floral", "striped", "oversized", "fitted", "cropped", "high-waisted", "wide-leg", "slim",
  "classic", "relaxed", "embroidered", "knitted", "linen", "party", "summer", "wool",
};
static const char * const women_brands[] = {
  "Zara", "H&M", "Mango", "Marks & Spencer", "Next", "Monki", "Levi's", "Whistles", "Boden",
  "COS", "& Other Stories", "Uniqlo", "Ted Baker", "Hobbs", "Phase Eight", "Joules", "Seasalt",
  "FatFace", "Reiss", "Karen Millen", "Gap", "Benetton", "Esprit", "Vero Moda", "", "", "",
};
static const char * const women_sizes[] = {
  "XS", "S", "S", "M", "M", "M", "L", "L", "XL", "XXL", "EU 34", "EU 36", "EU 38", "EU 40",
  "EU 42", "EU 44", "UK 8", "UK 10", "UK 12", "UK 14", "UK 16",
};

/* Men --------------------------------------------------------------------------------- */

static const char * const men_nouns[] = {
  "shirt", "Oxford shirt", "flannel shirt", "polo shirt", "T-shirt", "jumper", "cardigan",
  "jeans", "chinos", "trousers", "suit jacket", "blazer", "overcoat", "parka", "rain jacket",
  "fleece", "hoodie", "waistcoat", "shorts", "gilet",
};
static const char * const men_styles[] = {
  "slim-fit", "regular-fit", "checked", "striped", "plain", "wool", "cotton", "classic",
  "heavyweight", "lightweight", "quilted", "corduroy", "tweed", "waxed",
};
static const char * const men_brands[] = {
  "Levi's", "Ralph Lauren", "Tommy Hilfiger", "Hugo Boss", "Barbour", "The North Face",
  "Patagonia", "Marks & Spencer", "Next", "Zara", "H&M", "Uniqlo", "Ben Sherman", "Fred Perry",
  "Lacoste", "Carhartt", "Diesel", "Jack & Jones", "Superdry", "Gant", "", "", "",
};
static const char * const men_sizes[] = {
  "S", "M", "M", "M", "L", "L", "L", "XL", "XL", "XXL", "XXXL", "EU 48", "EU 50", "EU 52",
  "EU 54",
};

/* Children ---------------------------------------------------------------------------- */

static const char * const kids_nouns[] = {
  "dress", "T-shirt", "jumper", "hoodie", "jeans", "leggings", "pyjamas", "coat",
  "raincoat", "snowsuit", "dungarees", "school trousers", "school cardigan", "romper",
  "sleepsuit", "party dress", "fleece", "shorts", "swimsuit",
};
static const char * const kids_styles[] = {
  "dinosaur", "unicorn", "star print", "rainbow", "striped", "spotty", "padded", "cosy",
  "organic cotton", "animal print", "", "", "",
};
static const char * const kids_brands[] = {
  "Next", "John Lewis", "Marks & Spencer", "H&M", "Zara", "Petit Bateau", "Mini Boden",
  "Frugi", "JoJo Maman Bébé", "Gap", "Mothercare", "George", "Tu", "Polarn O. Pyret", "", "",
};
static const char * const kids_sizes[] = {
  "0–3 months", "3–6 months", "6–9 months", "9–12 months", "12–18 months", "18–24 months",
  "2–3 years", "3–4 years", "4–5 years", "5–6 years", "6–7 years", "7–8 years", "8–9 years",
  "9–10 years", "10–11 years", "11–12 years", "12–13 years",
};

/* Shoes ------------------------------------------------------------------------------- */

static const char * const shoe_nouns[] = {
  "trainers", "running shoes", "ankle boots", "Chelsea boots", "knee-high boots", "loafers",
  "brogues", "ballet flats", "sandals", "court shoes", "wellies", "hiking boots", "slippers",
  "mules", "espadrilles",
};
static const char * const shoe_styles[] = {
  "leather", "suede", "canvas", "lace-up", "block-heel", "platform", "classic", "waterproof",
  "retro", "low-top", "high-top",
};
static const char * const shoe_brands[] = {
  "Nike", "Adidas", "Clarks", "Dr. Martens", "Converse", "Vans", "New Balance", "Puma",
  "Skechers", "Birkenstock", "Hunter", "Timberland", "Kurt Geiger", "Office", "Ecco", "Asics",
  "Salomon", "Hotter", "",
};
static const char * const shoe_sizes[] = {
  "EU 35", "EU 36", "EU 37", "EU 38", "EU 38", "EU 39", "EU 39", "EU 40", "EU 41", "EU 42",
  "EU 42", "EU 43", "EU 44", "EU 45", "EU 46", "UK 4", "UK 5", "UK 6", "UK 7", "UK 8", "UK 9",
  "UK 10",
};
static const char * const shoe_materials[] = {
  "Leather", "Leather", "Suede", "Canvas", "Synthetic", "Rubber", "Mesh",
};

/* Bags and accessories ------------------------------------------------------------------ */

static const char * const acc_nouns[] = {
  "handbag", "shoulder bag", "crossbody bag", "tote bag", "backpack", "clutch", "purse",
  "wallet", "belt", "scarf", "silk scarf", "hat", "beanie", "gloves", "sunglasses",
  "umbrella", "weekend bag", "satchel",
};
static const char * const acc_styles[] = {
  "leather", "quilted", "woven", "canvas", "vintage-style", "structured", "slouchy",
  "patterned", "small", "large", "",
};
static const char * const acc_brands[] = {
  "Radley", "Fossil", "Michael Kors", "Coach", "Kate Spade", "Cath Kidston", "Mulberry",
  "Ray-Ban", "Accessorize", "Fiorelli", "Longchamp", "Herschel", "Eastpak", "Kipling", "",
  "", "",
};
static const char * const acc_sizes[] = { "One size", "One size", "Small", "Medium", "Large", "" };
static const char * const acc_materials[] = {
  "Leather", "Faux leather", "Canvas", "Wool", "Silk", "Straw", "Nylon", "Cotton",
};

/* Jewellery --------------------------------------------------------------------------- */

static const char * const jewel_nouns[] = {
  "necklace", "pendant", "bracelet", "bangle", "earrings", "stud earrings", "ring",
  "brooch", "watch", "cufflinks", "charm bracelet", "locket",
};
static const char * const jewel_styles[] = {
  "sterling silver", "gold-plated", "beaded", "pearl", "enamel", "art deco style", "statement",
  "delicate", "chunky", "costume", "",
};
static const char * const jewel_brands[] = {
  "Pandora", "Swarovski", "Links of London", "Monsoon", "Fossil", "Casio", "Seiko",
  "Swatch", "Timex", "", "", "", "",
};
static const char * const jewel_materials[] = {
  "Sterling silver", "Gold plated", "Brass", "Glass", "Pearl", "Stainless steel", "Resin",
};

/* Books ------------------------------------------------------------------------------- */

static const char * const book_nouns[] = {
  "Garden", "River", "Lighthouse", "Orchard", "Winter", "Harbour", "Island", "Letters",
  "Daughter", "Silence", "Kingdom", "Salt", "Clockmaker", "Map", "Fox", "Stranger", "Summer",
  "Ashes", "Bridge", "Library", "Station", "Tide", "Crown", "Forest", "Glasshouse", "Cook",
};
static const char * const book_styles[] = {
  "Last", "Silent", "Hidden", "Lost", "Northern", "Secret", "Quiet", "Paper", "Golden",
  "Broken", "Wild", "Forgotten", "Little", "Long", "Distant", "Midnight",
};
static const char * const book_brands[] = {
  "Penguin", "Vintage", "Picador", "Faber & Faber", "HarperCollins", "Bloomsbury",
  "Virago", "Orion", "Hodder", "Pan Macmillan", "Random House", "Oxford University Press",
  "Dorling Kindersley", "Usborne", "Lonely Planet", "Ladybird",
};
static const char * const book_sizes[] = {
  "Paperback", "Paperback", "Paperback", "Hardback", "Hardback", "Large print", "Boxed set",
};

/* Music and films ----------------------------------------------------------------------- */

static const char * const media_nouns[] = {
  "Vinyl LP", "Vinyl LP", "7-inch single", "CD album", "CD album", "DVD", "DVD", "Blu-ray",
  "Cassette", "DVD box set", "CD box set",
};
static const char * const media_styles[] = {
  "Velvet", "Neon", "Paper", "Electric", "Silver", "Blue", "Summer", "Midnight", "Static",
  "Golden", "Northern", "Wild",
};
static const char * const media_words[] = {
  "Harbour", "Motel", "Radio", "Skyline", "Horses", "Echoes", "Parade", "Hearts", "Signals",
  "Highway", "Daydream", "Lanterns", "Sessions", "Tapes",
};
static const char * const media_brands[] = {
  "EMI", "Island", "Parlophone", "Columbia", "Atlantic", "Rough Trade", "Warp", "Decca",
  "Deutsche Grammophon", "Universal", "Warner", "Sony", "BBC", "Criterion",
};

/* Toys and games ---------------------------------------------------------------------- */

static const char * const toy_nouns[] = {
  "jigsaw puzzle", "board game", "building set", "wooden train set", "doll", "teddy bear",
  "dolls' house", "play kitchen", "remote-control car", "card game", "marble run",
  "action figure", "puppet", "tea set", "shape sorter", "toy garage", "model kit",
};
static const char * const toy_styles[] = {
  "1000-piece", "500-piece", "wooden", "classic", "family", "complete", "boxed", "deluxe",
  "travel", "vintage", "",
};
static const char * const toy_brands[] = {
  "LEGO", "Playmobil", "Hasbro", "Mattel", "Ravensburger", "Melissa & Doug", "Brio",
  "Fisher-Price", "Sylvanian Families", "VTech", "Hornby", "Orchard Toys", "Jellycat",
  "Hape", "Wasgij", "",
};
static const char * const toy_materials[] = { "Plastic", "Wood", "Cardboard", "Plush", "Metal" };

/* Home and kitchen -------------------------------------------------------------------- */

static const char * const home_nouns[] = {
  "casserole dish", "teapot", "dinner plates (set of 6)", "mugs (set of 4)", "wine glasses",
  "vase", "table lamp", "mirror", "picture frame", "cushion", "throw", "bread bin",
  "cake stand", "serving bowl", "cutlery set", "saucepan set", "jug", "candlesticks",
  "tablecloth", "curtains", "storage basket", "clock",
};
static const char * const home_styles[] = {
  "cast iron", "ceramic", "stoneware", "enamel", "glass", "crystal", "bone china", "rattan",
  "Scandinavian", "retro", "hand-painted", "floral", "",
};
static const char * const home_brands[] = {
  "Le Creuset", "Denby", "Portmeirion", "Emma Bridgewater", "Royal Doulton", "Wedgwood",
  "IKEA", "Habitat", "Dunelm", "Pyrex", "Orla Kiely", "Joseph Joseph", "Villeroy & Boch",
  "Laura Ashley", "Kilner", "", "", "",
};
static const char * const home_materials[] = {
  "Ceramic", "Glass", "Stoneware", "Cast iron", "Wood", "Cotton", "Linen", "Porcelain",
  "Brass", "Rattan",
};

/* Electronics ------------------------------------------------------------------------- */

static const char * const elec_nouns[] = {
  "bluetooth speaker", "headphones", "digital camera", "film camera", "radio", "DAB radio",
  "turntable", "hairdryer", "food processor", "kettle", "toaster", "stand mixer", "games console",
  "tablet", "e-reader", "lamp", "sewing machine", "hi-fi amplifier", "desk fan",
};
static const char * const elec_styles[] = {
  "compact", "portable", "wireless", "retro", "cordless", "boxed", "classic", "",
};
static const char * const elec_brands[] = {
  "Sony", "Philips", "Panasonic", "Bose", "JBL", "Canon", "Nikon", "Roberts", "Kenwood",
  "Russell Hobbs", "Morphy Richards", "Dyson", "Nintendo", "Kindle", "Brother", "Singer",
  "Technics", "Pentax",
};
static const char * const elec_materials[] = { "Plastic", "Metal", "Aluminium", "" };

/* Furniture --------------------------------------------------------------------------- */

static const char * const furn_nouns[] = {
  "armchair", "dining chairs (pair)", "dining table", "coffee table", "side table",
  "bookcase", "chest of drawers", "wardrobe", "sideboard", "desk", "bedside table", "footstool",
  "bench", "mirror", "nest of tables", "writing bureau", "rocking chair",
};
static const char * const furn_styles[] = {
  "mid-century", "oak", "pine", "teak", "painted", "upholstered", "Victorian", "Edwardian",
  "farmhouse", "industrial", "bentwood", "G-Plan style", "",
};
static const char * const furn_brands[] = {
  "G-Plan", "Ercol", "IKEA", "John Lewis", "Habitat", "Laura Ashley", "Parker Knoll",
  "Stag", "", "", "", "",
};
static const char * const furn_materials[] = {
  "Oak", "Pine", "Teak", "Walnut", "Beech", "Mahogany", "Metal", "Velvet", "Leather",
};

/* Sports and outdoors ----------------------------------------------------------------- */

static const char * const sport_nouns[] = {
  "tennis racket", "yoga mat", "dumbbells (pair)", "golf clubs", "cycling helmet",
  "camping stove", "tent", "rucksack", "football", "wetsuit", "ski jacket", "badminton set",
  "fishing rod", "skateboard", "roller skates", "climbing shoes",
};
static const char * const sport_styles[] = {
  "2-person", "lightweight", "adjustable", "junior", "waterproof", "foldable", "pro", "",
};
static const char * const sport_brands[] = {
  "Wilson", "Head", "Decathlon", "Quechua", "Berghaus", "Vango", "Coleman", "Osprey",
  "Callaway", "Speedo", "Karrimor", "Mountain Warehouse", "Trespass", "",
};
static const char * const sport_sizes[] = { "", "", "", "S", "M", "L", "Junior", "Adult" };

/* Art and collectibles ---------------------------------------------------------------- */

static const char * const art_nouns[] = {
  "oil painting", "watercolour", "framed print", "etching", "poster", "figurine",
  "studio pottery vase", "bronze sculpture", "commemorative plate", "postcard collection",
  "stamp album", "coin set", "Toby jug", "glass paperweight",
};
static const char * const art_styles[] = {
  "signed", "framed", "landscape", "seascape", "abstract", "botanical", "limited edition",
  "hand-thrown", "Staffordshire", "Murano-style", "",
};
static const char * const art_brands[] = {
  "Royal Doulton", "Poole Pottery", "Beswick", "Lladró", "Wade", "Caithness", "Hummel", "", "",
  "", "",
};
static const char * const art_materials[] = {
  "Oil on canvas", "Watercolour on paper", "Paper", "Ceramic", "Glass", "Bronze", "Porcelain",
};

/* The categories, by the codes td-store-defaults.c seeds ------------------------------- */

#define L(a) TD_DEMO_LIST (a)

const TdDemoCategory td_demo_categories[] = {
  { "clothing.women", 24, TD_DEMO_KIND_WEAR, L (women_nouns), L (women_styles), L (women_brands),
    L (women_sizes), L (colours), L (fabrics), 300, 6000, 64, 14, 4, TD_DEMO_CODE_NONE },
  { "clothing.men", 11, TD_DEMO_KIND_WEAR, L (men_nouns), L (men_styles), L (men_brands),
    L (men_sizes), L (colours), L (fabrics), 300, 8000, 58, 16, 3, TD_DEMO_CODE_NONE },
  { "clothing.children", 10, TD_DEMO_KIND_WEAR, L (kids_nouns), L (kids_styles), L (kids_brands),
    L (kids_sizes), L (colours), L (fabrics), 100, 2500, 66, 12, 0, TD_DEMO_CODE_NONE },
  { "shoes", 8, TD_DEMO_KIND_WEAR, L (shoe_nouns), L (shoe_styles), L (shoe_brands),
    L (shoe_sizes), L (colours), L (shoe_materials), 500, 9000, 56, 16, 2, TD_DEMO_CODE_NONE },
  { "accessories", 6, TD_DEMO_KIND_WEAR, L (acc_nouns), L (acc_styles), L (acc_brands),
    L (acc_sizes), L (colours), L (acc_materials), 300, 15000, 60, 14, 8, TD_DEMO_CODE_NONE },
  { "jewellery", 4, TD_DEMO_KIND_GOODS, L (jewel_nouns), L (jewel_styles), L (jewel_brands),
    L (none), L (hard_colours), L (jewel_materials), 200, 12000, 52, 18, 15, TD_DEMO_CODE_NONE },
  { "books", 13, TD_DEMO_KIND_BOOK, L (book_nouns), L (book_styles), L (book_brands),
    L (book_sizes), L (none), L (none), 200, 1200, 47, 20, 3, TD_DEMO_CODE_ISBN },
  { "media", 5, TD_DEMO_KIND_MEDIA, L (media_nouns), L (media_styles), L (media_brands),
    L (none), L (none), L (none), 100, 3500, 50, 18, 10, TD_DEMO_CODE_EAN },
  { "toys", 6, TD_DEMO_KIND_GOODS, L (toy_nouns), L (toy_styles), L (toy_brands),
    L (none), L (hard_colours), L (toy_materials), 200, 6000, 62, 14, 4, TD_DEMO_CODE_EAN },
  { "home", 8, TD_DEMO_KIND_GOODS, L (home_nouns), L (home_styles), L (home_brands),
    L (none), L (hard_colours), L (home_materials), 200, 8000, 58, 15, 8, TD_DEMO_CODE_NONE },
  { "electronics", 3, TD_DEMO_KIND_GOODS, L (elec_nouns), L (elec_styles), L (elec_brands),
    L (none), L (hard_colours), L (elec_materials), 500, 25000, 54, 12, 5, TD_DEMO_CODE_EAN },
  { "furniture", 2, TD_DEMO_KIND_GOODS, L (furn_nouns), L (furn_styles), L (furn_brands),
    L (none), L (hard_colours), L (furn_materials), 4000, 40000, 56, 20, 25, TD_DEMO_CODE_NONE },
  { "sports", 3, TD_DEMO_KIND_GOODS, L (sport_nouns), L (sport_styles), L (sport_brands),
    L (sport_sizes), L (hard_colours), L (none), 300, 15000, 52, 16, 0, TD_DEMO_CODE_NONE },
  { "art", 2, TD_DEMO_KIND_GOODS, L (art_nouns), L (art_styles), L (art_brands),
    L (none), L (none), L (art_materials), 500, 30000, 37, 24, 40, TD_DEMO_CODE_NONE },
};

const guint td_demo_n_categories = G_N_ELEMENTS (td_demo_categories);

/* People and places (fictional) --------------------------------------------------------- */

static const char * const first_names[] = {
  "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Chloe", "Emily", "Hannah",
  "Fatima", "Aisha", "Priya", "Mei", "Yuki", "Sofia", "Lucia", "Ingrid", "Agnieszka", "Zainab",
  "Margaret", "Susan", "Helen", "Linda", "Ruth", "Joan", "Oliver", "George", "Noah", "Arthur",
  "Leo", "Harry", "Jack", "Mohammed", "Omar", "Ravi", "Kwame", "Tomasz", "Luca", "Mateo",
  "David", "Peter", "Michael", "Stephen", "Graham", "Colin", "Sam", "Alex", "Robin", "Jordan",
};
static const char * const surnames[] = {
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "Roberts",
  "Walker", "Wright", "Hughes", "Green", "Hall", "Wood", "Clarke", "Patel", "Khan", "Ahmed",
  "Singh", "Nowak", "Kowalski", "Rossi", "Garcia", "Okafor", "Mensah", "Chen", "Nguyen",
  "Kim", "O'Brien", "Murphy", "MacDonald", "Campbell", "Davies", "Baker", "Fisher", "Harper",
  "Bennett", "Price", "Lloyd", "Dubois", "Jensen", "Novak", "Silva", "Moreau", "Quinn",
};
static const char * const streets[] = {
  "High Street", "Church Road", "Station Road", "Mill Lane", "Victoria Road", "Park Avenue",
  "The Green", "Queen Street", "Orchard Close", "Manor Way", "Riverside", "Elm Grove",
  "Market Street", "Chapel Lane", "Kings Road",
};
static const char * const towns[] = {
  "Ashford", "Bramley", "Castleton", "Deepdale", "Eastwick", "Fairford", "Greenhill",
  "Hartley", "Kingsbridge", "Longmoor", "Millbrook", "Northam",
};
static const char * const consignor_notes[] = {
  "", "", "", "", "", "Prefers text messages.", "Brings designer pieces; check labels.",
  "Collects unsold items in person.", "Call before donating anything.", "Regular since 2019.",
  "Wants cheque payouts at month end.", "Vintage specialist.",
};

const TdDemoList td_demo_first_names = L (first_names);
const TdDemoList td_demo_surnames = L (surnames);
const TdDemoList td_demo_streets = L (streets);
const TdDemoList td_demo_towns = L (towns);
const TdDemoList td_demo_consignor_notes = L (consignor_notes);

/* Descriptions, per kind ---------------------------------------------------------------- */

static const char * const wear_notes[] = {
  "Freshly laundered.", "From a smoke-free home.", "Barely worn.", "True to size.",
  "Runs small.", "Runs large.", "Measurements on request.", "Lovely soft fabric.",
  "Perfect for layering.", "Original tags removed.",
};
static const char * const book_notes[] = {
  "Spine uncreased.", "Ex-library copy.", "Name written inside the cover.",
  "First edition.", "Dust jacket included.", "Some yellowing to the pages.",
  "Book club edition.",
};
static const char * const media_notes[] = {
  "Plays well.", "Sleeve shows shelf wear.", "Disc is clean and unscratched.",
  "Includes the original booklet.", "Region 2.", "Tested on our shop player.",
};
static const char * const goods_notes[] = {
  "Tested and working.", "Original box included.", "Some signs of use.",
  "From a smoke-free home.", "Collection only.", "Cleaned and checked.",
  "Instructions included.", "All pieces counted.",
};

static const TdDemoList notes_by_kind[] = {
  [TD_DEMO_KIND_WEAR] = L (wear_notes),
  [TD_DEMO_KIND_BOOK] = L (book_notes),
  [TD_DEMO_KIND_MEDIA] = L (media_notes),
  [TD_DEMO_KIND_GOODS] = L (goods_notes),
};

#undef L

const char *
td_demo_pick (GRand            *rand,
              const TdDemoList *list)
{
  g_assert (list->n > 0);

  return list->v[g_rand_int_range (rand, 0, (gint32) list->n)];
}

static void
append_capitalised (GString    *out,
                    const char *word)
{
  gsize start = out->len;

  g_string_append (out, word);
  if (out->len > start && g_ascii_islower (out->str[start]))
    out->str[start] = g_ascii_toupper (out->str[start]);
}

static void
append_word (GString    *out,
             const char *word)
{
  if (word[0] == '\0')
    return;
  if (out->len > 0)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, word);
    }
  else
    append_capitalised (out, word);
}

/* Rounds like a price label: 50 cents below 20, whole units below 100, fives above. */
static gint64
round_price (double cents)
{
  gint64 step = cents < 2000 ? 50 : cents < 10000 ? 100 : cents < 50000 ? 500 : 1000;
  gint64 rounded = ((gint64) (cents + step / 2) / step) * step;

  return MAX (rounded, 50);
}

static TdDemoGrade
draw_grade (GRand      *rand,
            TdDemoKind  kind)
{
  const guint *weights = grade_weights[kind];
  guint total = 0;
  guint r;

  for (guint g = 0; g < TD_DEMO_N_GRADES; g++)
    total += weights[g];
  r = (guint) g_rand_int_range (rand, 0, (gint32) total);
  for (guint g = 0; g < TD_DEMO_N_GRADES; g++)
    {
      if (r < weights[g])
        return (TdDemoGrade) g;
      r -= weights[g];
    }
  g_assert_not_reached ();
}

/* 13 digits with a valid EAN-13 check digit (ISBN-13 is an EAN with prefix 978). */
static void
draw_ean (GRand      *rand,
          const char *prefix,
          char        code[16])
{
  guint len = (guint) strlen (prefix);
  guint sum = 0;

  memcpy (code, prefix, len);
  for (guint i = len; i < 12; i++)
    code[i] = (char) ('0' + g_rand_int_range (rand, 0, 10));
  for (guint i = 0; i < 12; i++)
    sum += (guint) (code[i] - '0') * (i % 2 ? 3 : 1);
  code[12] = (char) ('0' + (10 - sum % 10) % 10);
  code[13] = '\0';
}

/**
 * td_demo_draw_item:
 * @rand: the generator's only source of chance
 * @category: what kind of item
 * @this_year: the local year of "now", for vintage years
 * @draw: (inout): filled; its GStrings are reused from draw to draw
 */
void
td_demo_draw_item (GRand                *rand,
                   const TdDemoCategory *category,
                   int                   this_year,
                   TdDemoDraw           *draw)
{
  const char *noun = td_demo_pick (rand, &category->nouns);
  const char *style = td_demo_pick (rand, &category->styles);
  gboolean vintage = (guint) g_rand_int_range (rand, 0, 100) < category->vintage_pct;
  double u;

  g_string_truncate (draw->title, 0);
  g_string_truncate (draw->description, 0);
  draw->brand = td_demo_pick (rand, &category->brands);
  draw->size = td_demo_pick (rand, &category->sizes);
  draw->colour = td_demo_pick (rand, &category->colours);
  draw->material = td_demo_pick (rand, &category->materials);
  draw->grade = draw_grade (rand, category->kind);
  draw->vintage_year = vintage ? this_year - g_rand_int_range (rand, 20, 75) : 0;
  draw->code[0] = '\0';

  switch (category->kind)
    {
    case TD_DEMO_KIND_BOOK:
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          g_string_append_printf (draw->title, "The %s %s", style, noun);
          break;
        case 1:
          g_string_append_printf (draw->title, "The %s of the %s", noun,
                                  td_demo_pick (rand, &category->nouns));
          break;
        case 2:
          g_string_append_printf (draw->title, "A %s %s", style, noun);
          break;
        default:
          g_string_append_printf (draw->title, "%s and the %s %s", noun, style,
                                  td_demo_pick (rand, &category->nouns));
          break;
        }
      break;

    case TD_DEMO_KIND_MEDIA:
      g_string_append_printf (draw->title, "%s: %s %s", noun, style,
                              media_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (media_words))]);
      break;

    case TD_DEMO_KIND_WEAR:
    case TD_DEMO_KIND_GOODS:
    default:
      if (vintage && g_rand_boolean (rand))
        g_string_append_printf (draw->title, "%ds", draw->vintage_year / 10 * 10);
      append_word (draw->title, draw->brand);
      append_word (draw->title, style);
      if (draw->colour[0] != '\0' && g_rand_int_range (rand, 0, 4) == 0)
        {
          g_autofree char *lower = g_ascii_strdown (draw->colour, -1);

          append_word (draw->title, lower);
        }
      append_word (draw->title, noun);
      break;
    }

  /* Log-uniform between the category's bounds, leaning to the cheap end like real rails. */
  u = pow (g_rand_double (rand), 1.5);
  draw->price_cents = round_price (category->price_min *
                                   pow ((double) category->price_max / category->price_min, u) *
                                   grade_price_pct[draw->grade] / 100.0 *
                                   (vintage ? 1.3 : 1.0));

  /* Some labels end in .95, as shops like to price. */
  if (draw->price_cents >= 200 && draw->price_cents < 5000 && draw->price_cents % 100 == 0 &&
      g_rand_int_range (rand, 0, 100) < 25)
    draw->price_cents -= 5;

  if (g_rand_int_range (rand, 0, 100) < 40)
    {
      const TdDemoList *notes = &notes_by_kind[category->kind];

      g_string_append (draw->description, td_demo_pick (rand, notes));
      if (g_rand_boolean (rand))
        {
          const char *more = td_demo_pick (rand, notes);

          if (strcmp (more, draw->description->str) != 0)
            g_string_append_printf (draw->description, " %s", more);
        }
    }

  if (category->code_kind != TD_DEMO_CODE_NONE && g_rand_int_range (rand, 0, 100) < 60)
    draw_ean (rand, category->code_kind == TD_DEMO_CODE_ISBN ? "978" : "50", draw->code);
}
