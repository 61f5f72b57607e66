/* td-override-dialog.c — "Ask a manager": an approver's PIN for one act.
 *
 * area: a message dialog listing the staff whose role allows the act, and a PIN field. The
 * store checks the PIN (rate-limited, audited as `permission.override`) and leaves a one-shot
 * grant; the caller then simply retries its act with the signed-in staff id.
 *
 * td_override_offer() is THE way a refused act offers this: the refusal in plain words with
 * "Ask a Manager…", the PIN dialog, then the act once more (and any grant it left unused is
 * taken back, so an approval never outlives the act it was given for). Acts only the owner
 * may do (staff, restore, marketplace accounts, the audit trail) are never offered.
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
  guint           permissions; /* TD_OVERRIDE_MASK () */
  TdOverrideDone  done;
  void          (*done_full) (gboolean granted, gint64 approver_id, gpointer user_data);
  gpointer        user_data;
  GArray         *approvers;   /* gint64 */
  GtkDropDown    *dropdown;
  GtkEditable    *pin;
  char           *body;        /* what is asked, kept above any error */
  gint64          approver_id; /* who approved */
  gboolean        answered;
} Override;

static void answer (Override *o,
                    gboolean  granted);

static void
override_free (Override *o)
{
  /* Closed without an answer (e.g. the counter was locked and someone else signed in). */
  answer (o, FALSE);
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
  if (o->done_full != NULL)
    o->done_full (granted, o->approver_id, o->user_data);
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
  /* One audited approval per act named; a wrong PIN stops at the first and writes none. */
  for (TdPermission p = 0; p < TD_N_PERMISSIONS && error == NULL; p++)
    if ((o->permissions & TD_OVERRIDE_MASK (p)) != 0)
      td_store_authorize (td_context_get_database (o->context),
                          td_context_get_staff_id (o->context), p, &override,
                          g_get_real_time (), &error);
  if (error != NULL)
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", o->body, error->message);

      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
      gtk_editable_set_text (o->pin, "");
      return FALSE;
    }
  /* Closed before the act is retried: the act may close the window the dialog is over. */
  o->approver_id = override.approver_id;
  g_signal_handlers_disconnect_by_data (dialog, o);
  g_object_steal_data (G_OBJECT (dialog), "td-override");
  close_dialog (dialog);
  answer (o, TRUE);
  override_free (o);
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

/* What the approver allows, in words: "give a discount above the cashier limit and price an
 * item below the consignor’s minimum". */
static char *
acts_label (guint permissions)
{
  g_autofree char *text = NULL;

  for (TdPermission p = 0; p < TD_N_PERMISSIONS; p++)
    if ((permissions & TD_OVERRIDE_MASK (p)) != 0)
      {
        char *joined;

        if (text == NULL)
          joined = g_strdup (td_permission_get_label (p));
        else
          /* Translators: two acts that need a manager, e.g. "void a sale and pay a
           * consignor out" */
          joined = g_strdup_printf (_("%s and %s"), text, td_permission_get_label (p));
        g_free (text);
        text = joined;
      }
  return g_steal_pointer (&text);
}

static GtkWidget *
present (GtkWindow      *parent,
         TdContext      *context,
         guint           permissions,
         Override       *o)
{
  g_autoptr(GPtrArray) staff = td_store_staff_list (td_context_get_database (context), FALSE,
                                                    NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  g_autofree char *acts = acts_label (permissions);
  GtkWidget *dialog, *box, *pin;

  o->context = g_object_ref (context);
  o->permissions = permissions;
  o->approvers = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      TdStaff *s = staff->pdata[i];
      gboolean allowed = s->has_pin && s->id != td_context_get_staff_id (context);

      for (TdPermission p = 0; p < TD_N_PERMISSIONS && allowed; p++)
        if ((permissions & TD_OVERRIDE_MASK (p)) != 0 && !td_permission_role_allows (s->role, p))
          allowed = FALSE;
      if (!allowed)
        continue;
      gtk_string_list_append (names, s->name);
      g_array_append_val (o->approvers, s->id);
    }

  /* Translators: %s is an act, e.g. "correct a consignor’s balance" */
  body = g_strdup_printf (_("Only a manager or the owner can %s. One of them approves it here "
                            "with their PIN, just this once; the approval is recorded."),
                          acts != NULL ? acts : "");
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
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "approve",
                                           o->approvers->len > 0);
  g_object_set_data_full (G_OBJECT (dialog), "td-override", o, (GDestroyNotify) override_free);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), o);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (pin);
  return dialog;
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

  o->done = done;
  o->user_data = user_data;
  return present (parent, context, TD_OVERRIDE_MASK (permission), o);
}

static GtkWidget *
present_full (GtkWindow *parent,
              TdContext *context,
              guint      permissions,
              void     (*done_full) (gboolean, gint64, gpointer),
              gpointer   user_data)
{
  Override *o = g_new0 (Override, 1);

  o->done_full = done_full;
  o->user_data = user_data;
  return present (parent, context, permissions, o);
}

/* Offering ------------------------------------------------------------------------------------ */

typedef struct
{
  GtkWidget       *owner;       /* weak */
  TdContext       *context;
  guint            permissions;
  TdOverrideRetry  retry;
  gpointer         user_data;
  GDestroyNotify   destroy;
} Offer;

static void
offer_free (Offer *offer)
{
  g_clear_weak_pointer (&offer->owner);
  g_clear_object (&offer->context);
  if (offer->destroy != NULL)
    offer->destroy (offer->user_data);
  g_free (offer);
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
offer_approved_cb (gboolean granted,
                   gint64   approver_id,
                   gpointer user_data)
{
  Offer *offer = user_data;

  /* The approval was for this act, by this staff member: nothing if either went meanwhile
   * (the window closed, or the counter was locked and someone else signed in). */
  if (granted && offer->owner != NULL && offer->context != NULL)
    {
      TdDatabase *db = td_context_get_database (offer->context);
      gint64 staff_id = td_context_get_staff_id (offer->context);

      offer->retry (offer->owner, approver_id, offer->user_data);
      /* A grant the act did not use (it failed for another reason, or needed less) goes. */
      for (TdPermission p = 0; p < TD_N_PERMISSIONS; p++)
        if ((offer->permissions & TD_OVERRIDE_MASK (p)) != 0)
          td_store_authorize (db, staff_id, p, NULL, g_get_real_time (), NULL);
    }
  offer_free (offer);
}

static void
refusal_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Offer            *offer)
{
  if (g_strcmp0 (response, "ask") != 0 || offer->owner == NULL)
    return;   /* the dialog frees the offer */
  g_object_steal_data (G_OBJECT (dialog), "td-override-offer");
  present_full (window_of (offer->owner), offer->context, offer->permissions,
                offer_approved_cb, offer);
}

/**
 * td_override_can_offer:
 * @permissions: TD_OVERRIDE_MASK () of the refused acts
 *
 * Whether someone is signed in and a manager may approve every one of @permissions (acts only
 * the owner may do are not approved on the spot).
 */
gboolean
td_override_can_offer (TdContext *context,
                       guint      permissions)
{
  g_return_val_if_fail (TD_IS_CONTEXT (context), FALSE);

  if (permissions == 0 || td_context_get_staff_id (context) <= 0)
    return FALSE;
  for (TdPermission p = 0; p < TD_N_PERMISSIONS; p++)
    if ((permissions & TD_OVERRIDE_MASK (p)) != 0 &&
        !td_permission_role_allows (TD_ROLE_MANAGER, p))
      return FALSE;
  return (permissions >> TD_N_PERMISSIONS) == 0;
}

/**
 * td_override_offer:
 * @owner: the widget whose act was refused; its window is the dialogs' parent, and the act is
 *   not retried once it is gone
 * @heading: the refusal's heading, e.g. "Sale Not Completed"
 * @refusal: what the store said (shown as it is)
 * @permissions: TD_OVERRIDE_MASK () of the acts a manager would approve
 * @retry: does the act again after the approval
 * @destroy: (nullable): frees @user_data, at the end whatever happens
 *
 * Shows the refusal with "Ask a Manager…" next to Close; asking opens the PIN dialog, and a
 * right PIN runs @retry once. Returns %FALSE, and frees @user_data at once, when no manager
 * may approve (td_override_can_offer()): the caller shows the refusal its usual way.
 */
gboolean
td_override_offer (GtkWidget       *owner,
                   TdContext       *context,
                   const char      *heading,
                   const GError    *refusal,
                   guint            permissions,
                   TdOverrideRetry  retry,
                   gpointer         user_data,
                   GDestroyNotify   destroy)
{
  Offer *offer;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), FALSE);
  g_return_val_if_fail (refusal != NULL, FALSE);
  g_return_val_if_fail (retry != NULL, FALSE);

  if (!td_override_can_offer (context, permissions))
    {
      if (destroy != NULL)
        destroy (user_data);
      return FALSE;
    }
  offer = g_new0 (Offer, 1);
  g_set_weak_pointer (&offer->owner, owner);
  offer->context = g_object_ref (context);
  offer->permissions = permissions;
  offer->retry = retry;
  offer->user_data = user_data;
  offer->destroy = destroy;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window_of (owner), heading,
                                                       refusal->message));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"),
                                    "ask", _("_Ask a Manager…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "ask", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "ask");
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "td-override-offer", offer,
                          (GDestroyNotify) offer_free);
  g_signal_connect (dialog, "response", G_CALLBACK (refusal_response_cb), offer);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
