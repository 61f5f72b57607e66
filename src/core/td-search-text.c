/* td-search-text.c — the one normalised string FTS5 indexes per item.
 *
 * People type the way they speak: "levis" for "Levi's", "tshirt" for "T-Shirt", "hm" for
 * "H&M". A word holding such joining marks is indexed twice: joined ("tshirt") and split
 * ("t shirt"), so both ways find it. Case and accents are left to FTS5's unicode61
 * tokenizer (remove_diacritics 2), which folds them on both sides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-search"

#include "config.h"

#include <string.h>

#include "td-search-text.h"

static gboolean
is_joiner (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == '.' || c == '&' || c == '-' || c == 0x2010 || c == '/';
}

static void
append_word (GString    *out,
             const char *word)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GString) split = g_string_new (NULL);
  gboolean has_joiner = FALSE;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_joiner (c))
        {
          has_joiner = TRUE;
          g_string_append_c (split, ' ');
          continue;
        }
      g_string_append_unichar (joined, c);
      g_string_append_unichar (split, c);
    }

  if (joined->len == 0)
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, joined->str);
  if (has_joiner)
    {
      g_strstrip (split->str);
      g_string_set_size (split, strlen (split->str));
      if (split->len > 0 && g_strcmp0 (split->str, joined->str) != 0)
        {
          g_string_append_c (out, ' ');
          g_string_append (out, split->str);
        }
    }
}

/**
 * td_search_text_build:
 * @fields: (array zero-terminated=1): title, brand, SKU, consignor code … (%NULL and empty
 *   entries are skipped)
 *
 * Returns: (transfer full): lower-case words separated by single spaces, e.g.
 *   `{"Levi's 501", "T-Shirt"}` → "levis levi s 501 tshirt t shirt"
 */
char *
td_search_text_build (const char * const *fields)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (fields != NULL, NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *lower = NULL;
      g_auto(GStrv) words = NULL;

      if (!g_utf8_validate (fields[i], -1, NULL))
        continue;
      lower = g_utf8_strdown (fields[i], -1);
      words = g_strsplit_set (lower, " \t\n\r,;:()[]{}\"!?", -1);
      for (guint w = 0; words[w] != NULL; w++)
        append_word (out, words[w]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
