/* td-import-dialog.c — the preview of a CSV import.
 *
 * Shows how the file's columns are read, its first rows, and every problem as
 * "Row N, column: message"; Import is offered only when there is none, and then writes every
 * record in one transaction (td_import_commit()). The kind (consignors or items) is guessed
 * from the header and can be changed; the file is checked again at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-import-dialog.h"
#include "td-import.h"
#include "td-permission.h"

#define PREVIEW_ROWS 8
#define PREVIEW_CHARS 40
#define SHOWN_PROBLEMS 50

struct _TdImportDialog
{
  AdwWindow        parent_instance;

  TdContext       *context;
  GBytes          *contents;
  char            *file_name;
  TdImportPlan    *plan;

  AdwToastOverlay *toast_overlay;
  AdwComboRow     *kind_row;
  GtkLabel        *summary_label;
  GtkLabel        *problems_label;
  GtkGrid         *preview_grid;
  GtkLabel        *mapping_label;
};

G_DEFINE_FINAL_TYPE (TdImportDialog, td_import_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
cell (const char *text,
      gboolean    header)
{
  g_autofree char *shown = NULL;
  GtkWidget *label;

  /* One line per cell; long text is cut with an ellipsis. */
  shown = g_strdelimit (g_strdup (text ? text : ""), "\r\n", ' ');
  if (g_utf8_strlen (shown, -1) > PREVIEW_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (shown, PREVIEW_CHARS);
      *end = '\0';
      label = gtk_label_new (NULL);
      {
        g_autofree char *cut = g_strconcat (shown, "…", NULL);
        gtk_label_set_text (GTK_LABEL (label), cut);
      }
    }
  else
    label = gtk_label_new (shown);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
show_plan (TdImportDialog *self)
{
  GtkWidget *child;
  g_auto(GStrv) columns = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *mapping = NULL;
  g_autofree char *summary = NULL;
  guint n_records, n_problems;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  if (self->plan == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit", FALSE);
      gtk_label_set_text (self->mapping_label, "");
      return;
    }

  columns = td_import_plan_dup_columns (self->plan);
  for (guint c = 0; columns[c] != NULL; c++)
    gtk_grid_attach (self->preview_grid, cell (columns[c], TRUE), (int) c, 0, 1, 1);
  n_records = td_import_plan_get_n_records (self->plan);
  for (guint r = 0; r < MIN (n_records, PREVIEW_ROWS); r++)
    {
      const char * const *record = td_import_plan_get_record (self->plan, r);

      for (guint c = 0; record[c] != NULL; c++)
        gtk_grid_attach (self->preview_grid, cell (record[c], FALSE), (int) c, (int) r + 1, 1, 1);
    }

  n_problems = td_import_plan_get_n_problems (self->plan);
  for (guint i = 0; i < MIN (n_problems, SHOWN_PROBLEMS); i++)
    {
      const TdImportProblem *p = td_import_plan_get_problem (self->plan, i);

      if (p->column != NULL)
        /* Translators: a problem in the file: row number, column header, message */
        g_string_append_printf (problems, _("Row %u, %s: %s\n"), p->row, p->column, p->message);
      else
        g_string_append_printf (problems, _("Row %u: %s\n"), p->row, p->message);
    }
  if (n_problems > SHOWN_PROBLEMS)
    g_string_append_printf (problems, _("… and %u more.\n"), n_problems - SHOWN_PROBLEMS);
  g_strchomp (problems->str);
  gtk_label_set_text (self->problems_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), n_problems > 0);

  if (n_problems > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The file has %u problem. Correct the file and "
                                            "import it again; nothing is imported until every "
                                            "row is right.",
                                            "The file has %u problems. Correct the file and "
                                            "import it again; nothing is imported until every "
                                            "row is right.", n_problems), n_problems);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u record is ready to import.",
                                            "%u records are ready to import.", n_records),
                               n_records);
  gtk_label_set_text (self->summary_label, summary);

  mapping = td_import_plan_dup_mapping (self->plan);
  g_strchomp (mapping);
  {
    /* Translators: followed by lines "file column → field" */
    g_autofree char *text = g_strconcat (_("How the columns are read:"), "\n", mapping, NULL);
    gtk_label_set_text (self->mapping_label, text);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit",
                                 n_problems == 0 && n_records > 0);
}

static void
prepare (TdImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  TdImportKind kind = adw_combo_row_get_selected (self->kind_row) == 0 ? TD_IMPORT_CONSIGNORS
                                                                       : TD_IMPORT_ITEMS;
  gsize size = 0;
  const char *data = g_bytes_get_data (self->contents, &size);

  g_clear_pointer (&self->plan, td_import_plan_free);
  self->plan = td_import_prepare (td_context_get_database (self->context), kind, data, size,
                                  &error);
  if (self->plan == NULL)
    {
      gtk_label_set_text (self->summary_label, _("This file can’t be imported."));
      gtk_label_set_text (self->problems_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_label), TRUE);
    }
  show_plan (self);
}

static void
kind_selected_cb (TdImportDialog *self)
{
  if (self->contents != NULL)
    prepare (self);
}

static void
commit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdImportDialog *self = TD_IMPORT_DIALOG (widget);
  TdDatabase *db = td_context_get_database (self->context);
  gint64 staff_id = td_context_get_staff_id (self->context);
  gint64 now_us = g_get_real_time ();
  g_autoptr(GError) error = NULL;
  guint written = 0;

  if (self->plan == NULL)
    return;
  if (!td_store_authorize (db, staff_id, TD_PERMISSION_IMPORT_EXPORT, NULL, now_us, &error) ||
      !td_import_commit (db, self->plan, staff_id, now_us, &written, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_debug ("Imported %u records from %s", written, self->file_name);
  td_context_reload (self->context);
  gtk_window_close (GTK_WINDOW (self));
}

static void
td_import_dialog_dispose (GObject *object)
{
  TdImportDialog *self = (TdImportDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->context);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->plan, td_import_plan_free);

  G_OBJECT_CLASS (td_import_dialog_parent_class)->dispose (object);
}

static void
td_import_dialog_finalize (GObject *object)
{
  TdImportDialog *self = (TdImportDialog *)object;

  g_free (self->file_name);

  G_OBJECT_CLASS (td_import_dialog_parent_class)->finalize (object);
}

static void
td_import_dialog_class_init (TdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_import_dialog_dispose;
  object_class->finalize = td_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, TdImportDialog, mapping_label);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_install_action (widget_class, "import.commit", NULL, commit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_import_dialog_init (TdImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A file whose header names a SKU or price lists items; anything else, consignors. */
static gboolean
looks_like_items (GBytes *contents)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (contents, &size);
  const char *end = memchr (data, '\n', size);
  g_autofree char *header = g_ascii_strdown (data, end ? end - data : (gssize) MIN (size, 4096));

  return strstr (header, "sku") != NULL || strstr (header, "price") != NULL ||
         strstr (header, "item") != NULL || strstr (header, "title") != NULL;
}

/**
 * td_import_dialog_new:
 * @context: the open shop
 * @file_name: the file's name, for the title
 * @contents: the file's bytes
 *
 * Returns: (transfer full): the preview, already checked against the shop
 */
TdImportDialog *
td_import_dialog_new (TdContext  *context,
                      const char *file_name,
                      GBytes     *contents)
{
  TdImportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  self = g_object_new (TD_TYPE_IMPORT_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->file_name = g_strdup (file_name);
  /* Translators: %s is the CSV file's name */
  title = g_strdup_printf (_("Import “%s”"), file_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_combo_row_set_selected (self->kind_row, looks_like_items (contents) ? 1 : 0);
  self->contents = g_bytes_ref (contents);
  prepare (self);
  return self;
}
