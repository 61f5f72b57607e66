/* td-audit-window.c — the audit trail viewer, for the owner.
 *
 * area: filters (dates, staff, kind, text) become one TdAuditFilter; rows are read a page at a
 * time (td_store_audit_query(), keyset on the id), so a shop with years of history opens at
 * once; "Show Older" reads the next page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "td-audit-entry.h"
#include "td-audit-window.h"
#include "td-store-audit-query.h"
#include "td-store-staff.h"

struct _TdAuditWindow
{
  AdwWindow       parent_instance;

  TdContext      *context;
  GArray         *staff_ids;   /* gint64; index 0 is "everyone" (0) */
  GStrv           kinds;       /* index 0 of the dropdown is "all kinds" */
  gint64          last_id;
  gboolean        loading_filters;

  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkDropDown    *staff_dropdown;
  GtkDropDown    *kind_dropdown;
  GtkSearchEntry *search_entry;
  GtkLabel       *problem_label;
  GtkColumnView  *column_view;
  GListStore     *entries;
  GtkLabel       *count_label;
  GtkButton      *more_button;
};

G_DEFINE_FINAL_TYPE (TdAuditWindow, td_audit_window, ADW_TYPE_WINDOW)

/* A day typed as YYYY-MM-DD, as local midnight in UTC µs; @end_of_day gives the next
 * midnight (an inclusive "to" day). 0 for an empty entry; -1 for one that can't be read. */
static gint64
parse_day (GtkEntry *entry,
           gboolean  end_of_day)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  int y, m, d;
  char tail;
  g_autoptr(GDateTime) day = NULL;

  if (*text == '\0')
    return 0;
  if (sscanf (text, "%d-%d-%d%c", &y, &m, &d, &tail) != 3)
    return -1;
  day = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (day == NULL)
    return -1;
  if (end_of_day)
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
    }
  return g_date_time_to_unix (day) * G_USEC_PER_SEC;
}

static void
update_count (TdAuditWindow *self,
              gboolean       more)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *text = NULL;

  if (more)
    /* Translators: the audit viewer's footer; more rows can be shown */
    text = g_strdup_printf (ngettext ("%u act shown, older ones follow",
                                      "%u acts shown, older ones follow", n), n);
  else
    text = g_strdup_printf (ngettext ("%u act", "%u acts", n), n);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), more);
}

static void
load_page (TdAuditWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  TdAuditFilter filter = { 0 };
  guint staff = gtk_drop_down_get_selected (self->staff_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  filter.from_us = parse_day (self->from_entry, FALSE);
  filter.to_us = parse_day (self->to_entry, TRUE);
  if (filter.from_us < 0 || filter.to_us < 0)
    {
      gtk_label_set_text (self->problem_label,
                          _("Type dates as year-month-day, for example 2024-03-01."));
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  if (staff != GTK_INVALID_LIST_POSITION && staff < self->staff_ids->len)
    filter.staff_id = g_array_index (self->staff_ids, gint64, staff);
  if (kind != GTK_INVALID_LIST_POSITION && kind > 0 && self->kinds != NULL &&
      kind - 1 < g_strv_length (self->kinds))
    filter.kind = self->kinds[kind - 1];
  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  rows = td_store_audit_query (td_context_get_database (self->context), &filter, self->last_id,
                               TD_AUDIT_WINDOW_PAGE, &error);
  if (rows == NULL)
    {
      gtk_label_set_text (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, td_audit_entry_new (rows->pdata[i]));
  if (rows->len > 0)
    self->last_id = ((TdAuditRow *) rows->pdata[rows->len - 1])->id;
  g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)), 0,
                       items->pdata, items->len);
  update_count (self, rows->len == TD_AUDIT_WINDOW_PAGE);
}

static void
filter_changed_cb (TdAuditWindow *self)
{
  if (self->context == NULL || self->loading_filters)
    return;
  self->last_id = 0;
  g_list_store_remove_all (self->entries);
  load_page (self);
}

static void
more_cb (TdAuditWindow *self)
{
  load_page (self);
}

static void
load_filters (TdAuditWindow *self)
{
  TdDatabase *db = td_context_get_database (self->context);
  g_autoptr(GtkStringList) staff_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) staff = td_store_staff_list (db, TRUE, NULL);
  gint64 everyone = 0;

  self->loading_filters = TRUE;
  g_array_set_size (self->staff_ids, 0);
  gtk_string_list_append (staff_names, _("Everyone"));
  g_array_append_val (self->staff_ids, everyone);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      TdStaff *s = staff->pdata[i];

      gtk_string_list_append (staff_names, s->name);
      g_array_append_val (self->staff_ids, s->id);
    }
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (staff_names));

  g_clear_pointer (&self->kinds, g_strfreev);
  self->kinds = td_store_audit_list_kinds (db, NULL);
  gtk_string_list_append (kind_names, _("All kinds"));
  for (guint i = 0; self->kinds != NULL && self->kinds[i] != NULL; i++)
    gtk_string_list_append (kind_names, self->kinds[i]);
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_names));
  self->loading_filters = FALSE;
}

guint
td_audit_window_count (TdAuditWindow *self)
{
  g_return_val_if_fail (TD_IS_AUDIT_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->entries));
}

static void
td_audit_window_dispose (GObject *object)
{
  TdAuditWindow *self = (TdAuditWindow *)object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_clear_pointer (&self->kinds, g_strfreev);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_AUDIT_WINDOW);

  G_OBJECT_CLASS (td_audit_window_parent_class)->dispose (object);
}

static void
td_audit_window_class_init (TdAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_audit_window_dispose;

  g_type_ensure (TD_TYPE_AUDIT_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thriftdesk/Thriftdesk/ui/td-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdAuditWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TdAuditWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TdAuditWindow, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdAuditWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdAuditWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdAuditWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TdAuditWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, TdAuditWindow, entries);
  gtk_widget_class_bind_template_child (widget_class, TdAuditWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, TdAuditWindow, more_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_audit_window_init (TdAuditWindow *self)
{
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * td_audit_window_new:
 * @context: the open shop; the caller has checked %TD_PERMISSION_VIEW_AUDIT
 *
 * Returns: (transfer full): the viewer, showing the newest page
 */
TdAuditWindow *
td_audit_window_new (TdContext *context)
{
  TdAuditWindow *self;

  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  self = g_object_new (TD_TYPE_AUDIT_WINDOW, NULL);
  self->context = g_object_ref (context);
  load_filters (self);
  filter_changed_cb (self);
  return self;
}
