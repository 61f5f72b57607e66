/* td-preferences-window.c — the shop's settings: identity, currency, consignment terms.
 *
 * Every field is checked where it is typed; a refused value marks its row with the `error`
 * style and says why under the group, and nothing is saved. Accepted values are saved as
 * shop settings (they travel with the database) and the context reloads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-backup-page.h"
#include "td-grading-preferences.h"
#include "td-impact-preferences.h"
#include "td-marketplaces-preferences.h"
#include "td-preferences-window.h"
#include "td-pricing-preferences.h"
#include "td-receipt-logo-row.h"
#include "td-staff-page.h"
#include "td-store.h"

#define MAX_PERIOD_DAYS 3650

struct _TdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  TdContext            *context;
  gboolean              loading;   /* filling the fields: not a user's change */

  /* Template widgets */
  AdwEntryRow          *name_row;
  AdwEntryRow          *address_row;
  AdwEntryRow          *policy_row;
  AdwPreferencesGroup  *shop_group;
  GtkWidget            *logo_row;
  AdwEntryRow          *tax_id_row;
  GtkLabel             *shop_message;
  AdwComboRow          *currency_row;
  AdwEntryRow          *share_row;
  AdwEntryRow          *period_row;
  AdwComboRow          *expiry_row;
  GtkLabel             *consignment_message;
};

G_DEFINE_FINAL_TYPE (TdPreferencesWindow, td_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the expiry row's model in the .ui. */
static const char * const expiry_actions[] = { "return", "donate", "shop_stock" };

static GtkLabel *
message_label_for (TdPreferencesWindow *self,
                   AdwEntryRow         *row)
{
  if (row == self->share_row || row == self->period_row)
    return self->consignment_message;
  return self->shop_message;
}

static void
show_row_problem (TdPreferencesWindow *self,
                  AdwEntryRow         *row,
                  const char          *message)
{
  GtkLabel *label = message_label_for (self, row);

  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), message);
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
clear_row_problem (TdPreferencesWindow *self,
                   AdwEntryRow         *row)
{
  GtkLabel *label = message_label_for (self, row);

  if (!gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

static void
show_toast (TdPreferencesWindow *self,
            const char          *title)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

/* Saves one setting; on failure says so and keeps what the user typed. */
static gboolean
save_setting (TdPreferencesWindow *self,
              const char          *key,
              const char          *value)
{
  g_autoptr(GError) error = NULL;
  gint64 now_us = g_get_real_time ();

  if (!td_store_settings_change (td_context_get_database (self->context),
                                 td_context_get_staff_id (self->context), key, value, now_us,
                                 &error))
    {
      g_autofree char *title = NULL;

      g_message ("Saving setting %s failed: %s", key, error->message);
      /* Translators: %s says what went wrong, in a sentence */
      title = g_strdup_printf (_("The change was not saved. %s"), error->message);
      show_toast (self, title);
      return FALSE;
    }
  td_context_reload (self->context);
  return TRUE;
}

/* "50", "40.5", "40,5 %" → basis points; FALSE when not a percentage from 0 to 100. */
static gboolean
parse_share (const char *text,
             gint64     *share_bp)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  gint64 whole = 0;
  gint64 fraction = 0;
  int fraction_digits = 0;
  const char *p;
  gsize len = strlen (s);

  if (len > 0 && s[len - 1] == '%')
    {
      s[len - 1] = '\0';
      g_strchomp (s);
    }
  if (s[0] == '\0')
    return FALSE;

  for (p = s; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > 100)
        return FALSE;
    }
  if (p == s)
    return FALSE;
  if (*p == '.' || *p == ',')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          if (++fraction_digits > 2)
            return FALSE;
          fraction = fraction * 10 + (*p - '0');
        }
      if (fraction_digits == 1)
        fraction *= 10;
    }
  if (*p != '\0')
    return FALSE;

  *share_bp = whole * 100 + fraction;
  return *share_bp <= 10000;
}

static char *
format_share (gint64 share_bp)
{
  if (share_bp % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, share_bp / 100);
  /* The locale's decimal point, which parse_share() reads back. */
  return g_strdup_printf ("%.*f", share_bp % 10 == 0 ? 1 : 2, share_bp / 100.0);
}

static gboolean
parse_period (const char *text,
              gint64     *days)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (s, 10, 1, MAX_PERIOD_DAYS, &value, NULL))
    return FALSE;
  *days = (gint64) value;
  return TRUE;
}

static void
text_row_changed_cb (TdPreferencesWindow *self,
                     GtkEditable         *editable)
{
  if (!self->loading)
    clear_row_problem (self, ADW_ENTRY_ROW (editable));
}

static void
text_row_apply_cb (TdPreferencesWindow *self,
                   AdwEntryRow         *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *value = NULL;
  const char *key;

  if (self->loading || self->context == NULL)
    return;

  if (row == self->name_row)
    {
      if (stripped[0] == '\0')
        {
          show_row_problem (self, row, _("The shop needs a name: it is printed on every receipt. "
                                         "Nothing was saved."));
          return;
        }
      key = TD_SETTING_SHOP_NAME;
      value = g_steal_pointer (&stripped);
    }
  else if (row == self->address_row)
    {
      key = TD_SETTING_SHOP_ADDRESS;
      value = g_steal_pointer (&stripped);
    }
  else if (row == self->tax_id_row)
    {
      key = TD_SETTING_SHOP_TAX_ID;
      value = g_steal_pointer (&stripped);
    }
  else if (row == self->policy_row)
    {
      key = TD_SETTING_RECEIPT_POLICY;
      value = g_steal_pointer (&stripped);
    }
  else if (row == self->share_row)
    {
      gint64 share_bp;

      if (!parse_share (text, &share_bp))
        {
          show_row_problem (self, row, _("The consignor’s share is a percentage from 0 to 100, "
                                         "such as 50 or 40.5. Nothing was saved."));
          return;
        }
      key = TD_SETTING_CONSIGNMENT_SHARE_BP;
      value = g_strdup_printf ("%" G_GINT64_FORMAT, share_bp);
    }
  else if (row == self->period_row)
    {
      gint64 days;

      if (!parse_period (text, &days))
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("The consignment period is a whole number of days from 1 "
                                       "to %d, such as 60. Nothing was saved."), MAX_PERIOD_DAYS);
          show_row_problem (self, row, message);
          return;
        }
      key = TD_SETTING_CONSIGNMENT_PERIOD_DAYS;
      value = g_strdup_printf ("%" G_GINT64_FORMAT, days);
    }
  else
    g_assert_not_reached ();

  clear_row_problem (self, row);
  save_setting (self, key, value);
}

static void
currency_selected_cb (TdPreferencesWindow *self)
{
  const TdCurrency *currencies;
  guint n_currencies = 0;
  guint selected;

  if (self->loading || self->context == NULL)
    return;

  currencies = td_currency_get_all (&n_currencies);
  selected = adw_combo_row_get_selected (self->currency_row);
  if (selected >= n_currencies ||
      g_strcmp0 (currencies[selected].code, td_context_get_currency (self->context)->code) == 0)
    return;
  save_setting (self, TD_SETTING_SHOP_CURRENCY, currencies[selected].code);
}

static void
expiry_selected_cb (TdPreferencesWindow *self)
{
  guint selected;

  if (self->loading || self->context == NULL)
    return;

  selected = adw_combo_row_get_selected (self->expiry_row);
  if (selected < G_N_ELEMENTS (expiry_actions))
    save_setting (self, TD_SETTING_CONSIGNMENT_EXPIRY, expiry_actions[selected]);
}

static char *
dup_setting (TdPreferencesWindow *self,
             const char          *key)
{
  g_autoptr(GError) error = NULL;
  char *value = td_store_settings_dup (td_context_get_database (self->context), key, &error);

  if (error != NULL)
    g_message ("Reading setting %s failed: %s", key, error->message);
  return value;
}

static void
load_currency (TdPreferencesWindow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  const TdCurrency *current = td_context_get_currency (self->context);
  const TdCurrency *currencies;
  guint n_currencies = 0;
  guint selected = GTK_INVALID_LIST_POSITION;
  gboolean empty = FALSE;

  currencies = td_currency_get_all (&n_currencies);
  for (guint i = 0; i < n_currencies; i++)
    {
      /* Translators: a currency in the list, as in "EUR — €" */
      g_autofree char *label = g_strdup_printf (_("%s — %s"), currencies[i].code,
                                                currencies[i].symbol);

      gtk_string_list_append (model, label);
      if (g_strcmp0 (currencies[i].code, current->code) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->currency_row, selected);

  /* Amounts are stored in minor units of the shop's currency: changing it later would
   * silently turn €12.50 into ¥1250. */
  if (!td_store_shop_is_empty (td_context_get_database (self->context), &empty, &error))
    {
      g_message ("Can’t tell whether the shop is empty: %s", error->message);
      empty = FALSE;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->currency_row), empty);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->currency_row),
                               empty ? _("Every amount is kept in this currency. Choose it before "
                                         "the first item or consignor is added.")
                                     : _("Every amount in this shop is already kept in this "
                                         "currency, so it can’t be changed any more."));
}

static void
load (TdPreferencesWindow *self)
{
  g_autofree char *name = dup_setting (self, TD_SETTING_SHOP_NAME);
  g_autofree char *address = dup_setting (self, TD_SETTING_SHOP_ADDRESS);
  g_autofree char *tax_id = dup_setting (self, TD_SETTING_SHOP_TAX_ID);
  g_autofree char *policy = dup_setting (self, TD_SETTING_RECEIPT_POLICY);
  g_autofree char *share = dup_setting (self, TD_SETTING_CONSIGNMENT_SHARE_BP);
  g_autofree char *period = dup_setting (self, TD_SETTING_CONSIGNMENT_PERIOD_DAYS);
  g_autofree char *expiry = dup_setting (self, TD_SETTING_CONSIGNMENT_EXPIRY);
  g_autofree char *share_text = NULL;
  gint64 share_bp;

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address ? address : "");
  gtk_editable_set_text (GTK_EDITABLE (self->tax_id_row), tax_id ? tax_id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->policy_row), policy ? policy : "");

  load_currency (self);

  if (share != NULL && g_ascii_string_to_signed (share, 10, 0, 10000, &share_bp, NULL))
    share_text = format_share (share_bp);
  gtk_editable_set_text (GTK_EDITABLE (self->share_row), share_text ? share_text : "");
  gtk_editable_set_text (GTK_EDITABLE (self->period_row), period ? period : "");

  for (guint i = 0; i < G_N_ELEMENTS (expiry_actions); i++)
    if (g_strcmp0 (expiry, expiry_actions[i]) == 0)
      adw_combo_row_set_selected (self->expiry_row, i);

  /* Set after the text, so that filling the fields doesn't count as an edit. */
  adw_entry_row_set_show_apply_button (self->name_row, TRUE);
  adw_entry_row_set_show_apply_button (self->address_row, TRUE);
  adw_entry_row_set_show_apply_button (self->tax_id_row, TRUE);
  adw_entry_row_set_show_apply_button (self->policy_row, TRUE);
  adw_entry_row_set_show_apply_button (self->share_row, TRUE);
  adw_entry_row_set_show_apply_button (self->period_row, TRUE);

  self->loading = FALSE;
}

static void
td_preferences_window_constructed (GObject *object)
{
  TdPreferencesWindow *self = (TdPreferencesWindow *)object;

  G_OBJECT_CLASS (td_preferences_window_parent_class)->constructed (object);

  g_assert (TD_IS_CONTEXT (self->context));
  load (self);
  self->logo_row = td_receipt_logo_row_new (self->context);
  adw_preferences_group_add (self->shop_group, self->logo_row);

  /* The grading scale and the pricing rules have pages of their own. */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (td_grading_preferences_new (self->context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (td_pricing_preferences_new (self->context)));
  /* The circular-impact factors per category (owner or manager). */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (td_impact_preferences_new (self->context)));
  /* Marketplace accounts (owner or manager). */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (td_marketplaces_preferences_new (self->context)));
  /* Backups and restore. */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (td_backup_page_new (self->context)));
  /* Staff accounts (owner only), the counter lock and where secrets are kept. */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (td_staff_page_new (self->context)));
}

static void
td_preferences_window_dispose (GObject *object)
{
  TdPreferencesWindow *self = (TdPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (td_preferences_window_parent_class)->dispose (object);
}

static void
td_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

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
td_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

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
td_preferences_window_class_init (TdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_preferences_window_constructed;
  object_class->dispose = td_preferences_window_dispose;
  object_class->get_property = td_preferences_window_get_property;
  object_class->set_property = td_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, policy_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, shop_group);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, tax_id_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, shop_message);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, share_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, period_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, consignment_message);
  gtk_widget_class_bind_template_callback (widget_class, text_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, expiry_selected_cb);
}

static void
td_preferences_window_init (TdPreferencesWindow *self)
{
  self->loading = TRUE;  /* until constructed() has filled the fields */
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * td_preferences_window_new:
 * @context: the open shop
 *
 * Returns: (transfer full): a new preferences window for @context's shop
 */
TdPreferencesWindow *
td_preferences_window_new (TdContext *context)
{
  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  return g_object_new (TD_TYPE_PREFERENCES_WINDOW, "context", context, NULL);
}

/**
 * td_preferences_window_get_context:
 *
 * Returns: (transfer none): the open shop
 */
TdContext *
td_preferences_window_get_context (TdPreferencesWindow *self)
{
  g_return_val_if_fail (TD_IS_PREFERENCES_WINDOW (self), NULL);

  return self->context;
}
