/* td-impact-preferences.c — the Preferences page for the circular-impact factors.
 *
 * One expander row per category: what counts now (the shop's own figures, or the default),
 * the two figures to type (kg CO2e and litres of water per item sold; both empty = the
 * default), the default with its source (resources/impact/factors.csv, references in
 * docs/circular-impact.md) and Reset to Default. Save checks every row first: a figure that
 * is not a number of 0 or more, or one figure without the other, marks its field with the
 * `error` style, says why under it, and nothing is saved. What is right is saved in one
 * transaction by td_store_reports_change_factors(), which needs the preferences permission
 * (td_store_authorize()) and audits each change; a refusal keeps what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-impact-preferences.h"
#include "td-store-reports.h"

typedef struct
{
  TdImpactFactor  factor;        /* as last read; factor.name owned */
  AdwExpanderRow *expander;
  AdwEntryRow    *co2e;
  AdwEntryRow    *water;
  AdwActionRow   *default_row;
  GtkButton      *reset;
  GtkLabel       *message;       /* why a figure was refused */
} FactorRow;

struct _TdImpactPreferences
{
  AdwPreferencesPage    parent_instance;

  TdContext            *context;
  GPtrArray            *rows;    /* FactorRow, in the shop's category order */
  AdwPreferencesGroup  *group;
  GtkButton            *save_button;
};

G_DEFINE_FINAL_TYPE (TdImpactPreferences, td_impact_preferences, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
factor_row_free (gpointer data)
{
  FactorRow *row = data;

  g_free (row->factor.name);
  g_free (row);
}

static void
toast (TdImpactPreferences *self,
       const char          *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/* Grams as kilograms in the locale's way: "6.0", "4.25", "0.125". */
static char *
format_kg (gint64 co2e_g)
{
  int decimals = co2e_g % 100 == 0 ? 1 : co2e_g % 10 == 0 ? 2 : 3;

  return g_strdup_printf ("%.*f", decimals, co2e_g / 1000.0);
}

/* "6 kg CO2e, 1,500 litres" */
static char *
format_pair (gint64 co2e_g,
             gint64 water_l)
{
  g_autofree char *kg = format_kg (co2e_g);
  g_autofree char *litres = g_strdup_printf ("%'" G_GINT64_FORMAT, water_l);

  /* Translators: one item's estimated footprint: kilograms CO2e, litres of water */
  return g_strdup_printf (_("%s kg CO2e, %s litres"), kg, litres);
}

/* "6", "4.5", "4,5" (up to grams) → grams; FALSE when not a number from 0 to the limit. */
static gboolean
parse_kg (const char *text,
          gint64     *co2e_g)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  gint64 whole = 0, fraction = 0;
  int digits = 0;
  const char *p;

  for (p = s; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > TD_IMPACT_MAX_CO2E_G / 1000)
        return FALSE;
    }
  if (p == s)
    return FALSE;
  if (*p == '.' || *p == ',')
    for (p++; g_ascii_isdigit (*p); p++)
      {
        if (++digits > 3)
          return FALSE;
        fraction = fraction * 10 + (*p - '0');
      }
  if (*p != '\0')
    return FALSE;
  for (; digits < 3; digits++)
    fraction *= 10;
  *co2e_g = whole * 1000 + fraction;
  return *co2e_g <= TD_IMPACT_MAX_CO2E_G;
}

static gboolean
parse_litres (const char *text,
              gint64     *water_l)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  guint64 value;

  if (!g_ascii_string_to_unsigned (s, 10, 0, TD_IMPACT_MAX_WATER_L, &value, NULL))
    return FALSE;
  *water_l = (gint64) value;
  return TRUE;
}

static gboolean
is_blank (AdwEntryRow *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
clear_problems (FactorRow *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row->co2e), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (row->water), "error");
  gtk_widget_set_visible (GTK_WIDGET (row->message), FALSE);
}

static void
show_problem (FactorRow  *row,
              GtkWidget  *field,
              const char *message)
{
  gtk_widget_add_css_class (field, "error");
  gtk_label_set_text (row->message, message);
  gtk_widget_set_visible (GTK_WIDGET (row->message), TRUE);
  adw_expander_row_set_expanded (row->expander, TRUE);
}

/* What is typed in @row: -1 for the default (both empty). FALSE, with the field marked, when
 * it can't be saved. */
static gboolean
read_row (FactorRow *row,
          gint64    *co2e_g,
          gint64    *water_l)
{
  gboolean co2e_blank = is_blank (row->co2e), water_blank = is_blank (row->water);

  clear_problems (row);
  if (co2e_blank && water_blank)
    {
      *co2e_g = *water_l = -1;
      return TRUE;
    }
  if (co2e_blank != water_blank)
    {
      show_problem (row, GTK_WIDGET (co2e_blank ? row->co2e : row->water),
                    _("Give both figures, or leave both empty to use the default."));
      return FALSE;
    }
  if (!parse_kg (gtk_editable_get_text (GTK_EDITABLE (row->co2e)), co2e_g))
    {
      show_problem (row, GTK_WIDGET (row->co2e),
                    _("kg CO2e per item is a number from 0 to 100000, such as 6 or 4.5."));
      return FALSE;
    }
  if (!parse_litres (gtk_editable_get_text (GTK_EDITABLE (row->water)), water_l))
    {
      show_problem (row, GTK_WIDGET (row->water),
                    _("Litres of water per item is a whole number from 0 to 100000000, such as "
                      "1500."));
      return FALSE;
    }
  return TRUE;
}

/* The row's texts from row->factor: the typed fields only when @fields. */
static void
show_factor (FactorRow *row,
             gboolean   fields)
{
  const TdImpactFactor *f = &row->factor;
  g_autofree char *subtitle = NULL;
  g_autofree char *default_text = NULL;

  if (f->default_co2e_g < 0)
    default_text = g_strdup (_("None: counted as zero"));
  else
    default_text = format_pair (f->default_co2e_g, f->default_water_l);

  if (f->own_co2e_g >= 0)
    {
      g_autofree char *own = format_pair (f->own_co2e_g, f->own_water_l);

      /* Translators: the shop's own figures, then the default's */
      subtitle = g_strdup_printf (_("The shop’s own: %s (default: %s)"), own, default_text);
    }
  else
    /* Translators: %s is a footprint such as "6.0 kg CO2e, 1,500 litres" */
    subtitle = g_strdup_printf (_("Default: %s"), default_text);
  adw_expander_row_set_subtitle (row->expander, subtitle);

  if (f->default_from_parent)
    {
      const char *sep = strstr (f->name, " › ");
      g_autofree char *parent = sep != NULL ? g_strndup (f->name, (gsize) (sep - f->name))
                                            : g_strdup (f->name);
      /* Translators: a sub-category's default is its parent category's figure; the first %s
       * is the parent's name, the second a footprint such as "6.0 kg CO2e, 1,500 litres" */
      g_autofree char *title = g_strdup_printf (_("Default: the same as %s, %s"), parent,
                                                default_text);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->default_row), title);
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("Default: %s"), default_text);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->default_row), title);
    }
  if (f->source != NULL)
    {
      /* Translators: where a default factor comes from (a short citation) */
      g_autofree char *source = g_strdup_printf (_("Source: %s"), f->source);

      adw_action_row_set_subtitle (row->default_row, source);
    }
  else
    adw_action_row_set_subtitle (row->default_row, "");

  if (fields)
    {
      g_autofree char *kg = f->own_co2e_g >= 0 ? format_kg (f->own_co2e_g) : g_strdup ("");
      g_autofree char *litres = f->own_co2e_g >= 0
                                  ? g_strdup_printf ("%" G_GINT64_FORMAT, f->own_water_l)
                                  : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (row->co2e), kg);
      gtk_editable_set_text (GTK_EDITABLE (row->water), litres);
      clear_problems (row);
    }
}

static void
field_changed_cb (GtkEditable *editable,
                  gpointer     user_data)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
reset_clicked_cb (GtkButton *button,
                  FactorRow *row)
{
  gtk_editable_set_text (GTK_EDITABLE (row->co2e), "");
  gtk_editable_set_text (GTK_EDITABLE (row->water), "");
  clear_problems (row);
}

static void
save_clicked_cb (TdImpactPreferences *self)
{
  td_impact_preferences_save (self);
}

static AdwEntryRow *
entry_row (AdwExpanderRow *expander,
           const char     *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
  g_signal_connect (row, "changed", G_CALLBACK (field_changed_cb), NULL);
  adw_expander_row_add_row (expander, row);
  return ADW_ENTRY_ROW (row);
}

static FactorRow *
add_row (TdImpactPreferences  *self,
         const TdImpactFactor *factor)
{
  FactorRow *row = g_new0 (FactorRow, 1);
  GtkWidget *reset;

  row->factor = *factor;
  row->factor.name = g_strdup (factor->name);
  row->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), factor->name);
  row->co2e = entry_row (row->expander, _("kg CO2e per item"));
  row->water = entry_row (row->expander, _("Litres of water per item"));

  row->default_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->default_row), FALSE);
  adw_action_row_set_subtitle_lines (row->default_row, 3);
  reset = gtk_button_new_with_mnemonic (_("_Reset to Default"));
  gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (reset, _("Empty both figures: the default counts once saved"));
  g_signal_connect (reset, "clicked", G_CALLBACK (reset_clicked_cb), row);
  adw_action_row_add_suffix (row->default_row, reset);
  row->reset = GTK_BUTTON (reset);
  adw_expander_row_add_row (row->expander, GTK_WIDGET (row->default_row));

  row->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (row->message, TRUE);
  gtk_label_set_xalign (row->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (row->message), "error");
  gtk_widget_set_margin_start (GTK_WIDGET (row->message), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (row->message), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (row->message), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (row->message), 6);
  gtk_widget_set_visible (GTK_WIDGET (row->message), FALSE);
  adw_expander_row_add_row (row->expander, GTK_WIDGET (row->message));

  adw_preferences_group_add (self->group, GTK_WIDGET (row->expander));
  g_ptr_array_add (self->rows, row);
  show_factor (row, TRUE);
  return row;
}

static FactorRow *
find_row (TdImpactPreferences *self,
          gint64               category_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FactorRow *row = g_ptr_array_index (self->rows, i);

      if (row->factor.category_id == category_id)
        return row;
    }
  return NULL;
}

/* Reads the factors again; rows of categories already shown keep their widgets. @fields:
 * also put the saved figures back into the typed fields. */
static void
load (TdImpactPreferences *self,
      gboolean             fields)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) factors = td_store_reports_list_factors (td_context_get_database (self->context),
                                                             &error);

  if (factors == NULL)
    {
      g_message ("Reading the impact factors failed: %s", error->message);
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < factors->len; i++)
    {
      const TdImpactFactor *f = &g_array_index (factors, TdImpactFactor, i);
      FactorRow *row = find_row (self, f->category_id);

      if (row == NULL)
        {
          add_row (self, f);
          continue;
        }
      g_free (row->factor.name);
      row->factor = *f;
      row->factor.name = g_strdup (f->name);
      show_factor (row, fields);
    }
}

/**
 * td_impact_preferences_save:
 *
 * Saves what is typed (the Save button): every changed category in one transaction, or
 * nothing when a figure is refused (its field is marked and the reason shown under it) or the
 * signed-in staff member may not change preferences (a toast says so; the typing is kept).
 *
 * Returns: whether everything typed is saved
 */
gboolean
td_impact_preferences_save (TdImpactPreferences *self)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (TdImpactFactorChange));
  g_autoptr(GError) error = NULL;
  guint refused = 0;

  g_return_val_if_fail (TD_IS_IMPACT_PREFERENCES (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      FactorRow *row = g_ptr_array_index (self->rows, i);
      TdImpactFactorChange change = { row->factor.category_id, -1, -1 };

      if (!read_row (row, &change.co2e_g, &change.water_l))
        {
          refused++;
          continue;
        }
      if (change.co2e_g != row->factor.own_co2e_g || change.water_l != row->factor.own_water_l)
        g_array_append_val (changes, change);
    }
  if (refused > 0)
    {
      toast (self, _("Nothing was saved: correct the marked figures first."));
      return FALSE;
    }
  if (changes->len == 0)
    return TRUE;
  if (!td_store_reports_change_factors (td_context_get_database (self->context),
                                        td_context_get_staff_id (self->context),
                                        (const TdImpactFactorChange *) changes->data, changes->len,
                                        g_get_real_time (), &error))
    {
      g_autofree char *title = NULL;

      g_message ("Saving impact factors failed: %s", error->message);
      /* Translators: %s says what went wrong, in a sentence */
      title = g_strdup_printf (_("The change was not saved. %s"), error->message);
      toast (self, title);
      return FALSE;
    }
  load (self, TRUE);
  toast (self, _("Impact factors saved"));
  return TRUE;
}

/**
 * td_impact_preferences_get_field:
 * @category_id: a category's id
 * @field: "co2e" or "water" (the typed figures), "reset" (Reset to Default), "expander",
 *   "default" (the row showing the default and its source), "message" (why a figure was
 *   refused); or "save" (the page's Save button, any @category_id)
 *
 * Returns: (transfer none) (nullable): the widget, for tests and keyboard focus
 */
GtkWidget *
td_impact_preferences_get_field (TdImpactPreferences *self,
                                 gint64               category_id,
                                 const char          *field)
{
  FactorRow *row;

  g_return_val_if_fail (TD_IS_IMPACT_PREFERENCES (self), NULL);

  if (g_strcmp0 (field, "save") == 0)
    return GTK_WIDGET (self->save_button);
  row = find_row (self, category_id);
  if (row == NULL)
    return NULL;
  if (g_strcmp0 (field, "co2e") == 0)
    return GTK_WIDGET (row->co2e);
  if (g_strcmp0 (field, "water") == 0)
    return GTK_WIDGET (row->water);
  if (g_strcmp0 (field, "reset") == 0)
    return GTK_WIDGET (row->reset);
  if (g_strcmp0 (field, "expander") == 0)
    return GTK_WIDGET (row->expander);
  if (g_strcmp0 (field, "default") == 0)
    return GTK_WIDGET (row->default_row);
  if (g_strcmp0 (field, "message") == 0)
    return GTK_WIDGET (row->message);
  return NULL;
}

static void
td_impact_preferences_constructed (GObject *object)
{
  TdImpactPreferences *self = (TdImpactPreferences *) object;
  GtkWidget *save;

  G_OBJECT_CLASS (td_impact_preferences_parent_class)->constructed (object);

  g_assert (TD_IS_CONTEXT (self->context));
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Impact"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "emblem-synchronizing-symbolic");
  gtk_widget_set_name (GTK_WIDGET (self), "impact");

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Circular Impact Factors"));
  adw_preferences_group_set_description (self->group,
    _("What one item sold second-hand keeps out of new production, per category: the Circular "
      "impact report and the receipt line count with these. They are estimates. The defaults "
      "come from published figures (sources in the user guide); type your own where you know "
      "better, or leave both empty to use the default."));
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->group, save);
  self->save_button = GTK_BUTTON (save);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);

  load (self, TRUE);
}

static void
td_impact_preferences_dispose (GObject *object)
{
  TdImpactPreferences *self = (TdImpactPreferences *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (td_impact_preferences_parent_class)->dispose (object);
}

static void
td_impact_preferences_finalize (GObject *object)
{
  TdImpactPreferences *self = (TdImpactPreferences *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (td_impact_preferences_parent_class)->finalize (object);
}

static void
td_impact_preferences_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TdImpactPreferences *self = TD_IMPACT_PREFERENCES (object);

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
td_impact_preferences_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TdImpactPreferences *self = TD_IMPACT_PREFERENCES (object);

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
td_impact_preferences_class_init (TdImpactPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = td_impact_preferences_constructed;
  object_class->dispose = td_impact_preferences_dispose;
  object_class->finalize = td_impact_preferences_finalize;
  object_class->get_property = td_impact_preferences_get_property;
  object_class->set_property = td_impact_preferences_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_impact_preferences_init (TdImpactPreferences *self)
{
  self->rows = g_ptr_array_new_with_free_func (factor_row_free);
}

/**
 * td_impact_preferences_new:
 * @context: the open shop
 *
 * Returns: (transfer full): the Impact page of the Preferences
 */
TdImpactPreferences *
td_impact_preferences_new (TdContext *context)
{
  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  return g_object_new (TD_TYPE_IMPACT_PREFERENCES, "context", context, NULL);
}
