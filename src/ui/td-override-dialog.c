/* td-override-dialog.c — "Ask a manager": an approver's PIN for one act.
 *
 * area: a message dialog listing the staff whose role allows the act, and a PIN field. The
 * store checks the PIN (rate-limited, audited as `permission.override`) and leaves a one-shot
 * grant; the caller then simply retries its act with the signed-in staff id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-override"

#include "config.h"

#include <glib/gi18n.h>

#include "td-override-dialog.h"
#include "td-store-staff.h"

typedef struct
{
  TdContext      *context;
  TdPermission    permission;
  TdOverrideDone  done;
  gpointer        user_data;
  GArray         *approvers;   /* gint64 */
  GtkDropDown    *dropdown;
  GtkEditable    *pin;
  char           *body;        /* what is asked, kept above any error */
  gboolean        answered;
} Override;

static void
override_free (Override *o)
{
  g_clear_object (&o->context);
  g_clear_pointer (&o->approvers, g_array_unref);
  g_free (o->body);
  g_free (o);
}

static void
answer (Override *o,
        gboolean  granted)
{
  if (o->answered)
    return;
  o->answered = TRUE;
  if (o->done != NULL)
    o->done (granted, o->user_data);
}

/* GTK 4.8: a focused GtkPasswordEntry still gets a focus notification while its window is
 * finalized (a warning about a freed instance); take the focus away first. */
static void
close_dialog (GtkWidget *dialog)
{
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/**
 * td_override_dialog_approve:
 * @approver_index: position in the dialog's list of approvers
 *
 * What the Approve button does (tests call it directly). On a wrong PIN the dialog says why
 * and stays; on success it answers and closes.
 */
gboolean
td_override_dialog_approve (GtkWidget  *dialog,
                            guint       approver_index,
                            const char *pin)
{
  Override *o = g_object_get_data (G_OBJECT (dialog), "td-override");
  g_autoptr(GError) error = NULL;
  TdOverride override;

  g_return_val_if_fail (o != NULL, FALSE);

  if (approver_index >= o->approvers->len)
    return FALSE;
  gtk_drop_down_set_selected (o->dropdown, approver_index);
  override.approver_id = g_array_index (o->approvers, gint64, approver_index);
  override.pin = pin;
  if (!td_store_authorize (td_context_get_database (o->context),
                           td_context_get_staff_id (o->context), o->permission, &override,
                           g_get_real_time (), &error))
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", o->body, error->message);

      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
      gtk_editable_set_text (o->pin, "");
      return FALSE;
    }
  answer (o, TRUE);
  close_dialog (dialog);
  return TRUE;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Override         *o)
{
  if (g_strcmp0 (response, "approve") == 0)
    {
      /* The dialog hides on any response: show it again when the PIN was wrong. */
      if (!td_override_dialog_approve (GTK_WIDGET (dialog),
                                       gtk_drop_down_get_selected (o->dropdown),
                                       gtk_editable_get_text (o->pin)))
        gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  answer (o, FALSE);
  close_dialog (GTK_WIDGET (dialog));
}

/**
 * td_override_dialog_present:
 * @parent: (nullable): the window asking
 * @permission: the act the signed-in staff member may not do alone
 * @done: called once, with whether an approver's PIN was right
 *
 * Returns: (transfer none): the presented dialog
 */
GtkWidget *
td_override_dialog_present (GtkWindow      *parent,
                            TdContext      *context,
                            TdPermission    permission,
                            TdOverrideDone  done,
                            gpointer        user_data)
{
  Override *o = g_new0 (Override, 1);
  g_autoptr(GPtrArray) staff = td_store_staff_list (td_context_get_database (context), FALSE,
                                                    NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *box, *pin;

  o->context = g_object_ref (context);
  o->permission = permission;
  o->done = done;
  o->user_data = user_data;
  o->approvers = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      TdStaff *s = staff->pdata[i];

      if (!s->has_pin || !td_permission_role_allows (s->role, permission) ||
          s->id == td_context_get_staff_id (context))
        continue;
      gtk_string_list_append (names, s->name);
      g_array_append_val (o->approvers, s->id);
    }

  /* Translators: %s is an act, e.g. "correct a consignor’s balance" */
  body = g_strdup_printf (_("Only a manager or the owner can %s. One of them approves it here "
                            "with their PIN, just this once; the approval is recorded."),
                          td_permission_get_label (permission));
  o->body = g_strdup (body);
  dialog = adw_message_dialog_new (parent, _("Approval Needed"), body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  o->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  pin = gtk_password_entry_new ();
  g_object_set (pin, "placeholder-text", _("Their PIN"), "activates-default", TRUE, NULL);
  o->pin = GTK_EDITABLE (pin);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (o->dropdown));
  gtk_box_append (GTK_BOX (box), pin);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "approve", _("_Approve"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "approve",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "approve");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "approve",
                                           o->approvers->len > 0);
  g_object_set_data_full (G_OBJECT (dialog), "td-override", o, (GDestroyNotify) override_free);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), o);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (pin);
  return dialog;
}
