/* td-pricing-preferences.c — the Preferences page for pricing rules: the rounding rule, the
 * markdown schedule of the whole shop and of each category, shop closures (which pause the
 * markdown clock), colour-tag and fixed-price promotions.
 *
 * What is typed is read here (days, percentages, dates, money); a typing mistake is said at
 * the field with the `error` style and nothing is saved. The store then checks the rule itself
 * (td-store-pricing-rules.c: limits, overlapping markdown steps, unknown categories) and its
 * refusal is shown the same way. Rules are added and removed, never edited in place, so the
 * audit trail reads as what was in force when.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "td-money.h"
#include "td-pricing-preferences.h"
#include "td-store-catalogue.h"
#include "td-store-pricing.h"

/* In the order of the rounding row's model in the .ui. */
static const TdPriceRounding roundings[] = {
  TD_PRICE_ROUNDING_NONE, TD_PRICE_ROUNDING_NINETY_NINE, TD_PRICE_ROUNDING_WHOLE,
  TD_PRICE_ROUNDING_HALF,
};

#define MAX_DAYS 3650

struct _TdPricingPreferences
{
  AdwPreferencesPage    parent_instance;

  TdContext            *context;
  GArray               *categories;     /* TdCategoryInfo */
  GPtrArray            *list_rows;      /* rows listing rules, removed on reload */
  gboolean              loading;

  /* Template widgets */
  AdwComboRow          *rounding_row;
  AdwPreferencesGroup  *schedule_group;
  AdwComboRow          *schedule_category_row;
  AdwEntryRow          *step_days_row;
  AdwEntryRow          *step_percent_row;
  GtkLabel             *step_message;
  GtkButton            *add_step_button;
  AdwPreferencesGroup  *closures_group;
  AdwEntryRow          *closure_first_row;
  AdwEntryRow          *closure_last_row;
  AdwEntryRow          *closure_note_row;
  GtkLabel             *closure_message;
  GtkButton            *add_closure_button;
  AdwPreferencesGroup  *promotions_group;
  AdwComboRow          *promotion_kind_row;
  AdwEntryRow          *promotion_name_row;
  AdwEntryRow          *promotion_colour_row;
  AdwEntryRow          *promotion_percent_row;
  AdwComboRow          *promotion_category_row;
  AdwEntryRow          *promotion_price_row;
  AdwComboRow          *promotion_day_row;
  GtkLabel             *promotion_message;
  GtkButton            *add_promotion_button;
};

G_DEFINE_FINAL_TYPE (TdPricingPreferences, td_pricing_preferences, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum { RULE_MARKDOWN, RULE_CLOSURE, RULE_PROMOTION } RuleKind;

static void load_rules (TdPricingPreferences *self);

static TdDatabase *
get_db (TdPricingPreferences *self)
{
  return td_context_get_database (self->context);
}

static void
toast (TdPricingPreferences *self,
       const char           *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/* Marks @row (may be NULL) and says @message under the form; FALSE, for `return refuse (…)`. */
static gboolean
refuse (GtkLabel    *label,
        AdwEntryRow *row,
        const char  *message)
{
  if (row != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  return FALSE;
}

static void
clear_message (GtkLabel *label)
{
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

/* ---- Reading what was typed ---------------------------------------------------------------- */

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* "25", "12.5", "12,5 %" → basis points 1…10000; FALSE otherwise. */
static gboolean
parse_percent (const char *typed,
               int        *bp)
{
  g_autofree char *text = g_strdup (typed);
  char *end = NULL;
  double value;

  g_strstrip (text);
  if (g_str_has_suffix (text, "%"))
    text[strlen (text) - 1] = '\0';
  g_strstrip (text);
  g_strdelimit (text, ",", '.');
  if (*text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !(value >= 0.01) || value > 100.0)
    return FALSE;
  *bp = (int) (value * 100.0 + 0.5);
  return *bp >= 1 && *bp <= 10000;
}

static gboolean
parse_days (const char *typed,
            int        *days)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (typed, 10, 1, MAX_DAYS, &value, NULL))
    return FALSE;
  *days = (int) value;
  return TRUE;
}

/* "2024-12-24" → 20241224 */
static gboolean
parse_day (const char *typed,
           int        *yyyymmdd)
{
  unsigned y = 0, m = 0, d = 0;
  char extra = 0;

  if (sscanf (typed, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 2000)
    return FALSE;
  *yyyymmdd = (int) (y * 10000 + m * 100 + d);
  return TRUE;
}

static char *
format_percent (int bp)
{
  if (bp % 100 == 0)
    return g_strdup_printf ("%d", bp / 100);
  return g_strdup_printf ("%.2f", bp / 100.0);
}

static char *
format_day (int yyyymmdd)
{
  g_autoptr(GDateTime) day = g_date_time_new_utc (yyyymmdd / 10000, yyyymmdd / 100 % 100,
                                                  yyyymmdd % 100, 0, 0, 0);

  return day != NULL ? g_date_time_format (day, "%-d %b %Y") : g_strdup_printf ("%d", yyyymmdd);
}

/* The category chosen in a combo whose first entry is "All categories": 0 for it. */
static gint64
combo_category (TdPricingPreferences *self,
                AdwComboRow          *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || self->categories == NULL ||
      selected > self->categories->len)
    return 0;
  return g_array_index (self->categories, TdCategoryInfo, selected - 1).id;
}

static const char *
category_path (TdPricingPreferences *self,
               gint64                id)
{
  for (guint i = 0; id > 0 && self->categories != NULL && i < self->categories->len; i++)
    if (g_array_index (self->categories, TdCategoryInfo, i).id == id)
      return g_array_index (self->categories, TdCategoryInfo, i).path;
  return _("All categories");
}

/* ---- Listing the rules ---------------------------------------------------------------------- */

static void
remove_clicked_cb (GtkButton            *button,
                   TdPricingPreferences *self)
{
  RuleKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "td-kind"));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "td-id");
  g_autoptr(GError) error = NULL;
  gint64 now_us = g_get_real_time ();
  gboolean ok;

  switch (kind)
    {
    case RULE_MARKDOWN:
      ok = td_store_pricing_remove_markdown_rule (get_db (self), id, now_us, &error);
      break;
    case RULE_CLOSURE:
      ok = td_store_pricing_remove_closure (get_db (self), id, now_us, &error);
      break;
    case RULE_PROMOTION:
    default:
      ok = td_store_pricing_remove_promotion (get_db (self), id, now_us, &error);
      break;
    }
  if (!ok)
    toast (self, error->message);
  load_rules (self);
}

static void
add_rule_row (TdPricingPreferences *self,
              AdwPreferencesGroup  *group,
              RuleKind              kind,
              gint64                id,
              const char           *title,
              const char           *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_object_set_data (G_OBJECT (remove), "td-kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (remove), "td-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (row), "td-group", group);
  g_ptr_array_add (self->list_rows, row);
}

static void
add_empty_row (TdPricingPreferences *self,
               AdwPreferencesGroup  *group,
               const char           *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (row), "td-group", group);
  g_ptr_array_add (self->list_rows, row);
}

static void
load_rules (TdPricingPreferences *self)
{
  g_auto(TdPricingRules) rules = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 schedule_category = combo_category (self, self->schedule_category_row);
  guint n_steps = 0;

  for (guint i = 0; i < self->list_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->list_rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "td-group"), row);
    }
  g_ptr_array_set_size (self->list_rows, 0);

  if (!td_store_pricing_load_rules (get_db (self), &rules, &error))
    {
      toast (self, error->message);
      return;
    }

  for (guint i = 0; i < rules.markdowns->len; i++)
    {
      const TdMarkdownRule *m = &g_array_index (rules.markdowns, TdMarkdownRule, i);
      g_autofree char *percent = NULL;
      g_autofree char *title = NULL;

      if (m->category_id != schedule_category || !m->active)
        continue;
      percent = format_percent (m->percent_bp);
      /* Translators: a markdown step: "After 30 days: −25 %" */
      title = g_strdup_printf (g_dngettext (NULL, "After %d day: −%s %%", "After %d days: −%s %%",
                                            m->after_days), m->after_days, percent);
      add_rule_row (self, self->schedule_group, RULE_MARKDOWN, m->id, title, NULL);
      n_steps++;
    }
  if (n_steps == 0)
    add_empty_row (self, self->schedule_group,
                   schedule_category == 0 ? _("No markdowns: prices stay as tagged")
                                          : _("No steps of its own: the shop-wide schedule applies"));

  for (guint i = 0; i < rules.closures->len; i++)
    {
      const TdShopClosure *c = &g_array_index (rules.closures, TdShopClosure, i);
      g_autofree char *first = format_day (c->first_day);
      g_autofree char *last = format_day (c->last_day);
      g_autofree char *title = c->first_day == c->last_day ? g_strdup (first)
                               : g_strdup_printf ("%s – %s", first, last);

      add_rule_row (self, self->closures_group, RULE_CLOSURE, c->id, title,
                    c->note != NULL && *c->note != '\0' ? c->note : NULL);
    }
  if (rules.closures->len == 0)
    add_empty_row (self, self->closures_group, _("No closures"));

  for (guint i = 0; i < rules.promotions->len; i++)
    {
      const TdPromotion *p = &g_array_index (rules.promotions, TdPromotion, i);
      g_autofree char *subtitle = NULL;

      if (p->kind == TD_PROMOTION_FIXED_PRICE)
        {
          g_autofree char *price = td_context_format_money (self->context, p->fixed_price);

          /* Translators: a fixed-price promotion: "Clothing › Women at 6.00" */
          subtitle = g_strdup_printf (_("%s at %s"), category_path (self, p->category_id), price);
        }
      else
        {
          g_autofree char *percent = format_percent (p->percent_bp);

          /* Translators: a colour-tag promotion: "Blue tags −50 % · All categories" */
          subtitle = g_strdup_printf (_("%s tags −%s %% · %s"),
                                      p->tag_colour != NULL ? p->tag_colour : "", percent,
                                      category_path (self, p->category_id));
        }
      add_rule_row (self, self->promotions_group, RULE_PROMOTION, p->id, p->name, subtitle);
    }
  if (rules.promotions->len == 0)
    add_empty_row (self, self->promotions_group, _("No promotions"));
}

/* ---- Adding rules ------------------------------------------------------------------------- */

static void
add_step_cb (TdPricingPreferences *self)
{
  g_autofree char *days_text = entry_text (self->step_days_row);
  g_autofree char *percent_text = entry_text (self->step_percent_row);
  g_autoptr(GError) error = NULL;
  TdMarkdownRule rule = { .active = TRUE };

  if (!parse_days (days_text, &rule.after_days))
    {
      refuse (self->step_message, self->step_days_row,
              _("Enter the number of days on the floor, from 1 to 3650, such as 30."));
      return;
    }
  if (!parse_percent (percent_text, &rule.percent_bp))
    {
      refuse (self->step_message, self->step_percent_row,
              _("Enter a percentage off from 0.01 to 100, such as 25."));
      return;
    }
  rule.category_id = combo_category (self, self->schedule_category_row);
  if (!td_store_pricing_add_markdown_rule (get_db (self), &rule, g_get_real_time (), NULL,
                                           &error))
    {
      refuse (self->step_message, NULL, error->message);
      return;
    }
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->step_days_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->step_percent_row), "");
  self->loading = FALSE;
  clear_message (self->step_message);
  load_rules (self);
}

static void
add_closure_cb (TdPricingPreferences *self)
{
  g_autofree char *first = entry_text (self->closure_first_row);
  g_autofree char *last = entry_text (self->closure_last_row);
  g_autofree char *note = entry_text (self->closure_note_row);
  g_autoptr(GError) error = NULL;
  TdShopClosure closure = { 0 };

  if (!parse_day (first, &closure.first_day))
    {
      refuse (self->closure_message, self->closure_first_row,
              _("Enter the first day as year-month-day, such as 2025-12-24."));
      return;
    }
  if (*last == '\0')
    closure.last_day = closure.first_day;
  else if (!parse_day (last, &closure.last_day))
    {
      refuse (self->closure_message, self->closure_last_row,
              _("Enter the last day as year-month-day, or leave it empty for one day."));
      return;
    }
  if (closure.last_day < closure.first_day)
    {
      refuse (self->closure_message, self->closure_last_row,
              _("The last day can’t be before the first day."));
      return;
    }
  closure.note = note;
  if (!td_store_pricing_add_closure (get_db (self), &closure, g_get_real_time (), NULL, &error))
    {
      refuse (self->closure_message, NULL, error->message);
      return;
    }
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->closure_first_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->closure_last_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->closure_note_row), "");
  self->loading = FALSE;
  clear_message (self->closure_message);
  load_rules (self);
}

static void
add_promotion_cb (TdPricingPreferences *self)
{
  g_autofree char *name = entry_text (self->promotion_name_row);
  g_autofree char *colour = entry_text (self->promotion_colour_row);
  g_autofree char *percent = entry_text (self->promotion_percent_row);
  g_autofree char *price = entry_text (self->promotion_price_row);
  g_autoptr(GError) error = NULL;
  gboolean fixed = adw_combo_row_get_selected (self->promotion_kind_row) == 1;
  guint day = adw_combo_row_get_selected (self->promotion_day_row);
  TdMoneyFormat format;
  TdPromotion promotion = {
    .kind = fixed ? TD_PROMOTION_FIXED_PRICE : TD_PROMOTION_COLOUR_TAG,
    .name = name,
    .category_id = combo_category (self, self->promotion_category_row),
    .weekdays = day == 0 || day > 7 ? 0x7f : 1u << (day - 1),
    .starts_at = g_get_real_time (),
    .active = TRUE,
  };

  if (*name == '\0')
    {
      refuse (self->promotion_message, self->promotion_name_row,
              _("Give the promotion a name, such as “Blue tag week”."));
      return;
    }
  if (fixed)
    {
      td_money_format_init_current (&format);
      if (!td_money_parse (price, td_context_get_currency (self->context), &format,
                           &promotion.fixed_price, NULL) || promotion.fixed_price <= 0)
        {
          refuse (self->promotion_message, self->promotion_price_row,
                  _("Enter the price the category sells at, above zero."));
          return;
        }
    }
  else
    {
      if (*colour == '\0')
        {
          refuse (self->promotion_message, self->promotion_colour_row,
                  _("Enter this week’s tag colour, such as blue."));
          return;
        }
      if (!parse_percent (percent, &promotion.percent_bp))
        {
          refuse (self->promotion_message, self->promotion_percent_row,
                  _("Enter a percentage off from 0.01 to 100, such as 50."));
          return;
        }
      promotion.tag_colour = colour;
    }
  if (!td_store_pricing_add_promotion (get_db (self), &promotion, promotion.starts_at, NULL,
                                       &error))
    {
      refuse (self->promotion_message, NULL, error->message);
      return;
    }
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->promotion_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->promotion_colour_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->promotion_percent_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->promotion_price_row), "");
  self->loading = FALSE;
  clear_message (self->promotion_message);
  load_rules (self);
}

static void
row_changed_cb (TdPricingPreferences *self,
                GtkWidget            *row)
{
  if (self->loading)
    return;
  gtk_widget_remove_css_class (row, "error");
}

static void
promotion_kind_cb (TdPricingPreferences *self)
{
  gboolean fixed = adw_combo_row_get_selected (self->promotion_kind_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->promotion_colour_row), !fixed);
  gtk_widget_set_visible (GTK_WIDGET (self->promotion_percent_row), !fixed);
  gtk_widget_set_visible (GTK_WIDGET (self->promotion_price_row), fixed);
}

static void
schedule_category_cb (TdPricingPreferences *self)
{
  if (!self->loading)
    load_rules (self);
}

static void
rounding_selected_cb (TdPricingPreferences *self)
{
  guint selected = adw_combo_row_get_selected (self->rounding_row);
  g_autoptr(GError) error = NULL;

  if (self->loading || selected >= G_N_ELEMENTS (roundings))
    return;
  if (!td_store_pricing_set_rounding (get_db (self), roundings[selected], g_get_real_time (),
                                      &error))
    toast (self, error->message);
}

static void
load (TdPricingPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) paths = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) promotion_paths = NULL;
  TdPriceRounding rounding = TD_PRICE_ROUNDING_NONE;

  self->loading = TRUE;
  if (!td_store_pricing_get_rounding (get_db (self), &rounding, &error))
    {
      toast (self, error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (roundings); i++)
    if (roundings[i] == rounding)
      adw_combo_row_set_selected (self->rounding_row, i);

  self->categories = td_store_catalogue_list_categories (get_db (self), &error);
  if (self->categories == NULL)
    toast (self, error->message);
  gtk_string_list_append (paths, _("All categories"));
  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    gtk_string_list_append (paths, g_array_index (self->categories, TdCategoryInfo, i).path);
  adw_combo_row_set_model (self->schedule_category_row, G_LIST_MODEL (paths));
  promotion_paths = gtk_string_list_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (paths)); i++)
    gtk_string_list_append (promotion_paths, gtk_string_list_get_string (paths, i));
  adw_combo_row_set_model (self->promotion_category_row, G_LIST_MODEL (promotion_paths));
  promotion_kind_cb (self);
  self->loading = FALSE;
  load_rules (self);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
td_pricing_preferences_constructed (GObject *object)
{
  TdPricingPreferences *self = TD_PRICING_PREFERENCES (object);

  G_OBJECT_CLASS (td_pricing_preferences_parent_class)->constructed (object);

  g_assert (TD_IS_CONTEXT (self->context));
  load (self);
}

static void
td_pricing_preferences_dispose (GObject *object)
{
  TdPricingPreferences *self = TD_PRICING_PREFERENCES (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->categories, g_array_unref);

  G_OBJECT_CLASS (td_pricing_preferences_parent_class)->dispose (object);
}

static void
td_pricing_preferences_finalize (GObject *object)
{
  TdPricingPreferences *self = TD_PRICING_PREFERENCES (object);

  g_clear_pointer (&self->list_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (td_pricing_preferences_parent_class)->finalize (object);
}

static void
td_pricing_preferences_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TdPricingPreferences *self = TD_PRICING_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_pricing_preferences_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TdPricingPreferences *self = TD_PRICING_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_pricing_preferences_class_init (TdPricingPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_pricing_preferences_constructed;
  object_class->dispose = td_pricing_preferences_dispose;
  object_class->finalize = td_pricing_preferences_finalize;
  object_class->get_property = td_pricing_preferences_get_property;
  object_class->set_property = td_pricing_preferences_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-pricing-preferences.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TdPricingPreferences, name)
  BIND (rounding_row);
  BIND (schedule_group);
  BIND (schedule_category_row);
  BIND (step_days_row);
  BIND (step_percent_row);
  BIND (step_message);
  BIND (closures_group);
  BIND (closure_first_row);
  BIND (closure_last_row);
  BIND (closure_note_row);
  BIND (closure_message);
  BIND (promotions_group);
  BIND (promotion_kind_row);
  BIND (promotion_name_row);
  BIND (promotion_colour_row);
  BIND (promotion_percent_row);
  BIND (promotion_category_row);
  BIND (promotion_price_row);
  BIND (promotion_day_row);
  BIND (promotion_message);
  BIND (add_step_button);
  BIND (add_closure_button);
  BIND (add_promotion_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, add_step_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_closure_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_promotion_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, promotion_kind_cb);
  gtk_widget_class_bind_template_callback (widget_class, schedule_category_cb);
  gtk_widget_class_bind_template_callback (widget_class, rounding_selected_cb);
}

static void
td_pricing_preferences_init (TdPricingPreferences *self)
{
  self->list_rows = g_ptr_array_new ();
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
}

/**
 * td_pricing_preferences_new:
 * @context: the open shop
 *
 * Returns: (transfer floating): the page
 */
TdPricingPreferences *
td_pricing_preferences_new (TdContext *context)
{
  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  return g_object_new (TD_TYPE_PRICING_PREFERENCES, "context", context, NULL);
}
