/* td-staff-page.c — Preferences › Staff: accounts, roles, PINs, the counter lock, secrets.
 *
 * area: the page shows everyone to everyone, but only an owner can change accounts: the
 * buttons are off for others, and the store refuses (td_store_staff_*() check
 * TD_PERMISSION_MANAGE_STAFF) whatever gets through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-staff-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-secrets.h"
#include "td-staff-page.h"
#include "td-stock-error.h"
#include "td-store-staff.h"

struct _TdStaffPage
{
  AdwPreferencesPage  parent_instance;

  TdContext          *context;

  GtkButton          *add_button;
  GtkListBox         *staff_list;
  GtkLabel           *owner_only_label;
  GtkSpinButton      *lock_minutes;
  AdwActionRow       *secrets_row;
  GtkImage           *secrets_icon;
};

G_DEFINE_FINAL_TYPE (TdStaffPage, td_staff_page, ADW_TYPE_PREFERENCES_PAGE)

/* The dialog's fields hang on the dialog as data. */
#define FIELD_NAME   "td-name"
#define FIELD_ROLE   "td-role"
#define FIELD_PIN    "td-pin"
#define FIELD_ACTIVE "td-active"
#define FIELD_ID     "td-staff-id"

static void
show_problem (TdStaffPage  *self,
              const GError *error)
{
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *message = error->message;
  GPtrArray *problems = error->domain == TD_STOCK_ERROR ? td_stock_error_get_problems (error)
                                                        : NULL;

  if (problems != NULL && problems->len > 0)
    message = ((TdFieldProblem *) problems->pdata[0])->message;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Not Saved"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
td_staff_page_save (TdStaffPage *self,
                    GtkWidget   *dialog)
{
  TdDatabase *db = td_context_get_database (self->context);
  gint64 by = td_context_get_staff_id (self->context);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), FIELD_ID));
  const char *name = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), FIELD_NAME));
  const char *pin = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), FIELD_PIN));
  TdRole role = (TdRole) gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (dialog),
                                                                        FIELD_ROLE));
  gboolean active = gtk_switch_get_active (g_object_get_data (G_OBJECT (dialog), FIELD_ACTIVE));
  gint64 now = g_get_real_time ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (id == 0)
    ok = td_store_staff_create (db, by, name, role, pin, now, &id, &error);
  else
    {
      ok = td_store_staff_update (db, by, id, name, role, now, &error);
      if (ok && *pin != '\0')
        ok = td_store_staff_set_pin (db, by, id, pin, now, &error);
      if (ok)
        ok = td_store_staff_set_active (db, by, id, active, now, &error);
    }
  if (!ok)
    {
      show_problem (self, error);
      return FALSE;
    }
  td_staff_page_reload (self);
  return TRUE;
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TdStaffPage      *self)
{
  if (g_strcmp0 (response, "save") == 0)
    td_staff_page_save (self, GTK_WIDGET (dialog));
}

/**
 * td_staff_page_edit:
 * @staff_id: the account to edit, or 0 for a new one
 *
 * Returns: (transfer none): the presented dialog
 */
GtkWidget *
td_staff_page_edit (TdStaffPage *self,
                    gint64       staff_id)
{
  g_autoptr(TdStaff) staff = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *box, *name, *role, *pin, *active_box, *active;
  const char *roles[] = { NULL, NULL, NULL, NULL };

  g_return_val_if_fail (TD_IS_STAFF_PAGE (self), NULL);

  if (staff_id > 0)
    staff = td_store_staff_get (td_context_get_database (self->context), staff_id, NULL);
  for (TdRole r = TD_ROLE_CASHIER; r <= TD_ROLE_OWNER; r++)
    roles[r] = td_role_get_label (r);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   staff ? _("Edit Staff Member") : _("New Staff Member"),
                                   staff ? _("Leave the PIN empty to keep it.")
                                         : _("They sign in at the counter with this PIN."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  name = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (name), _("Name"));
  role = gtk_drop_down_new_from_strings (roles);
  pin = gtk_password_entry_new ();
  g_object_set (pin, "placeholder-text", _("PIN, 4 to 12 digits"), NULL);
  active_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  active = gtk_switch_new ();
  gtk_box_append (GTK_BOX (active_box), gtk_label_new (_("Can sign in")));
  gtk_box_append (GTK_BOX (active_box), active);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), role);
  gtk_box_append (GTK_BOX (box), pin);
  gtk_box_append (GTK_BOX (box), active_box);
  gtk_widget_set_visible (active_box, staff != NULL);
  gtk_switch_set_active (GTK_SWITCH (active), staff ? staff->active : TRUE);
  gtk_editable_set_text (GTK_EDITABLE (name), staff ? staff->name : "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role), staff ? staff->role : TD_ROLE_CASHIER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), FIELD_NAME, name);
  g_object_set_data (G_OBJECT (dialog), FIELD_ROLE, role);
  g_object_set_data (G_OBJECT (dialog), FIELD_PIN, pin);
  g_object_set_data (G_OBJECT (dialog), FIELD_ACTIVE, active);
  g_object_set_data (G_OBJECT (dialog), FIELD_ID, GSIZE_TO_POINTER ((gsize) staff_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_cb (TdStaffPage *self)
{
  td_staff_page_edit (self, 0);
}

static void
edit_clicked_cb (GtkButton   *button,
                 TdStaffPage *self)
{
  td_staff_page_edit (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), FIELD_ID)));
}

static void
load_secrets (TdStaffPage *self)
{
  TdSecrets *secrets = td_context_get_secrets (self->context);

  td_secrets_probe (secrets);
  if (td_secrets_is_fallback (secrets))
    {
      g_autofree char *text = g_strdup_printf (
        _("No desktop keyring is available, so they are kept in a private file (only your "
          "user can read it): %s. Anyone who copies that file can sign receipts."),
        td_secrets_get_fallback_path (secrets));

      adw_action_row_set_subtitle (self->secrets_row, text);
      gtk_image_set_from_icon_name (self->secrets_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->secrets_row), "warning");
    }
  else
    {
      adw_action_row_set_subtitle (self->secrets_row, _("In the desktop keyring."));
      gtk_image_set_from_icon_name (self->secrets_icon, "channel-secure-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->secrets_row), "warning");
    }
}

void
td_staff_page_reload (TdStaffPage *self)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  gboolean may = td_context_staff_can (self->context, TD_PERMISSION_MANAGE_STAFF);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list))) != NULL)
    gtk_list_box_remove (self->staff_list, child);

  staff = td_store_staff_list (td_context_get_database (self->context), TRUE, &error);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      TdStaff *s = staff->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      g_autofree char *subtitle = NULL;

      subtitle = g_strdup_printf ("%s%s%s", td_role_get_label (s->role),
                                  s->active ? "" : _(" · switched off"),
                                  s->has_pin ? "" : _(" · no PIN yet"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit"));
      gtk_widget_set_sensitive (edit, may);
      g_object_set_data (G_OBJECT (edit), FIELD_ID, GSIZE_TO_POINTER ((gsize) s->id));
      g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      gtk_list_box_append (self->staff_list, row);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), may);
  gtk_widget_set_visible (GTK_WIDGET (self->owner_only_label), !may);
  load_secrets (self);
}

static void
td_staff_page_dispose (GObject *object)
{
  TdStaffPage *self = (TdStaffPage *)object;

  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_STAFF_PAGE);

  G_OBJECT_CLASS (td_staff_page_parent_class)->dispose (object);
}

static void
td_staff_page_class_init (TdStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_staff_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thriftdesk/Thriftdesk/ui/td-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdStaffPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, TdStaffPage, staff_list);
  gtk_widget_class_bind_template_child (widget_class, TdStaffPage, owner_only_label);
  gtk_widget_class_bind_template_child (widget_class, TdStaffPage, lock_minutes);
  gtk_widget_class_bind_template_child (widget_class, TdStaffPage, secrets_row);
  gtk_widget_class_bind_template_child (widget_class, TdStaffPage, secrets_icon);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
}

static void
td_staff_page_init (TdStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TdStaffPage *
td_staff_page_new (TdContext *context)
{
  TdStaffPage *self;
  GSettings *settings;

  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  self = g_object_new (TD_TYPE_STAFF_PAGE, NULL);
  self->context = g_object_ref (context);
  settings = td_context_get_settings (context);
  if (settings != NULL)
    g_settings_bind (settings, "lock-after-minutes", self->lock_minutes, "value",
                     G_SETTINGS_BIND_DEFAULT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lock_minutes),
                            settings != NULL &&
                            td_context_staff_can (context, TD_PERMISSION_EDIT_PREFERENCES));
  td_staff_page_reload (self);
  return self;
}
