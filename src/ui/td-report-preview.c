/* td-report-preview.c — a PDF shown page by page (poppler-glib) before it is saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <poppler.h>
#include <string.h>

#include "td-pdf-print.h"
#include "td-reports-page.h"

#define PREVIEW_SCALE 1.25

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GtkWindow               *window)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* said once, whether run() returned the error or "done" brought it */
  if (result != GTK_PRINT_OPERATION_RESULT_ERROR ||
      g_object_get_data (G_OBJECT (operation), "td-said") != NULL)
    return;
  g_object_set_data (G_OBJECT (operation), "td-said", GINT_TO_POINTER (1));
  gtk_print_operation_get_error (operation, &error);
  g_message ("printing the report: %s", error != NULL ? error->message : "?");
  /* Translators: %s says what went wrong, in a sentence */
  body = g_strdup_printf (_("Nothing was printed. %s"), error != NULL ? error->message : "");
  dialog = adw_message_dialog_new (window, _("The Report Could Not Be Printed"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The print dialog, then every page of the very PDF shown, at its own size when the printer
 * has that paper (td-pdf-print.c). */
static void
print_clicked_cb (GtkButton *button,
                  gpointer   user_data)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;
  const char *name = g_object_get_data (G_OBJECT (window), "suggested-name");

  job = g_str_has_suffix (name, ".pdf") ? g_strndup (name, strlen (name) - 4) : g_strdup (name);
  operation = td_pdf_print_operation_new (g_object_get_data (G_OBJECT (window), "document"), job,
                                          TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), window, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, window,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    print_done_cb (operation, GTK_PRINT_OPERATION_RESULT_ERROR, window);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  const char *pdf = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFile) source = g_file_new_for_path (pdf);
      g_autoptr(GError) error = NULL;

      if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        g_warning ("saving the report: %s", error->message);
    }
  g_object_unref (chooser);
}

static void
save_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button)));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     g_object_get_data (G_OBJECT (window), "suggested-name"));
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb),
                    g_object_get_data (G_OBJECT (window), "pdf-path"));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * td_report_preview_show:
 * @parent: a widget of the window the preview belongs to
 * @pdf_path: the PDF (a temporary file)
 * @suggested_name: the file name offered when saving
 *
 * Opens a window showing every page of the PDF, with Print and Save buttons.
 *
 * Returns: (transfer none) (nullable): the window, or %NULL when the PDF can't be read
 */
GtkWindow *
td_report_preview_show (GtkWidget  *parent,
                        const char *pdf_path,
                        const char *suggested_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (pdf_path, NULL, &error);
  g_autoptr(GObject) doc = uri ? G_OBJECT (poppler_document_new_from_file (uri, NULL, &error)) : NULL;
  GtkWidget *window, *header, *save, *print, *scrolled, *pages;

  if (doc == NULL)
    {
      g_warning ("report preview: %s", error->message);
      return NULL;
    }
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Report Preview"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (parent)));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 900);
  g_object_set_data_full (G_OBJECT (window), "pdf-path", g_strdup (pdf_path), g_free);
  g_object_set_data_full (G_OBJECT (window), "suggested-name", g_strdup (suggested_name), g_free);
  g_object_set_data_full (G_OBJECT (window), "document", g_object_ref (doc), g_object_unref);

  header = gtk_header_bar_new ();
  save = gtk_button_new_with_mnemonic (_("_Save…"));
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect (save, "clicked", G_CALLBACK (save_clicked_cb), NULL);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), save);
  print = gtk_button_new_with_mnemonic (_("_Print…"));
  gtk_widget_set_name (print, "print-button");
  gtk_widget_set_tooltip_text (print, _("Print the report as shown"));
  g_signal_connect (print, "clicked", G_CALLBACK (print_clicked_cb), NULL);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), print);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);

  scrolled = gtk_scrolled_window_new ();
  pages = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (pages, 12);
  gtk_widget_set_margin_bottom (pages, 12);
  gtk_widget_set_halign (pages, GTK_ALIGN_CENTER);
  for (int i = 0; i < poppler_document_get_n_pages (POPPLER_DOCUMENT (doc)); i++)
    {
      g_autoptr(GObject) page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (doc), i));
      g_autoptr(GdkTexture) texture = td_pdf_render_page (POPPLER_PAGE (page), PREVIEW_SCALE);
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
      gtk_widget_add_css_class (picture, "card");
      gtk_box_append (GTK_BOX (pages), picture);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), pages);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
