/* td-intake-page-owner.c — the start of an intake: whose bag it is. A consignor found by code
 * or name (Enter takes the best match, Down goes to the list), a new consignor created on the
 * spot, or stock the shop bought outright or was given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-intake"

#include "config.h"

#include <glib/gi18n.h>

#include "td-intake-page-private.h"
#include "td-store-catalogue.h"
#include "td-store-consignors.h"

/* Consignors listed: with nothing typed, few enough that the other choices show too. */
#define MAX_OWNER_MATCHES 8
#define MAX_OWNER_LISTED  5

typedef enum
{
  OWNER_CONSIGNOR,
  OWNER_NEW_CONSIGNOR,
  OWNER_BOUGHT,
  OWNER_DONATED,
} OwnerKind;

static GtkWidget *
owner_row_new (OwnerKind   kind,
               gint64      consignor_id,
               const char *title,
               const char *subtitle,
               const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "td-owner-kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), "td-consignor-id", g_memdup2 (&consignor_id,
                                                                        sizeof consignor_id),
                          g_free);
  return row;
}

static void
refill_owner_list (TdIntakePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->consignor_entry));
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->owner_list))) != NULL)
    gtk_list_box_remove (self->owner_list, child);

  g_clear_pointer (&self->owner_matches, g_array_unref);
  if (self->context == NULL)
    return;
  self->owner_matches = td_store_catalogue_find_consignors (td_intake_page_get_db (self), text,
                                                           text[0] != '\0' ? MAX_OWNER_MATCHES
                                                                          : MAX_OWNER_LISTED,
                                                           &error);
  if (self->owner_matches == NULL)
    g_warning ("Could not find consignors: %s", error->message);

  for (guint i = 0; self->owner_matches != NULL && i < self->owner_matches->len; i++)
    {
      const TdConsignorMatch *match = &g_array_index (self->owner_matches, TdConsignorMatch, i);
      g_autofree char *subtitle = match->phone[0] != '\0'
                                  ? g_strdup_printf ("%s · %s", match->code, match->phone)
                                  : g_strdup (match->code);

      gtk_list_box_append (self->owner_list,
                           owner_row_new (OWNER_CONSIGNOR, match->id, match->name, subtitle,
                                          "td-consignors-symbolic"));
    }
  gtk_list_box_append (self->owner_list,
                       owner_row_new (OWNER_NEW_CONSIGNOR, 0, _("New Consignor…"),
                                      _("Their code, name and phone; the usual terms"),
                                      "list-add-symbolic"));
  gtk_list_box_append (self->owner_list,
                       owner_row_new (OWNER_BOUGHT, 0, _("Bought Outright"),
                                      _("The shop’s own stock; the cost is recorded"),
                                      "td-sell-symbolic"));
  gtk_list_box_append (self->owner_list,
                       owner_row_new (OWNER_DONATED, 0, _("Donated"),
                                      _("Given to the shop"), "emblem-favorite-symbolic"));

  /* With something typed, Enter takes the best match. */
  if (text[0] != '\0')
    gtk_list_box_select_row (self->owner_list, gtk_list_box_get_row_at_index (self->owner_list, 0));
}

static void
consignor_search_changed_cb (TdIntakePage *self)
{
  refill_owner_list (self);
}

static void
show_new_consignor (TdIntakePage *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->consignor_entry));

  gtk_editable_set_text (GTK_EDITABLE (self->new_code_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_name_row), typed);
  gtk_editable_set_text (GTK_EDITABLE (self->new_phone_row), "");
  td_intake_page_clear_problems (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "new-consignor");
  gtk_widget_grab_focus (GTK_WIDGET (self->new_code_row));
}

static void
owner_row_activated_cb (TdIntakePage  *self,
                        GtkListBoxRow *row)
{
  OwnerKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "td-owner-kind"));
  gint64 *consignor_id = g_object_get_data (G_OBJECT (row), "td-consignor-id");
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  switch (kind)
    {
    case OWNER_CONSIGNOR:
      ok = td_intake_page_start (self, TD_ACQUISITION_CONSIGNED, *consignor_id, &error);
      break;
    case OWNER_NEW_CONSIGNOR:
      show_new_consignor (self);
      break;
    case OWNER_BOUGHT:
      ok = td_intake_page_start (self, TD_ACQUISITION_BOUGHT, 0, &error);
      break;
    case OWNER_DONATED:
      ok = td_intake_page_start (self, TD_ACQUISITION_DONATED, 0, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    td_intake_page_toast (self, error->message);
}

static void
consignor_entry_activate_cb (TdIntakePage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->owner_list);

  if (row != NULL)
    owner_row_activated_cb (self, row);
}

static gboolean
consignor_entry_key_cb (TdIntakePage          *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  row = gtk_list_box_get_selected_row (self->owner_list);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->owner_list, 0);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  return row != NULL;
}

static void
choose_owner_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TdIntakePage *self = TD_INTAKE_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->consignor_entry), "");
  refill_owner_list (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "start");
  gtk_widget_grab_focus (GTK_WIDGET (self->consignor_entry));
}

static const char * const consignor_fields[] = { TD_FIELD_CODE, TD_FIELD_NAME };

static void
create_consignor_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TdIntakePage *self = TD_INTAKE_PAGE (widget);
  g_auto(TdConsignorDraft) draft = { 0 };
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gint64 consignor_id = 0;

  td_consignor_draft_init (&draft);
  draft.code = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_code_row)));
  draft.name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_name_row)));
  draft.phone = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_phone_row)));

  problems = td_store_consignors_validate (td_intake_page_get_db (self), 0, &draft, &error);
  if (problems == NULL ||
      (!td_intake_page_show_problems (self, problems, consignor_fields,
                                      G_N_ELEMENTS (consignor_fields)) &&
       !td_store_consignors_create (td_intake_page_get_db (self), &draft, 0, g_get_real_time (),
                                    &consignor_id, &error)))
    {
      g_autoptr(GPtrArray) refused = error != NULL ? td_stock_error_get_problems (error) : NULL;

      if (refused == NULL ||
          !td_intake_page_show_problems (self, refused, consignor_fields,
                                         G_N_ELEMENTS (consignor_fields)))
        td_intake_page_toast (self, error->message);
      return;
    }
  if (consignor_id == 0)
    return;  /* problems are shown */

  if (!td_intake_page_start (self, TD_ACQUISITION_CONSIGNED, consignor_id, &error))
    td_intake_page_toast (self, error->message);
}

static void
new_consignor_activated_cb (TdIntakePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "intake.create-consignor", NULL);
}

void
td_intake_page_class_init_owner (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, consignor_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, consignor_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_consignor_activated_cb);

  gtk_widget_class_install_action (widget_class, "intake.choose-owner", NULL,
                                   choose_owner_action);
  gtk_widget_class_install_action (widget_class, "intake.create-consignor", NULL,
                                   create_consignor_action);
}

void
td_intake_page_init_owner (TdIntakePage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (consignor_entry_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->consignor_entry), keys);
}
