/* td-consignors-page-record.c — commands that change a consignor's record from the page:
 * adjusting the balance (amount and mandatory note, then a confirmation showing the balance
 * before and after) and deactivating or reactivating them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-consignors-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-consignors-page-private.h"
#include "td-override-dialog.h"

/* Adjusting the balance: amount and note, then a confirmation with the balance after. Each
 * dialog owns its own Adjust (freed with the dialog's signal handler). */

typedef struct
{
  TdConsignorsPage *self;
  gint64            consignor_id;
  char             *name;
  gint64            amount;
  char             *note;
  GtkEditable      *amount_entry;
  GtkEditable      *note_entry;
  GtkLabel         *problem;
} Adjust;

static void
adjust_free (gpointer data,
             GClosure *closure)
{
  Adjust *adjust = data;

  g_object_unref (adjust->self);
  g_free (adjust->name);
  g_free (adjust->note);
  g_free (adjust);
}

static Adjust *
adjust_copy (const Adjust *adjust)
{
  Adjust *copy = g_new0 (Adjust, 1);

  copy->self = g_object_ref (adjust->self);
  copy->consignor_id = adjust->consignor_id;
  copy->name = g_strdup (adjust->name);
  copy->amount = adjust->amount;
  copy->note = g_strdup (adjust->note);
  return copy;
}

static void adjust_confirm_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               Adjust           *adjust);

/* A manager approved a cashier's correction with their PIN: do it now (once). */
static void
adjust_approved_cb (GtkWidget *owner,
                    gint64     approver_id,
                    gpointer   user_data)
{
  adjust_confirm_cb (NULL, "adjust", user_data);
}

static void
adjust_destroy (gpointer adjust)
{
  adjust_free (adjust, NULL);
}

static void
adjust_confirm_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Adjust           *adjust)
{
  TdConsignorsPage *self = adjust->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "adjust") != 0 || self->context == NULL)
    return;
  if (!td_store_ledger_adjust (td_context_get_database (self->context), adjust->consignor_id,
                               adjust->amount, adjust->note,
                               td_context_get_staff_id (self->context), g_get_real_time (), NULL,
                               &error))
    {
      if (g_error_matches (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED) &&
          td_override_offer (GTK_WIDGET (self), self->context, _("Balance Not Changed"),
                             error, TD_OVERRIDE_MASK (TD_PERMISSION_LEDGER_ADJUST),
                             adjust_approved_cb, adjust_copy (adjust), adjust_destroy))
        return;
      td_consignors_page_show_failure (self, _("The balance was not changed."), error);
      return;
    }
  amount = td_context_format_money (self->context, adjust->amount);
  /* Translators: "Balance of Ada Lovelace adjusted by −€5.00" */
  text = g_strdup_printf (_("Balance of %s adjusted by %s"), adjust->name, amount);
  td_consignors_page_reload_list (self);
  td_consignors_page_toast (self, text);
}

static void
adjust_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Adjust           *adjust)
{
  TdConsignorsPage *self = adjust->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *confirm;
  gint64 balance = 0;

  if (g_strcmp0 (response, "next") != 0 || self->context == NULL)
    return;
  if (!td_store_consignors_balance (td_context_get_database (self->context),
                                    adjust->consignor_id, &balance, &error))
    {
      td_consignors_page_show_failure (self, _("The balance was not changed."), error);
      return;
    }
  amount = td_context_format_money (self->context, adjust->amount);
  before = td_context_format_money (self->context, balance);
  after = td_context_format_money (self->context, balance + adjust->amount);
  /* Translators: confirming an adjustment: name, amount, note, balance before and after */
  body = g_strdup_printf (_("%s’s balance changes by %s (“%s”), from %s to %s. The adjustment "
                            "stays in their history."),
                          adjust->name, amount, adjust->note, before, after);
  confirm = ADW_MESSAGE_DIALOG (adw_message_dialog_new (td_consignors_page_get_window (self),
                                                        _("Change the Balance?"), body));
  adw_message_dialog_add_responses (confirm, "cancel", _("_Cancel"),
                                    "adjust", _("C_hange Balance"), NULL);
  adw_message_dialog_set_response_appearance (confirm, "adjust", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (confirm, "adjust");
  adw_message_dialog_set_close_response (confirm, "cancel");
  g_signal_connect_data (confirm, "response", G_CALLBACK (adjust_confirm_cb),
                         adjust_copy (adjust), adjust_free, 0);
  gtk_window_present (GTK_WINDOW (confirm));
}

/* Checks the form as it is typed: "Next" only with an amount other than 0 and a note. */
static void
adjust_changed_cb (AdwMessageDialog *dialog)
{
  Adjust *adjust = g_object_get_data (G_OBJECT (dialog), "td-adjust");
  TdConsignorsPage *self = adjust->self;
  const char *amount = gtk_editable_get_text (adjust->amount_entry);
  const char *note = gtk_editable_get_text (adjust->note_entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (note));
  const char *problem = NULL;
  gboolean amount_ok = FALSE;

  adjust->amount = 0;
  if (*amount != '\0')
    {
      amount_ok = td_money_parse (amount, td_context_get_currency (self->context),
                                  &self->money_format, &adjust->amount, &error);
      if (!amount_ok)
        problem = error->message;
      else if (adjust->amount == 0)
        {
          amount_ok = FALSE;
          problem = _("Enter the amount to add to the balance, or a negative amount to take off.");
        }
    }
  if (*amount != '\0' && !amount_ok)
    gtk_widget_add_css_class (GTK_WIDGET (adjust->amount_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (adjust->amount_entry), "error");
  if (problem == NULL && amount_ok && *trimmed == '\0')
    problem = _("Say why the balance changes; the note stays in the consignor’s history.");

  g_free (adjust->note);
  adjust->note = g_steal_pointer (&trimmed);
  gtk_label_set_text (adjust->problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (adjust->problem), problem != NULL);
  adw_message_dialog_set_response_enabled (dialog, "next", amount_ok && *adjust->note != '\0');
}

static void
adjust_activate_cb (AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "next"))
    adw_message_dialog_response (dialog, "next");
}

static GtkWidget *
adjust_entry_new (AdwMessageDialog *dialog,
                  const char       *placeholder,
                  const char       *name)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_name (entry, name);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (adjust_changed_cb), dialog);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (adjust_activate_cb), dialog);
  return entry;
}

static void
adjust_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdConsignorsPage *self = TD_CONSIGNORS_PAGE (widget);
  g_autoptr(TdConsignor) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box, *amount, *note, *problem;
  Adjust *adjust;

  if (self->selected_id == 0)
    return;
  c = td_store_consignors_get (td_context_get_database (self->context), self->selected_id, &error);
  if (c == NULL)
    {
      td_consignors_page_show_failure (self, _("The consignor could not be read."), error);
      return;
    }

  /* Translators: %s is the consignor's name */
  body = g_strdup_printf (_("Enter an amount to add to what the shop owes %s, or a negative "
                            "amount to take off, and why."), c->draft.name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (td_consignors_page_get_window (self),
                                                       _("Adjust Balance"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "next", _("_Next"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "next", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "next");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "next", FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  amount = adjust_entry_new (dialog, _("Amount, such as 5.00 or -5.00"), "amount");
  note = adjust_entry_new (dialog, _("Why (stays in the history)"), "note");
  problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (box), amount);
  gtk_box_append (GTK_BOX (box), note);
  gtk_box_append (GTK_BOX (box), problem);
  adw_message_dialog_set_extra_child (dialog, box);

  adjust = g_new0 (Adjust, 1);
  adjust->self = g_object_ref (self);
  adjust->consignor_id = c->id;
  adjust->name = g_strdup (c->draft.name);
  adjust->amount_entry = GTK_EDITABLE (amount);
  adjust->note_entry = GTK_EDITABLE (note);
  adjust->problem = GTK_LABEL (problem);
  g_object_set_data (G_OBJECT (dialog), "td-adjust", adjust);
  g_signal_connect_data (dialog, "response", G_CALLBACK (adjust_response_cb), adjust,
                         adjust_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (amount);
}

static void
deactivate_response_cb (TdConsignorsPage *self,
                        const char       *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "deactivate") != 0 || self->context == NULL || self->selected_id == 0)
    return;
  if (!td_store_consignors_set_active (td_context_get_database (self->context), self->selected_id,
                                       FALSE, 0, g_get_real_time (), &error))
    {
      td_consignors_page_show_failure (self, _("The consignor was not deactivated."), error);
      return;
    }
  /* Stay on them even when the list shows only active consignors. */
  gtk_check_button_set_active (self->inactive_check, TRUE);
  td_consignors_page_reload_list (self);
  td_consignors_page_toast (self, _("Deactivated: they keep their items, balance and history"));
}

static void
toggle_active_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TdConsignorsPage *self = TD_CONSIGNORS_PAGE (widget);
  g_autoptr(TdConsignor) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->selected_id == 0)
    return;
  c = td_store_consignors_get (td_context_get_database (self->context), self->selected_id, &error);
  if (c == NULL)
    {
      td_consignors_page_show_failure (self, _("The consignor could not be read."), error);
      return;
    }
  if (!c->active)
    {
      if (!td_store_consignors_set_active (td_context_get_database (self->context), c->id, TRUE,
                                           0, g_get_real_time (), &error))
        {
          td_consignors_page_show_failure (self, _("The consignor was not reactivated."), error);
          return;
        }
      td_consignors_page_reload_list (self);
      td_consignors_page_toast (self, _("Reactivated: they can bring items in again"));
      return;
    }

  /* Translators: %s is the consignor's name */
  heading = g_strdup_printf (_("Deactivate %s?"), c->draft.name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    td_consignors_page_get_window (self), heading,
    _("They keep their items, balance and history, but can’t bring new items in until they "
      "are reactivated.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "deactivate", _("_Deactivate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "deactivate", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (deactivate_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
td_consignors_page_record_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "consignors.adjust", NULL, adjust_action);
  gtk_widget_class_install_action (widget_class, "consignors.toggle-active", NULL,
                                   toggle_active_action);
}
