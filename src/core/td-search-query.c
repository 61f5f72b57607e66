/* td-search-query.c — what someone typed in the search box, made into a search.
 *
 * Typed text is folded the way td_search_text_build() folds what it indexes, so both sides
 * meet: lower case; the joining marks ' ’ . & - ‐ / are dropped inside a word ("Levi's" →
 * "levis", "T-Shirt" → "tshirt"; the index holds the joined and the split forms). Accents are
 * left to the unicode61 tokenizer, which folds them on both sides (remove_diacritics 2).
 *
 * Every word becomes a quoted prefix, `"levis"*`, and the words are ANDed. A word keeps only
 * the characters unicode61 treats as part of a token (letters, numbers, marks, private use);
 * anything else ends the word, as it would in the tokenizer. So no input can produce an FTS5
 * syntax error (a quote can never appear inside a phrase), and no stray symbol can become an
 * empty phrase, which FTS5 accepts but which would make the whole AND match nothing.
 *
 * Digits-only input ("5012345678900") and SKU-shaped input ("ab12-0042") also give a @code
 * for the exact lookup the store tries before the text search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-search"

#include "config.h"

#include <string.h>

#include "td-search-query.h"

/* At most this many characters of the input are read: a search box, not a document. */
#define MAX_INPUT_CHARS 256
#define MAX_CODE_CHARS  32

/* The same word separators and joiners as td-search-text.c. */
static gboolean
is_word_separator (gunichar c)
{
  return g_unichar_isspace (c) || (c < 0x80 && strchr (",;:()[]{}\"!?", (int) c) != NULL);
}

static gboolean
is_joiner (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == '.' || c == '&' || c == '-' || c == 0x2010 || c == '/';
}

/* What FTS5's unicode61 tokenizer keeps in a token (categories L*, N*, M*, Co). */
static gboolean
is_token_char (gunichar   c,
               gboolean  *is_base)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
      *is_base = TRUE;
      return TRUE;
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      /* Kept (the tokenizer folds them away), but a token of marks alone is empty. */
      *is_base = FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

typedef struct
{
  GPtrArray *tokens;
  GString   *current;
  gboolean   has_base;
} Splitter;

static void
splitter_end_token (Splitter *s)
{
  if (s->current->len > 0 && s->has_base && s->tokens->len < TD_SEARCH_QUERY_MAX_TOKENS)
    g_ptr_array_add (s->tokens, g_strndup (s->current->str, s->current->len));
  g_string_truncate (s->current, 0);
  s->has_base = FALSE;
}

static void
splitter_add (Splitter *s,
              gunichar  c)
{
  gboolean is_base = FALSE;

  if (is_word_separator (c))
    {
      splitter_end_token (s);
      return;
    }
  if (is_joiner (c))
    return;
  if (!is_token_char (c, &is_base))
    {
      splitter_end_token (s);
      return;
    }
  /* A longer word is cut, at a character boundary; its prefix still finds it. */
  if (s->current->len + 6 > TD_SEARCH_QUERY_MAX_TOKEN_BYTES)
    return;
  g_string_append_unichar (s->current, c);
  s->has_base |= is_base;
}

/* Folded words; the input is read as UTF-8, invalid bytes replaced. */
static GPtrArray *
split_tokens (const char *typed)
{
  g_autofree char *valid = g_utf8_make_valid (typed, -1);
  g_autofree char *lower = NULL;
  g_autoptr(GString) current = g_string_new (NULL);
  Splitter s = { g_ptr_array_new_with_free_func (g_free), current, FALSE };
  const char *end = g_utf8_offset_to_pointer (valid, MIN (g_utf8_strlen (valid, -1),
                                                          MAX_INPUT_CHARS));

  lower = g_utf8_strdown (valid, end - valid);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    splitter_add (&s, g_utf8_get_char (p));
  splitter_end_token (&s);

  return s.tokens;
}

/* Digits only ("0042"; a printed barcode may be typed with spaces when it is long enough
 * not to be a size) or SKU-shaped ("AB12-0042": letters, digits and inner hyphens, with at
 * least one digit and one hyphen). */
static char *
detect_code (const char *typed)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (typed));
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean only_digits_spaces = TRUE;
  gboolean has_space = FALSE;
  gboolean sku_chars = TRUE;
  gboolean has_digit = FALSE;
  gboolean has_hyphen = FALSE;
  gsize len = strlen (trimmed);

  if (len == 0)
    return NULL;

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isdigit (c))
        {
          g_string_append_c (digits, c);
          has_digit = TRUE;
        }
      else if (c == ' ')
        has_space = TRUE;
      else
        only_digits_spaces = FALSE;

      if (c == '-')
        has_hyphen = TRUE;
      else if (!g_ascii_isalnum (c))
        sku_chars = FALSE;
    }

  if (only_digits_spaces && digits->len > 0 && digits->len <= MAX_CODE_CHARS &&
      (!has_space || digits->len >= 8))
    return g_string_free (g_steal_pointer (&digits), FALSE);

  if (sku_chars && has_digit && has_hyphen && len <= MAX_CODE_CHARS &&
      trimmed[0] != '-' && trimmed[len - 1] != '-')
    return g_ascii_strup (trimmed, -1);

  return NULL;
}

/**
 * td_search_query_parse:
 * @typed: what was typed, any bytes (invalid UTF-8 is replaced)
 *
 * Returns: (transfer full): the search; never %NULL
 */
TdSearchQuery *
td_search_query_parse (const char *typed)
{
  g_autoptr(GPtrArray) tokens = NULL;
  TdSearchQuery *query;

  g_return_val_if_fail (typed != NULL, NULL);

  query = g_new0 (TdSearchQuery, 1);
  tokens = split_tokens (typed);
  query->n_tokens = tokens->len;
  if (tokens->len > 0)
    {
      g_autoptr(GString) match = g_string_new (NULL);

      for (guint i = 0; i < tokens->len; i++)
        {
          const char *token = g_ptr_array_index (tokens, i);

          /* Never true (quotes end a word), but a phrase must never be closed early. */
          g_assert (strchr (token, '"') == NULL);
          if (i > 0)
            g_string_append_c (match, ' ');
          g_string_append_c (match, '"');
          g_string_append (match, token);
          g_string_append (match, "\"*");
        }
      query->match = g_string_free (g_steal_pointer (&match), FALSE);
    }
  query->code = detect_code (typed);

  return query;
}

/**
 * td_search_query_fold:
 * @typed: what was typed
 *
 * Returns: (transfer full): the folded words that are searched, space-separated
 *   ("Levi's 501" → "levis 501"); "" when there are none
 */
char *
td_search_query_fold (const char *typed)
{
  g_autoptr(GPtrArray) tokens = NULL;

  g_return_val_if_fail (typed != NULL, NULL);

  tokens = split_tokens (typed);
  g_ptr_array_add (tokens, NULL);
  return g_strjoinv (" ", (char **) tokens->pdata);
}

TdSearchQuery *
td_search_query_copy (const TdSearchQuery *query)
{
  TdSearchQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_new0 (TdSearchQuery, 1);
  copy->match = g_strdup (query->match);
  copy->code = g_strdup (query->code);
  copy->n_tokens = query->n_tokens;
  return copy;
}

void
td_search_query_free (TdSearchQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->match);
  g_free (query->code);
  g_free (query);
}

/**
 * td_search_query_is_empty:
 *
 * Returns: whether nothing searchable was typed, so the whole stock is shown
 */
gboolean
td_search_query_is_empty (const TdSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, TRUE);

  return query->match == NULL && query->code == NULL;
}
