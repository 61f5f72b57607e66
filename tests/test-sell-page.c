/* test-sell-page.c — the counter in the real application under Xvfb: three tags scanned by
 * typing their SKUs into the scan field + Enter, a cash sale completed through the payment
 * dialog, the sale checked in the database; the same tag scanned again is refused in words
 * under the field; and after a "crash" between the commit and the screen, the next start shows
 * the last-sale banner. Screenshots go to <build>/tests/screenshots/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "td-application.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-sell-page-private.h"
#include "td-store.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-window-private.h"

#define WAIT_MS    10000
#define WATCHDOG_S 120

#define WAIT_FOR(expr, ms)                                                          \
  G_STMT_START {                                                                    \
    gint64 _deadline = g_get_monotonic_time () + (gint64) (ms) * 1000;              \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _deadline)                                    \
          g_error ("Timed out after %d ms waiting for: %s", (int) (ms), #expr);     \
        iterate ();                                                                 \
      }                                                                             \
  } G_STMT_END

static char *template_shop;
static char *shop_path;     /* the shop the running scenario works on */

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
iterate (void)
{
  guint id = g_timeout_add (10, wake_cb, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
settle (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    iterate ();
}

/* ---- Running the application (as test-intake-page.c) ----------------------------------- */

static TdWindow *
find_main_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gint64 query_int (const char *path,
                         const char *sql,
                         const char *arg);

static TdSellPage *
open_sell_page (GtkApplication *app,
                TdWindow      **window_out)
{
  TdWindow *window;
  TdSellPage *page;

  WAIT_FOR ((window = find_main_window (app)) != NULL, WAIT_MS);
  /* Signed in as the demo shop's manager (what the lock screen does after the PIN; the lock
   * screen has its own tests). */
  if (td_window_is_locked (window))
    {
      g_autoptr(GError) error = NULL;
      gint64 staff = query_int (shop_path, "SELECT id FROM staff WHERE role = 'manager' "
                                           "ORDER BY id LIMIT 1", NULL);

      g_assert_cmpint (staff, >, 0);
      g_assert_true (td_context_set_staff (window->context, staff, &error));
      g_assert_no_error (error);
      g_signal_emit_by_name (td_window_get_lock_screen (window), "unlocked", staff);
      g_assert_false (td_window_is_locked (window));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "sell");
  page = TD_SELL_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW,
                                                      "sell_page"));
  td_test_wait_frames (GTK_WIDGET (window), 2);
  *window_out = window;
  return page;
}

static gboolean
scan_has_focus (TdSellPage *page)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (page)));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (page->scan_entry));
}

/* Types @code into the scan field and presses Enter, as a USB scanner does. */
static void
scan (TdSellPage *page,
      const char *code)
{
  g_assert_true (scan_has_focus (page));
  gtk_editable_set_text (GTK_EDITABLE (page->scan_entry), code);
  g_signal_emit_by_name (page->scan_entry, "activate");
  settle (20);
}

static GtkWindow *
find_toplevel (GType       type,
               const char *title_prefix)
{
  GtkWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data) &&
        (title_prefix == NULL ||
         g_str_has_prefix (gtk_window_get_title (l->data) ? gtk_window_get_title (l->data) : "",
                           title_prefix)))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (label == NULL || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Fills the first entry of the page's small form (AdwMessageDialog) and answers @response. */
static void
answer_form (const char *text,
             const char *second,
             const char *response)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  WAIT_FOR ((dialog = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL,
            WAIT_MS);
  entry = find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (second != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (entry);

      g_assert_true (GTK_IS_ENTRY (next));
      gtk_editable_set_text (GTK_EDITABLE (next), second);
    }
  /* What clicking the response's button does: answer, then close. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle (50);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}

/* ---- A network receipt printer on loopback ---------------------------------------------- */

typedef struct
{
  GSocketService *service;
  GPtrArray      *jobs;        /* of GByteArray, one per connection, complete once closed */
  guint           n_closed;
  char           *address;
} Printer;

static void
printer_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Printer *printer = g_object_get_data (source, "printer");
  GByteArray *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                               &error);

  g_assert_no_error (error);
  if (g_bytes_get_size (bytes) == 0)
    {
      printer->n_closed++;
      return;
    }
  g_byte_array_append (job, g_bytes_get_data (bytes, NULL), (guint) g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (G_INPUT_STREAM (source), 65536, G_PRIORITY_DEFAULT, NULL,
                                   printer_read_cb, job);
}

static gboolean
printer_incoming_cb (GSocketService    *service,
                     GSocketConnection *connection,
                     GObject           *source,
                     Printer           *printer)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GByteArray *job = g_byte_array_new ();

  g_ptr_array_add (printer->jobs, job);
  g_object_set_data_full (G_OBJECT (in), "connection", g_object_ref (connection), g_object_unref);
  g_object_set_data (G_OBJECT (in), "printer", printer);
  g_object_ref (in);
  g_input_stream_read_bytes_async (in, 65536, G_PRIORITY_DEFAULT, NULL, printer_read_cb, job);
  return TRUE;
}

static void
printer_start (Printer *printer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  printer->service = g_socket_service_new ();
  printer->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (printer->service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &bound, &error));
  g_assert_no_error (error);
  printer->address = g_strdup_printf ("127.0.0.1:%u",
                                      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_signal_connect (printer->service, "incoming", G_CALLBACK (printer_incoming_cb), printer);
  g_socket_service_start (printer->service);
}

static gboolean
has_bytes (GByteArray   *job,
           const guint8 *bytes,
           guint         len)
{
  for (guint i = 0; i + len <= job->len; i++)
    if (memcmp (job->data + i, bytes, len) == 0)
      return TRUE;
  return FALSE;
}

static const guint8 raster_cmd[] = { 0x1d, 0x76, 0x30, 0x00 };
static const guint8 drawer_kick[] = { 0x1b, 0x70, 0x00 };

/* ---- The receipt's QR, read back the way a scanner would -------------------------------------- */

/* The text of the one QR code on the first page of @pdf (pdftoppm + zbarimg), or %NULL when
 * the tools are missing. */
static char *
read_receipt_qr (const char *pdf)
{
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *prefix = g_strconcat (pdf, "-scan", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *render[] = { "pdftoppm", "-r", "300", "-png", "-singlefile", pdf, prefix, NULL };
  const char *scan[] = { "zbarimg", "-q", "--raw", png, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (pdftoppm == NULL || zbarimg == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) render, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) scan, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_remove (png);
  g_assert_nonnull (out);
  g_strchomp (out);
  g_assert_null (strchr (out, '\n'));    /* exactly one code */
  return g_steal_pointer (&out);
}

/* ---- The database, read on its own connection ------------------------------------------- */

static gint64
query_int (const char *path,
           const char *sql,
           const char *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, &error);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char **
available_skus (const char *path,
                guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, &error);
  sqlite3_stmt *stmt = NULL;
  GPtrArray *skus = g_ptr_array_new ();

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db),
                                       "SELECT sku FROM item WHERE status = 'available' "
                                       "AND quantity = 1 ORDER BY id LIMIT ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, (int) n);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (skus, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (skus->len, ==, n);
  g_ptr_array_add (skus, NULL);
  return (char **) g_ptr_array_free (skus, FALSE);
}

/* ---- A cash sale of three tags ------------------------------------------------------------ */

typedef struct
{
  const char  *path;
  char       **skus;
  gint64       receipt_before;
  char        *title;       /* of the fourth item, found by typing it */
  char        *token;       /* the receipt's QR, read back */
  char        *refund_pdf;
  char        *zreport_pdf;
  Printer      printer;
} SaleData;

static void
cash_sale_scenario (GtkApplication *app,
                    gpointer        user_data)
{
  SaleData *data = user_data;
  TdWindow *window;
  TdSellPage *page = open_sell_page (app, &window);
  TdCartTotals totals;
  g_autofree char *total = NULL;
  GtkWidget *focus, *complete;

  g_assert_false (gtk_revealer_get_reveal_child (page->banner_revealer));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->cart_stack), ==, "empty");
  WAIT_FOR (scan_has_focus (page), WAIT_MS);

  /* The till opens with a float. */
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.till-open", NULL);
  answer_form ("100", NULL, "open");
  g_assert_false (gtk_revealer_get_reveal_child (page->message_revealer));
  WAIT_FOR (scan_has_focus (page), WAIT_MS);

  /* An unknown code: refused in words under the field, nothing added. */
  scan (page, "NO-SUCH-TAG-42");
  g_assert_true (gtk_revealer_get_reveal_child (page->message_revealer));
  g_assert_cmpstr (gtk_label_get_text (page->message_label), !=, "");
  g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 0);

  for (guint i = 0; i < 3; i++)
    {
      scan (page, data->skus[i]);
      g_assert_false (gtk_revealer_get_reveal_child (page->message_revealer));
      g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, i + 1);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->scan_entry)), ==, "");
      g_assert_true (scan_has_focus (page));
    }
  g_assert_cmpuint (n_rows (page->cart_list), ==, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->cart_stack), ==, "cart");

  /* The same tag twice: refused, no second line. */
  scan (page, data->skus[1]);
  g_assert_true (gtk_revealer_get_reveal_child (page->message_revealer));
  g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 3);

  td_cart_get_totals (page->cart, &totals);
  g_assert_cmpint (totals.total, >, 0);
  total = td_context_format_money (page->context, totals.total);
  g_assert_cmpstr (gtk_label_get_text (page->total_label), ==, total);
  td_test_screenshot (GTK_WIDGET (window), "sell-mid-sale");

  /* The counter's receipt printer is a network printer (here on loopback). */
  printer_start (&data->printer);
  g_settings_set_string (td_context_get_settings (page->context), "receipt-printer",
                         data->printer.address);

  /* Pay: the payment dialog opens with the focus on cash. */
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.pay", NULL);
  WAIT_FOR (page->tender_dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (page->tender_dialog)),
            WAIT_MS);
  focus = gtk_root_get_focus (GTK_ROOT (page->tender_dialog));
  g_assert_true (GTK_IS_EDITABLE (focus));
  complete = gtk_window_get_default_widget (page->tender_dialog);
  g_assert_nonnull (complete);

  /* Not enough cash: Complete stays off. */
  gtk_editable_set_text (GTK_EDITABLE (focus), "0.01");
  settle (20);
  g_assert_false (gtk_widget_get_sensitive (complete));

  /* Split tender: $1.00 on the card (the dialog's second amount), and a round sum of cash
   * over the rest: change due. */
  {
    g_autofree char *given = g_strdup_printf ("%" G_GINT64_FORMAT, totals.total / 100 + 20);
    GtkWidget *cash = gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY);
    GtkWidget *card = NULL;
    GtkWidget *row = gtk_widget_get_ancestor (cash, GTK_TYPE_LIST_BOX_ROW);
    GtkWidget *next_row = gtk_widget_get_next_sibling (row);

    g_assert_nonnull (next_row);
    card = find_descendant (next_row, GTK_TYPE_ENTRY, NULL);
    g_assert_nonnull (card);
    gtk_editable_set_text (GTK_EDITABLE (card), "1");
    gtk_editable_set_text (GTK_EDITABLE (focus), given);
  }
  settle (20);
  g_assert_true (gtk_widget_get_sensitive (complete));
  td_test_screenshot (GTK_WIDGET (page->tender_dialog), "sell-tender");
  /* The shop turned the circular-impact line on (off by default): the receipt carries it. */
  g_assert_cmpint (sqlite3_exec (td_database_get_handle (td_sell_page_get_database (page)),
                                 "INSERT OR REPLACE INTO setting (key, value) "
                                 "VALUES ('receipt.impact_line', '1')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  gtk_widget_activate (complete);
  WAIT_FOR (page->receipt_dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (page->receipt_dialog)),
            WAIT_MS);
  g_assert_null (page->tender_dialog);
  g_assert_nonnull (page->last_sale);
  td_test_screenshot (GTK_WIDGET (page->receipt_dialog), "sell-receipt-preview");
  /* The receipt went to the printer at once, with the drawer kick: a cash sale. */
  WAIT_FOR (data->printer.n_closed == 1, WAIT_MS);
  g_assert_true (has_bytes (data->printer.jobs->pdata[0], raster_cmd, sizeof raster_cmd));
  g_assert_true (has_bytes (data->printer.jobs->pdata[0], drawer_kick, sizeof drawer_kick));
  /* Print in the preview reprints it: the drawer stays shut. */
  {
    GtkWidget *print = find_descendant (GTK_WIDGET (page->receipt_dialog), GTK_TYPE_BUTTON,
                                        "_Print");

    g_assert_nonnull (print);
    gtk_widget_activate (print);
    WAIT_FOR (data->printer.n_closed == 2, WAIT_MS);
    g_assert_true (has_bytes (data->printer.jobs->pdata[1], raster_cmd, sizeof raster_cmd));
    g_assert_false (has_bytes (data->printer.jobs->pdata[1], drawer_kick, sizeof drawer_kick));
  }
  g_assert_true (g_file_test (g_object_get_data (G_OBJECT (page->receipt_dialog), "path"),
                              G_FILE_TEST_IS_REGULAR));
  data->token = read_receipt_qr (g_object_get_data (G_OBJECT (page->receipt_dialog), "path"));
  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8",
                           g_object_get_data (G_OBJECT (page->receipt_dialog), "path"), "-",
                           NULL };
    g_autofree char *text = NULL;
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

    if (pdftotext != NULL)
      {
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, NULL,
                                     NULL));
        g_assert_nonnull (strstr (text, "kg CO2e"));
      }
  }
  gtk_window_destroy (page->receipt_dialog);
  settle (20);

  /* The receipt's QR scanned at the counter opens that receipt; an altered one is refused. */
  if (data->token != NULL)
    {
      g_autofree char *number = td_receipt_number_format (page->last_sale->receipt_no);
      g_autofree char *title = g_strdup_printf ("Receipt %s", number);
      g_autofree char *altered = g_strdup (data->token);
      char *last = altered + strlen (altered) - 1;

      g_test_message ("receipt QR: %s", data->token);
      WAIT_FOR (scan_has_focus (page), WAIT_MS);
      scan (page, data->token);
      WAIT_FOR (page->receipt_dialog != NULL, WAIT_MS);
      g_assert_cmpstr (gtk_window_get_title (page->receipt_dialog), ==, title);
      gtk_window_destroy (page->receipt_dialog);
      settle (20);

      *last = *last == 'A' ? 'B' : 'A';
      WAIT_FOR (scan_has_focus (page), WAIT_MS);
      scan (page, altered);
      g_assert_null (page->receipt_dialog);
      g_assert_true (gtk_revealer_get_reveal_child (page->message_revealer));
      g_test_message ("altered QR: %s", gtk_label_get_text (page->message_label));
      g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 0);
    }
  else
    g_test_message ("pdftoppm or zbarimg missing: the receipt QR was not read back");

  /* Back at the counter: empty cart, focus on the scan field. */
  g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->cart_stack), ==, "empty");
  WAIT_FOR (scan_has_focus (page), WAIT_MS);

  /* The sold tag again: the core's "sold" message, no line. */
  scan (page, data->skus[0]);
  g_assert_true (gtk_revealer_get_reveal_child (page->message_revealer));
  {
    g_autofree char *number = td_receipt_number_format (page->last_sale->receipt_no);

    g_test_message ("refusal: %s", gtk_label_get_text (page->message_label));
    g_assert_nonnull (strstr (gtk_label_get_text (page->message_label), number));
  }
  g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 0);

  /* No readable tag: the title typed in words finds the item on the floor. */
  scan (page, data->title);
  if (gtk_revealer_get_reveal_child (page->search_revealer))
    {
      GtkListBoxRow *row = NULL;

      td_test_screenshot (GTK_WIDGET (window), "sell-search");
      for (int i = 0; (row = gtk_list_box_get_row_at_index (page->search_list, i)) != NULL; i++)
        if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "sku"), data->skus[3]) == 0)
          break;
      g_assert_nonnull (row);
      g_signal_emit_by_name (page->search_list, "row-activated", row);
      settle (20);
    }
  g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 1);
  g_assert_cmpstr (td_cart_get_line (page->cart, 0)->sku, ==, data->skus[3]);
  g_assert_false (gtk_revealer_get_reveal_child (page->search_revealer));
  WAIT_FOR (scan_has_focus (page), WAIT_MS);
  /* A looser search (the title's first word) may find several: a look at the list, then
   * Escape's way back to the scan field. */
  {
    g_autofree char *word = g_strndup (data->title, strcspn (data->title, " "));

    gtk_editable_set_text (GTK_EDITABLE (page->scan_entry), word);
    g_signal_emit_by_name (page->scan_entry, "activate");
    settle (20);
    if (gtk_revealer_get_reveal_child (page->search_revealer))
      {
        td_test_screenshot (GTK_WIDGET (window), "sell-search");
        td_sell_page_hide_search (page);
        td_sell_page_focus_scan (page);
      }
    gtk_editable_set_text (GTK_EDITABLE (page->scan_entry), "");
  }
  /* Voided again (the looser search may have added a second, single match): the cart is
   * empty, the items stay on the floor. */
  for (guint n = td_cart_get_n_lines (page->cart); n > 0; n--)
    {
      gtk_widget_activate_action (GTK_WIDGET (page), "sell.void-line", NULL);
      g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, n - 1);
    }

  /* The customer brings the first item back: the receipt (opened by its number, as typed in
   * the menu's "Open Receipt…"), then its Return Items… button. */
  {
    g_autofree char *number = td_receipt_number_format (page->last_sale->receipt_no);
    GtkWidget *button;

    gtk_widget_activate_action (GTK_WIDGET (page), "sell.open-receipt", NULL);
    answer_form (number, NULL, "open");
    WAIT_FOR (page->receipt_dialog != NULL, WAIT_MS);
    button = find_descendant (GTK_WIDGET (page->receipt_dialog), GTK_TYPE_BUTTON,
                              "_Return Items…");
    g_assert_nonnull (button);
    g_assert_true (gtk_widget_is_sensitive (button));
    gtk_widget_activate (button);
  }
  {
    GtkWindow *returns;
    GtkWidget *check, *refund;

    WAIT_FOR ((returns = find_toplevel (ADW_TYPE_WINDOW, "Return Items")) != NULL, WAIT_MS);
    check = find_descendant (GTK_WIDGET (returns), GTK_TYPE_CHECK_BUTTON, NULL);
    refund = find_descendant (GTK_WIDGET (returns), GTK_TYPE_BUTTON, "_Refund");
    g_assert_nonnull (check);
    g_assert_nonnull (refund);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    gtk_widget_activate (refund);
    WAIT_FOR (page->receipt_dialog != NULL &&
              g_str_has_prefix (gtk_window_get_title (page->receipt_dialog), "Refund"), WAIT_MS);
    data->refund_pdf = g_strdup (g_object_get_data (G_OBJECT (page->receipt_dialog), "path"));
    /* The item was live on a (disconnected) eBay account: the refund says it goes back up. */
    {
      GtkWidget *online = find_named (GTK_WIDGET (page->receipt_dialog), "refund-relisted");

      g_assert_nonnull (online);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (online)), ==,
                       "Back online: 1 listing is published again.");
      td_test_screenshot (GTK_WIDGET (page->receipt_dialog), "sell-refund-relisted");
    }
    gtk_window_destroy (page->receipt_dialog);
    settle (20);
  }

  /* Paid out, then the till closes with the counted cash: the Z report. */
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.till-move", NULL);
  answer_form ("5", NULL, "out");
  /* A paid-out needs its reason: refused, nothing written. */
  g_assert_true (gtk_revealer_get_reveal_child (page->message_revealer));
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.till-move", NULL);
  answer_form ("5", "Window cleaner", "out");
  g_test_message ("paid out: %s", gtk_label_get_text (page->message_label));
  g_assert_false (gtk_revealer_get_reveal_child (page->message_revealer));
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.till-close", NULL);
  answer_form ("100", NULL, "close");
  g_assert_false (gtk_revealer_get_reveal_child (page->message_revealer));
  WAIT_FOR (page->receipt_dialog != NULL, WAIT_MS);
  data->zreport_pdf = g_strdup (g_object_get_data (G_OBJECT (page->receipt_dialog), "path"));
}

/* After a crash between the commit and the screen: the banner, then dismissed. */
static void
banner_scenario (GtkApplication *app,
                 gpointer        user_data)
{
  SaleData *data = user_data;
  TdWindow *window;
  TdSellPage *page = open_sell_page (app, &window);
  g_autofree char *number = td_receipt_number_format (data->receipt_before + 1);

  g_assert_true (gtk_revealer_get_reveal_child (page->banner_revealer));
  g_assert_nonnull (strstr (gtk_label_get_text (page->banner_label), number));
  td_test_screenshot (GTK_WIDGET (window), "sell-last-sale-banner");
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.banner-dismiss", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (page->banner_revealer));
}

static void
test_cash_sale (void)
{
  g_autofree char *dir = td_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  SaleData data = { 0 };
  gint64 sales_before, sale_id;

  g_assert_true (g_file_get_contents (template_shop, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  data.path = path;
  shop_path = path;
  data.skus = available_skus (path, 4);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdDatabase) db = td_database_open (path, &error);
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    sqlite3_prepare_v2 (td_database_get_handle (db), "SELECT title FROM item WHERE sku = ?", -1,
                        &stmt, NULL);
    sqlite3_bind_text (stmt, 1, data.skus[3], -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    data.title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    /* The first item is live online, on an account that is not connected here (the engine
     * leaves it alone): its sale takes the listing down, the refund puts it back up. */
    g_assert_cmpint (sqlite3_exec (td_database_get_handle (db),
                                   "INSERT INTO marketplace_account (kind, name, base_url, active, "
                                   "created_at) VALUES ('ebay', 'eBay', 'http://127.0.0.1:1', 0, 1)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_prepare_v2 (td_database_get_handle (db),
                        "INSERT INTO listing (item_id, account_id, state, remote_id) "
                        "SELECT id, last_insert_rowid (), 'live', '110000001' FROM item "
                        "WHERE sku = ?", -1, &stmt, NULL);
    sqlite3_bind_text (stmt, 1, data.skus[0], -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  sales_before = query_int (path, "SELECT count(*) FROM sale", NULL);
  data.receipt_before = query_int (path, "SELECT coalesce(max(receipt_no), 0) FROM sale "
                                         "WHERE register_id = 'main'", NULL);
  td_test_run_app (path, cash_sale_scenario, &data, WATCHDOG_S);

  /* One more sale, whole: three lines, items sold, the next receipt number, cash paid. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sale", NULL), ==, sales_before + 1);
  sale_id = query_int (path, "SELECT max(id) FROM sale", NULL);
  g_assert_cmpint (query_int (path, "SELECT receipt_no FROM sale WHERE id = (SELECT max(id) FROM sale)",
                              NULL), ==, data.receipt_before + 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sale_line WHERE sale_id = "
                                    "(SELECT max(id) FROM sale)", NULL), ==, 3);
  /* (The first item came back later in the scenario: checked with the return below.) */
  g_assert_cmpint (query_int (path, "SELECT status = 'available' FROM item WHERE sku = ?",
                              data.skus[3]), ==, 1);
  for (guint i = 1; i < 3; i++)
    g_assert_cmpint (query_int (path, "SELECT status = 'sold' FROM item WHERE sku = ?",
                                data.skus[i]), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM payment WHERE sale_id = "
                                    "(SELECT max(id) FROM sale) AND tender = 'cash'", NULL), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT amount FROM payment WHERE sale_id = "
                                    "(SELECT max(id) FROM sale) AND tender = 'card'", NULL), ==, 100);
  /* The payments add up to what was due, to the cent. */
  g_assert_cmpint (query_int (path, "SELECT sum(p.amount) = s.total + s.rounding FROM payment p "
                                    "JOIN sale s ON s.id = p.sale_id WHERE s.id = "
                                    "(SELECT max(id) FROM sale)", NULL), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT value FROM setting WHERE key = "
                                    "'counter.main.acknowledged_sale'", NULL), ==, sale_id);

  /* The return: one refund of the first item, which is back on the floor. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM refund WHERE sale_id = "
                                    "(SELECT max(id) FROM sale)", NULL), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT status = 'available' FROM item WHERE sku = ?",
                              data.skus[0]), ==, 1);
  g_assert_true (g_file_test (data.refund_pdf, G_FILE_TEST_IS_REGULAR));
  /* … and back online: the withdrawal its sale queued is superseded by a publish. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sync_job j JOIN item i ON "
                                    "i.id = j.item_id WHERE i.sku = ? AND j.op = 'publish' "
                                    "AND j.state = 'pending'", data.skus[0]), ==, 1);
  /* The till: opened, a paid-out, closed with the count; its Z report written. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM till_session WHERE closed_at IS NOT NULL",
                              NULL), ==, 1);
  g_assert_true (g_file_test (data.zreport_pdf, G_FILE_TEST_IS_REGULAR));

  /* Simulate the crash window: the sale is durable, the screen never acknowledged it (the
   * acknowledgement still names an earlier sale). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdDatabase) db = td_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (td_database_get_handle (db),
                                   "UPDATE setting SET value = CAST(value - 1 AS TEXT) "
                                   "WHERE key = 'counter.main.acknowledged_sale'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  td_test_run_app (path, banner_scenario, &data, WATCHDOG_S);
  g_assert_cmpint (query_int (path, "SELECT value FROM setting WHERE key = "
                                    "'counter.main.acknowledged_sale'", NULL), ==, sale_id);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sale", NULL), ==, sales_before + 1);

  g_strfreev (data.skus);
  g_free (data.refund_pdf);
  g_free (data.title);
  g_free (data.token);
  g_socket_service_stop (data.printer.service);
  g_clear_object (&data.printer.service);
  g_ptr_array_unref (data.printer.jobs);
  g_free (data.printer.address);
  g_free (data.zreport_pdf);
  td_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  int result;

  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  /* The receipt key goes to the fallback file next to the shop: no keyring in tests. */
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);

  tmpdir = td_test_make_tmpdir ();
  template_shop = g_build_filename (tmpdir, "template.db", NULL);
  td_demo_options_init (&options);
  options.items = 60;
  options.consignors = 4;
  options.months = 1;
  options.now_us = g_get_real_time ();
  td_demo_generate (template_shop, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/td/sell/cash-sale", test_cash_sale);

  result = g_test_run ();
  td_test_rmdir_recursive (tmpdir);
  g_free (template_shop);
  return result;
}
