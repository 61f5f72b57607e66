/* td-consignor-editor.c — the dialog that creates or edits a consignor.
 *
 * Nothing is written until the store accepts the whole record: what the person typed is
 * parsed here (percent, days, money in the shop's currency), the record is checked by
 * td_store_consignors_validate() through the store's create/update, and every problem is
 * shown at its field (the `error` style and the message in a row right under it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-consignor-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "td-consignor-editor.h"
#include "td-consignors-page-private.h"
#include "td-store-consignors-list.h"
#include "td-store-consignors.h"

struct _TdConsignorEditor
{
  AdwWindow       parent_instance;

  TdContext      *context;
  gint64          consignor_id;     /* 0 for a new consignor until it is saved */
  TdMoneyFormat   money_format;
  int             default_share_bp;
  int             default_period_days;
  TdExpiryAction  default_action;

  AdwWindowTitle *window_title;
  AdwPreferencesGroup *terms_group;
  GtkLabel       *general_error;
  AdwEntryRow    *code_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *phone_row;
  AdwEntryRow    *email_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *notes_row;
  AdwEntryRow    *share_row;
  AdwEntryRow    *period_row;
  AdwComboRow    *expiry_row;
  AdwEntryRow    *min_payout_row;
  AdwComboRow    *payout_row;
  AdwActionRow   *code_error;
  AdwActionRow   *name_error;
  AdwActionRow   *email_error;
  AdwActionRow   *share_error;
  AdwActionRow   *period_error;
  AdwActionRow   *expiry_error;
  AdwActionRow   *min_payout_error;
  AdwActionRow   *payout_error;
};

G_DEFINE_FINAL_TYPE (TdConsignorEditor, td_consignor_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CONSIGNOR_ID,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Combo positions; the expiry combo's first entry is "the shop's default". */
static const TdExpiryAction expiry_choices[] = {
  TD_EXPIRY_ACTION_SHOP_DEFAULT, TD_EXPIRY_ACTION_RETURN, TD_EXPIRY_ACTION_DONATE,
  TD_EXPIRY_ACTION_SHOP_STOCK,
};
static const TdPayoutMethod payout_choices[] = {
  TD_PAYOUT_METHOD_CASH, TD_PAYOUT_METHOD_CHEQUE, TD_PAYOUT_METHOD_BANK_TRANSFER,
  TD_PAYOUT_METHOD_STORE_CREDIT,
};

typedef struct
{
  const char *field;
  gsize       row_offset;    /* the field's widget */
  gsize       error_offset;  /* the row under it that tells the problem */
} Field;

#define FIELD(name, row, err) { name, G_STRUCT_OFFSET (TdConsignorEditor, row), \
                                G_STRUCT_OFFSET (TdConsignorEditor, err) }
static const Field fields[] = {
  FIELD (TD_FIELD_CODE, code_row, code_error),
  FIELD (TD_FIELD_NAME, name_row, name_error),
  FIELD (TD_FIELD_EMAIL, email_row, email_error),
  FIELD (TD_FIELD_SHARE, share_row, share_error),
  FIELD (TD_FIELD_PERIOD, period_row, period_error),
  FIELD (TD_FIELD_EXPIRY_ACTION, expiry_row, expiry_error),
  FIELD (TD_FIELD_MIN_PAYOUT, min_payout_row, min_payout_error),
  FIELD (TD_FIELD_PAYOUT_METHOD, payout_row, payout_error),
};
#undef FIELD

#define FIELD_WIDGET(self, f, offset) (*(GtkWidget **) G_STRUCT_MEMBER_P ((self), (f)->offset))

static void
clear_problems (TdConsignorEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gtk_widget_remove_css_class (FIELD_WIDGET (self, &fields[i], row_offset), "error");
      gtk_widget_set_visible (FIELD_WIDGET (self, &fields[i], error_offset), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);
}

/* Shows each problem at its field and focuses the first field with one. */
static void
show_problems (TdConsignorEditor *self,
               GPtrArray         *problems)
{
  GtkWidget *first = NULL;
  g_autoptr(GString) general = g_string_new (NULL);

  clear_problems (self);
  for (guint p = 0; p < problems->len; p++)
    {
      const TdFieldProblem *problem = g_ptr_array_index (problems, p);
      gboolean placed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (fields) && !placed; i++)
        {
          GtkWidget *row, *error_row;

          if (g_strcmp0 (fields[i].field, problem->field) != 0)
            continue;
          row = FIELD_WIDGET (self, &fields[i], row_offset);
          error_row = FIELD_WIDGET (self, &fields[i], error_offset);
          gtk_widget_add_css_class (row, "error");
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), problem->message);
          gtk_widget_set_visible (error_row, TRUE);
          placed = TRUE;
        }
      if (!placed)
        g_string_append_printf (general, "%s%s", general->len > 0 ? "\n" : "", problem->message);
    }
  if (general->len > 0)
    {
      gtk_label_set_text (self->general_error, general->str);
      gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
    }
  /* Focus the first field with a problem, in the order of the form. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (gtk_widget_has_css_class (FIELD_WIDGET (self, &fields[i], row_offset), "error"))
      {
        first = FIELD_WIDGET (self, &fields[i], row_offset);
        break;
      }
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* "50", "47.5", "47,5 %" → basis points; "" → the shop default. */
static gboolean
parse_share (const char *text,
             int        *share_bp)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autofree char *dot = NULL;
  char *end = NULL;
  double percent;

  if (*copy == '\0')
    {
      *share_bp = TD_TERM_SHOP_DEFAULT;
      return TRUE;
    }
  if (g_str_has_suffix (copy, "%"))
    copy[strlen (copy) - 1] = '\0';
  g_strstrip (copy);
  dot = g_strdelimit (g_strdup (copy), ",", '.');
  percent = g_ascii_strtod (dot, &end);
  if (end == dot || *end != '\0' || percent < 0 || percent > 100)
    return FALSE;
  *share_bp = (int) (percent * 100 + 0.5);
  return TRUE;
}

static gboolean
parse_days (const char *text,
            int        *days)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gint64 value;

  if (*copy == '\0')
    {
      *days = TD_TERM_SHOP_DEFAULT;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (copy, 10, 1, 3650, &value, NULL))
    return FALSE;
  *days = (int) value;
  return TRUE;
}

/* Fills @draft from the form; problems of what can't even be read go to @problems. */
static void
read_form (TdConsignorEditor *self,
           TdConsignorDraft  *draft,
           GPtrArray         *problems)
{
  g_autoptr(GError) error = NULL;
  guint expiry = adw_combo_row_get_selected (self->expiry_row);
  guint payout = adw_combo_row_get_selected (self->payout_row);
  const char *min_payout = row_text (self->min_payout_row);

  draft->code = g_strdup (row_text (self->code_row));
  draft->name = g_strdup (row_text (self->name_row));
  draft->phone = g_strdup (row_text (self->phone_row));
  draft->email = g_strdup (row_text (self->email_row));
  draft->address = g_strdup (row_text (self->address_row));
  draft->notes = g_strdup (row_text (self->notes_row));

  if (!parse_share (row_text (self->share_row), &draft->share_bp))
    td_field_problems_add (problems, TD_FIELD_SHARE, 0,
                           _("Enter the consignor’s share as a percentage from 0 to 100, "
                             "such as 50, or leave it empty for the shop’s default."));
  if (!parse_days (row_text (self->period_row), &draft->period_days))
    td_field_problems_add (problems, TD_FIELD_PERIOD, 0,
                           _("Enter the period as a number of days from 1 to 3650, or leave "
                             "it empty for the shop’s default."));
  draft->expiry_action = expiry < G_N_ELEMENTS (expiry_choices) ? expiry_choices[expiry]
                                                                 : TD_EXPIRY_ACTION_SHOP_DEFAULT;
  draft->payout_method = payout < G_N_ELEMENTS (payout_choices) ? payout_choices[payout]
                                                                 : TD_PAYOUT_METHOD_CASH;
  draft->min_payout = 0;
  if (*min_payout != '\0' &&
      !td_money_parse (min_payout, td_context_get_currency (self->context), &self->money_format,
                       &draft->min_payout, &error))
    td_field_problems_add (problems, TD_FIELD_MIN_PAYOUT, 0, "%s", error->message);
}

/**
 * td_consignor_editor_save:
 *
 * Saves the form when the store accepts it (emitting #TdConsignorEditor::saved and closing
 * the dialog); otherwise shows every problem at its field and writes nothing.
 *
 * Returns: whether the consignor was saved
 */
gboolean
td_consignor_editor_save (TdConsignorEditor *self)
{
  TdDatabase *db;
  g_auto(TdConsignorDraft) draft = { 0 };
  g_autoptr(GPtrArray) problems = td_field_problems_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = self->consignor_id;
  gboolean ok;

  g_return_val_if_fail (TD_IS_CONSIGNOR_EDITOR (self), FALSE);

  db = td_context_get_database (self->context);
  td_consignor_draft_init (&draft);
  read_form (self, &draft, problems);
  if (problems->len > 0)
    {
      /* Show the store's problems of the rest too, so all are fixed in one go. */
      g_autoptr(GPtrArray) more = td_store_consignors_validate (db, self->consignor_id, &draft,
                                                                 NULL);

      for (guint i = 0; more != NULL && i < more->len; i++)
        {
          const TdFieldProblem *p = g_ptr_array_index (more, i);

          if (td_field_problems_find (problems, p->field) == NULL)
            td_field_problems_add (problems, p->field, 0, "%s", p->message);
        }
      show_problems (self, problems);
      return FALSE;
    }

  if (id == 0)
    ok = td_store_consignors_create (db, &draft, td_context_get_staff_id (self->context),
                                     g_get_real_time (), &id, &error);
  else
    ok = td_store_consignors_update (db, id, &draft, td_context_get_staff_id (self->context),
                                     g_get_real_time (), &error);
  if (!ok)
    {
      GPtrArray *refused = td_stock_error_get_problems (error);

      if (refused != NULL && refused->len > 0)
        show_problems (self, refused);
      else
        {
          g_autoptr(GPtrArray) one = td_field_problems_new ();

          g_warning ("Saving a consignor failed: %s", error->message);
          td_field_problems_add (one, "", 0, "%s", error->message);
          show_problems (self, one);
        }
      return FALSE;
    }

  clear_problems (self);
  self->consignor_id = id;
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  td_consignor_editor_save (TD_CONSIGNOR_EDITOR (widget));
}

static void
field_changed_cb (TdConsignorEditor *self)
{
  /* The problem shown goes away as soon as the field is being fixed. */
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = FIELD_WIDGET (self, &fields[i], row_offset);

      if (focus != NULL && (focus == row || gtk_widget_is_ancestor (focus, row)))
        {
          gtk_widget_remove_css_class (row, "error");
          gtk_widget_set_visible (FIELD_WIDGET (self, &fields[i], error_offset), FALSE);
        }
    }
}

static void
entry_activated_cb (TdConsignorEditor *self)
{
  td_consignor_editor_save (self);
}

static void
fill_form (TdConsignorEditor *self)
{
  TdDatabase *db = td_context_get_database (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdConsignor) consignor = NULL;
  g_autoptr(GtkStringList) actions = NULL;
  g_autoptr(GtkStringList) methods = NULL;
  g_autofree char *default_label = NULL;
  g_autofree char *terms_text = NULL;
  g_autofree char *share_text = NULL;

  if (!td_store_consignment_defaults (db, &self->default_share_bp, &self->default_period_days,
                                      &self->default_action, &error))
    {
      g_warning ("Could not read the consignment defaults: %s", error->message);
      g_clear_error (&error);
      self->default_share_bp = 5000;
      self->default_period_days = 60;
      self->default_action = TD_EXPIRY_ACTION_RETURN;
    }

  share_text = td_consignors_format_share (self->default_share_bp);
  /* Translators: under the terms of a consignor: the shop's default share and period */
  terms_text = g_strdup_printf (ngettext ("Leave the share or the period empty to follow the "
                                          "shop’s default: %s, %d day.",
                                          "Leave the share or the period empty to follow the "
                                          "shop’s default: %s, %d days.",
                                          self->default_period_days),
                                share_text, self->default_period_days);
  adw_preferences_group_set_description (self->terms_group, terms_text);

  /* Translators: %s is what the shop does by default, such as "return to the consignor" */
  default_label = g_strdup_printf (_("Shop default (%s)"),
                                   td_consignors_expiry_action_label (self->default_action, FALSE));
  actions = gtk_string_list_new (NULL);
  gtk_string_list_append (actions, default_label);
  for (guint i = 1; i < G_N_ELEMENTS (expiry_choices); i++)
    gtk_string_list_append (actions, td_consignors_expiry_action_label (expiry_choices[i], TRUE));
  adw_combo_row_set_model (self->expiry_row, G_LIST_MODEL (actions));
  methods = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (payout_choices); i++)
    gtk_string_list_append (methods, td_consignors_payout_method_label (payout_choices[i]));
  adw_combo_row_set_model (self->payout_row, G_LIST_MODEL (methods));

  if (self->consignor_id == 0)
    {
      adw_window_title_set_title (self->window_title, _("New Consignor"));
      gtk_window_set_title (GTK_WINDOW (self), _("New Consignor"));
      return;
    }

  consignor = td_store_consignors_get (db, self->consignor_id, &error);
  if (consignor == NULL)
    {
      g_autoptr(GPtrArray) one = td_field_problems_new ();

      td_field_problems_add (one, "", 0, "%s", error->message);
      show_problems (self, one);
      return;
    }
  adw_window_title_set_title (self->window_title, _("Edit Consignor"));
  adw_window_title_set_subtitle (self->window_title, consignor->draft.name);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Consignor"));
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), consignor->draft.code);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), consignor->draft.name);
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), consignor->draft.phone ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), consignor->draft.email ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), consignor->draft.address ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), consignor->draft.notes ?: "");
  if (consignor->draft.share_bp != TD_TERM_SHOP_DEFAULT)
    {
      g_autofree char *percent = td_consignors_format_percent_number (consignor->draft.share_bp);

      gtk_editable_set_text (GTK_EDITABLE (self->share_row), percent);
    }
  if (consignor->draft.period_days != TD_TERM_SHOP_DEFAULT)
    {
      g_autofree char *days = g_strdup_printf ("%d", consignor->draft.period_days);

      gtk_editable_set_text (GTK_EDITABLE (self->period_row), days);
    }
  for (guint i = 0; i < G_N_ELEMENTS (expiry_choices); i++)
    if (expiry_choices[i] == consignor->draft.expiry_action)
      adw_combo_row_set_selected (self->expiry_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (payout_choices); i++)
    if (payout_choices[i] == consignor->draft.payout_method)
      adw_combo_row_set_selected (self->payout_row, i);
  if (consignor->draft.min_payout != 0)
    {
      g_autofree char *money = td_money_format_plain (consignor->draft.min_payout,
                                                      td_context_get_currency (self->context),
                                                      &self->money_format);

      gtk_editable_set_text (GTK_EDITABLE (self->min_payout_row), money);
    }
  clear_problems (self);
}

static void
td_consignor_editor_constructed (GObject *object)
{
  TdConsignorEditor *self = (TdConsignorEditor *)object;

  G_OBJECT_CLASS (td_consignor_editor_parent_class)->constructed (object);

  g_assert (TD_IS_CONTEXT (self->context));
  fill_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->consignor_id == 0 ? self->code_row : self->name_row));
}

static void
td_consignor_editor_dispose (GObject *object)
{
  TdConsignorEditor *self = (TdConsignorEditor *)object;

  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CONSIGNOR_EDITOR);

  G_OBJECT_CLASS (td_consignor_editor_parent_class)->dispose (object);
}

static void
td_consignor_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TdConsignorEditor *self = TD_CONSIGNOR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CONSIGNOR_ID:
      g_value_set_int64 (value, self->consignor_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_consignor_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TdConsignorEditor *self = TD_CONSIGNOR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_CONSIGNOR_ID:
      self->consignor_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_consignor_editor_class_init (TdConsignorEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_consignor_editor_constructed;
  object_class->dispose = td_consignor_editor_dispose;
  object_class->get_property = td_consignor_editor_get_property;
  object_class->set_property = td_consignor_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONSIGNOR_ID] =
    g_param_spec_int64 ("consignor-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdConsignorEditor::saved:
   * @consignor_id: the consignor created or changed
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-consignor-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, general_error);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, terms_group);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, share_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, period_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, min_payout_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, payout_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, code_error);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, email_error);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, share_error);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, period_error);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, expiry_error);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, min_payout_error);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorEditor, payout_error);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_consignor_editor_init (TdConsignorEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  td_money_format_init_current (&self->money_format);
}

/**
 * td_consignor_editor_new:
 * @context: the open shop
 * @consignor_id: the consignor to edit, or 0 for a new one
 *
 * Returns: (transfer full): a new editor; show it transient for the window
 */
TdConsignorEditor *
td_consignor_editor_new (TdContext *context,
                         gint64     consignor_id)
{
  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  return g_object_new (TD_TYPE_CONSIGNOR_EDITOR,
                       "context", context,
                       "consignor-id", consignor_id,
                       NULL);
}

/**
 * td_consignor_editor_get_consignor_id:
 *
 * Returns: the consignor edited, or the one created once saved; 0 before a new one is saved
 */
gint64
td_consignor_editor_get_consignor_id (TdConsignorEditor *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNOR_EDITOR (self), 0);

  return self->consignor_id;
}
