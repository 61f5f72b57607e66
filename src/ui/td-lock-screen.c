/* td-lock-screen.c — the counter's lock: pick your name, type your PIN.
 *
 * Two modes: signing in (a shop with accounts), and the first run's owner account (a shop
 * with none: name, PIN, PIN again). The PIN pad types into the PIN field, and the keyboard
 * works the same way (digits, Backspace, Enter). The PIN is checked by the store, which counts
 * wrong PINs and locks the account out for a while after five.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-lock-screen"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "td-lock-screen.h"
#include "td-stock-error.h"
#include "td-store-audit-query.h"
#include "td-store-staff.h"

struct _TdLockScreen
{
  AdwBin          parent_instance;

  TdContext      *context;
  GArray         *staff_ids;     /* gint64, parallel to the dropdown's model */
  gboolean        setup;

  AdwStatusPage  *status_page;
  GtkStack       *mode_stack;
  GtkDropDown    *staff_dropdown;
  GtkEntry       *owner_name_entry;
  GtkPasswordEntry *pin_entry;
  GtkPasswordEntry *confirm_entry;
  GtkGrid        *pad;
  GtkLabel       *error_label;
  GtkButton      *unlock_button;
  GtkLabel       *hint_label;
};

G_DEFINE_FINAL_TYPE (TdLockScreen, td_lock_screen, ADW_TYPE_BIN)

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (TdLockScreen *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
clear_pins (TdLockScreen *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
}

static void
signed_in (TdLockScreen *self,
           gint64        staff_id)
{
  g_autoptr(GError) error = NULL;

  clear_pins (self);
  if (!td_context_set_staff (self->context, staff_id, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[UNLOCKED], 0, staff_id);
}

static void
unlock_cb (TdLockScreen *self)
{
  g_autoptr(GError) error = NULL;
  TdDatabase *db;
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_entry));
  gint64 staff_id = 0;

  if (self->context == NULL)
    return;
  db = td_context_get_database (self->context);

  if (self->setup)
    {
      const char *name = gtk_editable_get_text (GTK_EDITABLE (self->owner_name_entry));
      const char *again = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));

      if (g_strcmp0 (pin, again) != 0)
        {
          show_error (self, _("The two PINs differ. Type the same PIN twice."));
          gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->confirm_entry));
          return;
        }
      if (!td_store_staff_create_owner (db, name, pin, g_get_real_time (), &staff_id, &error))
        {
          GPtrArray *problems = error->domain == TD_STOCK_ERROR
                                ? td_stock_error_get_problems (error) : NULL;
          const TdFieldProblem *p = problems && problems->len > 0 ? problems->pdata[0] : NULL;

          show_error (self, p != NULL ? p->message : error->message);
          return;
        }
      signed_in (self, staff_id);
      td_lock_screen_reload (self);
      return;
    }

  {
    guint selected = gtk_drop_down_get_selected (self->staff_dropdown);

    if (self->staff_ids == NULL || selected >= self->staff_ids->len)
      return;
    staff_id = g_array_index (self->staff_ids, gint64, selected);
  }
  if (*pin == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      return;
    }
  if (!td_store_staff_verify_pin (db, staff_id, pin, g_get_real_time (), &error))
    {
      show_error (self, error->message);
      clear_pins (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      return;
    }
  signed_in (self, staff_id);
}

/* Only digits get into a PIN field. */
static void
digits_only_cb (GtkEditable *editable,
                const char  *text,
                int          length,
                int         *position,
                gpointer     user_data)
{
  if (length < 0)
    length = strlen (text);
  for (int i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      {
        g_signal_stop_emission_by_name (editable, "insert-text");
        gtk_widget_error_bell (GTK_WIDGET (editable));
        return;
      }
}

static gboolean
entry_has_focus (GtkPasswordEntry *entry)
{
  return gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry))));
}

/* The pad types where the keyboard would: the focused PIN field; in the owner form, the second
 * field once the first is filled and left. */
static GtkEditable *
pad_target (TdLockScreen *self)
{
  if (self->setup && entry_has_focus (self->confirm_entry))
    return GTK_EDITABLE (self->confirm_entry);
  if (self->setup && *gtk_editable_get_text (GTK_EDITABLE (self->pin_entry)) != '\0' &&
      !entry_has_focus (self->pin_entry))
    return GTK_EDITABLE (self->confirm_entry);
  return GTK_EDITABLE (self->pin_entry);
}

static void
pad_clicked_cb (GtkButton    *button,
                TdLockScreen *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "td-key");
  GtkEditable *target = pad_target (self);
  g_autofree char *text = g_strdup (gtk_editable_get_text (target));
  int pos;

  if (g_str_equal (key, "ok"))
    {
      unlock_cb (self);
      return;
    }
  if (g_str_equal (key, "back"))
    {
      if (*text != '\0')
        text[strlen (text) - 1] = '\0';
      gtk_editable_set_text (target, text);
    }
  else
    {
      pos = -1;
      gtk_editable_insert_text (target, key, -1, &pos);
    }
  gtk_editable_set_position (target, -1);
}

static void
build_pad (TdLockScreen *self)
{
  static const char *keys[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *button;

      if (g_str_equal (keys[i], "back"))
        {
          button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
          gtk_widget_set_tooltip_text (button, _("Delete the last digit"));
        }
      else if (g_str_equal (keys[i], "ok"))
        {
          button = gtk_button_new_from_icon_name ("go-next-symbolic");
          gtk_widget_set_tooltip_text (button, _("Unlock"));
          gtk_widget_add_css_class (button, "suggested-action");
        }
      else
        button = gtk_button_new_with_label (keys[i]);
      g_object_set_data (G_OBJECT (button), "td-key", (gpointer) keys[i]);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_set_size_request (button, 64, 40);
      gtk_widget_add_css_class (button, "td-pin-key");
      g_signal_connect (button, "clicked", G_CALLBACK (pad_clicked_cb), self);
      gtk_grid_attach (self->pad, button, i % 3, i / 3, 1, 1);
    }
}

static gboolean
is_demo_shop (TdDatabase *db)
{
  TdAuditFilter filter = { .kind = "demo.created" };
  g_autoptr(GPtrArray) rows = td_store_audit_query (db, &filter, 0, 1, NULL);

  return rows != NULL && rows->len > 0;
}

/**
 * td_lock_screen_reload:
 *
 * Re-reads the staff accounts: the sign-in list, or the owner form when there are none.
 */
void
td_lock_screen_reload (TdLockScreen *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  TdDatabase *db;
  gboolean has = FALSE;
  guint selected = 0;

  g_return_if_fail (TD_IS_LOCK_SCREEN (self));

  if (self->context == NULL)
    return;
  db = td_context_get_database (self->context);
  if (!td_store_staff_has_accounts (db, &has, &error))
    g_message ("Can’t read the staff accounts: %s", error->message);
  g_clear_error (&error);

  self->setup = !has;
  g_array_set_size (self->staff_ids, 0);
  if (has)
    staff = td_store_staff_list (db, FALSE, &error);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      TdStaff *s = staff->pdata[i];
      g_autofree char *label = NULL;

      if (!s->has_pin)
        continue;
      /* Translators: a staff member in the sign-in list: name (role) */
      label = g_strdup_printf (_("%s (%s)"), s->name, td_role_get_label (s->role));
      gtk_string_list_append (names, label);
      if (s->id == td_context_get_staff_id (self->context))
        selected = self->staff_ids->len;
      g_array_append_val (self->staff_ids, s->id);
    }
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->staff_dropdown, selected);

  gtk_stack_set_visible_child_name (self->mode_stack, self->setup ? "owner" : "sign-in");
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_entry), self->setup);
  if (self->setup)
    {
      adw_status_page_set_title (self->status_page, _("Create the Owner Account"));
      adw_status_page_set_description (self->status_page,
                                       _("The owner adds staff, sets their roles and sees the "
                                         "audit trail. Choose a PIN of 4 to 12 digits that only "
                                         "you know."));
      gtk_button_set_label (self->unlock_button, _("_Create Account"));
    }
  else
    {
      g_autofree char *shop = td_context_dup_shop_name (self->context);

      adw_status_page_set_title (self->status_page, shop);
      adw_status_page_set_description (self->status_page,
                                       _("Locked. Pick your name and type your PIN."));
      gtk_button_set_label (self->unlock_button, _("_Unlock"));
    }
  gtk_button_set_use_underline (self->unlock_button, TRUE);

  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), has && is_demo_shop (db));
  gtk_label_set_text (self->hint_label,
                      _("Demo shop PINs: 1111 owner, 2222 manager, 3333 and 4444 cashiers."));
  show_error (self, NULL);
  clear_pins (self);
}

gboolean
td_lock_screen_is_setup (TdLockScreen *self)
{
  g_return_val_if_fail (TD_IS_LOCK_SCREEN (self), FALSE);

  return self->setup;
}

void
td_lock_screen_grab_focus (TdLockScreen *self)
{
  g_return_if_fail (TD_IS_LOCK_SCREEN (self));

  if (self->setup && *gtk_editable_get_text (GTK_EDITABLE (self->owner_name_entry)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->owner_name_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

void
td_lock_screen_set_context (TdLockScreen *self,
                            TdContext    *context)
{
  g_return_if_fail (TD_IS_LOCK_SCREEN (self));
  g_return_if_fail (TD_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    td_lock_screen_reload (self);
}

static void
td_lock_screen_dispose (GObject *object)
{
  TdLockScreen *self = (TdLockScreen *)object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_LOCK_SCREEN);

  G_OBJECT_CLASS (td_lock_screen_parent_class)->dispose (object);
}

static void
td_lock_screen_class_init (TdLockScreenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_lock_screen_dispose;

  /**
   * TdLockScreen::unlocked:
   * @staff_id: who signed in (already set on the context)
   */
  signals[UNLOCKED] =
    g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thriftdesk/Thriftdesk/ui/td-lock-screen.ui");
  gtk_widget_class_bind_template_child (widget_class, TdLockScreen, status_page);
  gtk_widget_class_bind_template_child (widget_class, TdLockScreen, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, TdLockScreen, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdLockScreen, owner_name_entry);
  gtk_widget_class_bind_template_child (widget_class, TdLockScreen, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, TdLockScreen, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, TdLockScreen, pad);
  gtk_widget_class_bind_template_child (widget_class, TdLockScreen, error_label);
  gtk_widget_class_bind_template_child (widget_class, TdLockScreen, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, TdLockScreen, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, unlock_cb);
}

static void
td_lock_screen_init (TdLockScreen *self)
{
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  build_pad (self);
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->pin_entry)), "insert-text",
                    G_CALLBACK (digits_only_cb), NULL);
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->confirm_entry)),
                    "insert-text", G_CALLBACK (digits_only_cb), NULL);
}

TdLockScreen *
td_lock_screen_new (void)
{
  return g_object_new (TD_TYPE_LOCK_SCREEN, NULL);
}
