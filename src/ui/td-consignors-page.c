/* td-consignors-page.c — the Consignors section: a searchable list on the left, the selected
 * consignor on the right (contact, terms, balance, items, history), and the commands on them.
 *
 * The list is one store query (td_store_consignors_list()) refilled as the search changes;
 * the balance shown is always the sum of the ledger, read again after every change. Items
 * due for expiry live in td-consignors-page-expiry.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-consignors-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-consignor-editor.h"
#include "td-consignor-entry.h"
#include "td-consignor-row.h"
#include "td-consignors-page-private.h"
#include "td-store-consignors-list.h"

G_DEFINE_FINAL_TYPE (TdConsignorsPage, td_consignors_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
list_box_remove_all (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

GtkWindow *
td_consignors_page_get_window (TdConsignorsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
td_consignors_page_toast (TdConsignorsPage *self,
                          const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A failure in plain words, the detail in the log. */
void
td_consignors_page_show_failure (TdConsignorsPage *self,
                                 const char       *what,
                                 const GError     *error)
{
  g_autofree char *text = g_strdup_printf ("%s %s", what, error->message);

  g_warning ("%s", text);
  td_consignors_page_toast (self, text);
}

static char *
format_money (TdConsignorsPage *self,
              gint64            amount)
{
  return td_context_format_money (self->context, amount);
}

/* ---- The list --------------------------------------------------------------------------- */

/* The rows of the list come from a factory: only the visible ones exist, so 2,000 consignors
 * list as fast as 20. */

static void
consignor_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    TdConsignorsPage         *self)
{
  gtk_list_item_set_child (list_item, td_consignor_row_new ());
}

static void
consignor_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   TdConsignorsPage         *self)
{
  TdConsignorEntry *entry = gtk_list_item_get_item (list_item);
  g_autofree char *money = format_money (self, td_consignor_entry_get_balance (entry));

  td_consignor_row_set_item (TD_CONSIGNOR_ROW (gtk_list_item_get_child (list_item)), entry, money);
}

static void
consignor_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     TdConsignorsPage         *self)
{
  td_consignor_row_set_item (TD_CONSIGNOR_ROW (gtk_list_item_get_child (list_item)), NULL, NULL);
}

static gboolean
shop_has_consignors (TdConsignorsPage *self)
{
  g_autoptr(GArray) all = NULL;

  if (!td_store_consignors_list (td_context_get_database (self->context), NULL, TRUE, &all, NULL))
    return TRUE;
  return all->len > 0;
}

static TdConsignorEntry *
selected_entry (TdConsignorsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void show_detail (TdConsignorsPage *self);

void
td_consignors_page_reload_list (TdConsignorsPage *self)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *filter = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean all = gtk_check_button_get_active (self->inactive_check);
  guint position = 0;
  TdConsignorEntry *selected;

  if (!td_store_consignors_list (td_context_get_database (self->context), filter, all, &rows,
                                 &error))
    {
      td_consignors_page_show_failure (self, _("The consignors could not be read."), error);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const TdConsignorListRow *row = &g_array_index (rows, TdConsignorListRow, i);

      /* Keep the selection when the consignor is still listed; otherwise take the first. */
      if (row->id == self->selected_id)
        position = i;
      g_ptr_array_add (entries, td_consignor_entry_new (row));
    }

  self->reloading = TRUE;
  g_list_store_splice (self->consignors, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->consignors)),
                       entries->pdata, entries->len);
  gtk_single_selection_set_selected (self->selection,
                                     rows->len > 0 ? position : GTK_INVALID_LIST_POSITION);
  self->reloading = FALSE;

  gtk_stack_set_visible_child_name (self->list_stack, rows->len > 0 ? "list" : "none");
  gtk_stack_set_visible_child_name (self->main_stack,
                                    rows->len > 0 || *filter != '\0' || shop_has_consignors (self)
                                    ? "content" : "empty");

  selected = selected_entry (self);
  self->selected_id = selected != NULL ? td_consignor_entry_get_id (selected) : 0;
  show_detail (self);
}

/* ---- The selected consignor ------------------------------------------------------------- */

static void
set_info (AdwActionRow *row,
          const char   *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    {
      adw_action_row_set_subtitle (row, _("—"));
      return;
    }
  escaped = g_markup_escape_text (value, -1);
  adw_action_row_set_subtitle (row, escaped);
}

static void
add_count_row (TdConsignorsPage *self,
               const char       *title,
               gint64            count,
               gboolean          always)
{
  g_autofree char *text = NULL;
  GtkWidget *row, *label;

  if (count == 0 && !always)
    return;
  text = g_strdup_printf ("%'" G_GINT64_FORMAT, count);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->items_list, row);
}

static GtkWidget *
ledger_row_new (TdConsignorsPage  *self,
                const TdLedgerRow *entry)
{
  g_autofree char *day = td_consignors_format_day (entry->created_at);
  g_autofree char *amount = format_money (self, entry->amount);
  g_autofree char *after = format_money (self, entry->balance_after);
  g_autofree char *after_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *amount_label = gtk_label_new (NULL);
  GtkWidget *after_label;

  title = g_markup_escape_text (td_consignors_ledger_kind_label (entry->kind), -1);
  if (entry->note != NULL && *entry->note != '\0')
    /* Translators: a ledger row's date and note, as in "21 Nov 2026 · Wrong price" */
    subtitle = g_markup_printf_escaped (_("%s · %s"), day, entry->note);
  else
    subtitle = g_markup_escape_text (day, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_label_set_text (GTK_LABEL (amount_label), amount);
  gtk_label_set_xalign (GTK_LABEL (amount_label), 1);
  gtk_widget_add_css_class (amount_label, "numeric");
  gtk_widget_add_css_class (amount_label, entry->amount < 0 ? "error" : "success");
  /* Translators: the running balance under a ledger amount; %s is money */
  after_text = g_strdup_printf (_("balance %s"), after);
  after_label = gtk_label_new (after_text);
  gtk_label_set_xalign (GTK_LABEL (after_label), 1);
  gtk_widget_add_css_class (after_label, "numeric");
  gtk_widget_add_css_class (after_label, "dim-label");
  gtk_widget_add_css_class (after_label, "caption");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), amount_label);
  gtk_box_append (GTK_BOX (box), after_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

static void
load_ledger_page (TdConsignorsPage *self)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (!td_store_consignors_ledger (td_context_get_database (self->context), self->selected_id,
                                   self->ledger_before_id, TD_CONSIGNORS_LEDGER_PAGE + 1, &rows,
                                   &error))
    {
      td_consignors_page_show_failure (self, _("The consignor’s history could not be read."),
                                       error);
      return;
    }
  /* One row more than a page tells whether "Show More" has anything to show. */
  self->ledger_more = rows->len > TD_CONSIGNORS_LEDGER_PAGE;
  for (guint i = 0; i < MIN (rows->len, TD_CONSIGNORS_LEDGER_PAGE); i++)
    {
      const TdLedgerRow *entry = &g_array_index (rows, TdLedgerRow, i);

      gtk_list_box_append (self->ledger_list, ledger_row_new (self, entry));
      self->ledger_before_id = entry->id;
    }
  if (rows->len == 0 && gtk_widget_get_first_child (GTK_WIDGET (self->ledger_list)) == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No money has moved yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->ledger_list, row);
    }
  gtk_widget_set_visible (self->more_button, self->ledger_more);
  td_consignors_page_update_actions (self);
}

static void
show_detail (TdConsignorsPage *self)
{
  TdDatabase *db = td_context_get_database (self->context);
  g_autoptr(TdConsignor) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *balance_text = NULL;
  g_autofree char *share = NULL;
  g_autofree char *share_text = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *expiry_text = NULL;
  g_autofree char *min_payout = NULL;
  g_autofree char *subtitle = NULL;
  TdConsignorItemCounts counts;
  gint64 balance = 0;

  list_box_remove_all (self->items_list);
  list_box_remove_all (self->ledger_list);
  self->ledger_before_id = 0;
  self->ledger_more = FALSE;
  gtk_widget_set_visible (self->detail, self->selected_id != 0);
  td_consignors_page_update_actions (self);
  if (self->selected_id == 0)
    return;

  c = td_store_consignors_get (db, self->selected_id, &error);
  if (c == NULL ||
      !td_store_consignors_balance (db, self->selected_id, &balance, &error) ||
      !td_store_consignors_count_items (db, self->selected_id, &counts, &error))
    {
      td_consignors_page_show_failure (self, _("The consignor could not be read."), error);
      gtk_widget_set_visible (self->detail, FALSE);
      return;
    }

  gtk_label_set_text (self->detail_title, c->draft.name);
  if (c->active)
    /* Translators: under a consignor's name: their code and since when they bring goods */
    {
      g_autofree char *since = td_consignors_format_day (c->created_at);

      subtitle = g_strdup_printf (_("Code %s · since %s"), c->draft.code, since);
    }
  else
    subtitle = g_strdup_printf (_("Code %s · inactive: takes no new items in"), c->draft.code);
  gtk_label_set_text (self->detail_subtitle, subtitle);
  gtk_button_set_label (self->active_button, c->active ? _("_Deactivate…") : _("_Reactivate"));

  balance_text = format_money (self, balance);
  gtk_label_set_text (self->balance_label, balance_text);
  if (balance < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->balance_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->balance_label), "error");

  set_info (self->phone_row, c->draft.phone);
  set_info (self->email_row, c->draft.email);
  set_info (self->address_row, c->draft.address);
  set_info (self->notes_row, c->draft.notes);

  share = td_consignors_format_share (c->effective_share_bp);
  if (c->draft.share_bp == TD_TERM_SHOP_DEFAULT)
    /* Translators: %s is a percentage such as "50 %" */
    share_text = g_strdup_printf (_("Shop default (%s)"), share);
  else
    share_text = g_strdup (share);
  set_info (self->share_row, share_text);
  period_text = g_strdup_printf (ngettext ("%d day", "%d days", c->effective_period_days),
                                 c->effective_period_days);
  if (c->draft.period_days == TD_TERM_SHOP_DEFAULT)
    {
      g_autofree char *days = g_steal_pointer (&period_text);

      period_text = g_strdup_printf (_("Shop default (%s)"), days);
    }
  set_info (self->period_row, period_text);
  if (c->draft.expiry_action == TD_EXPIRY_ACTION_SHOP_DEFAULT)
    expiry_text = g_strdup_printf (_("Shop default (%s)"),
                                   td_consignors_expiry_action_label (c->effective_expiry_action,
                                                                      FALSE));
  else
    expiry_text = g_strdup (td_consignors_expiry_action_label (c->effective_expiry_action, TRUE));
  set_info (self->expiry_row, expiry_text);
  min_payout = format_money (self, c->draft.min_payout);
  set_info (self->min_payout_row, min_payout);
  set_info (self->payout_row, td_consignors_payout_method_label (c->draft.payout_method));

  add_count_row (self, _("On the floor"), counts.available, TRUE);
  add_count_row (self, _("Held for a customer"), counts.held, TRUE);
  add_count_row (self, _("Sold"), counts.sold, TRUE);
  add_count_row (self, _("Returned to the consignor"), counts.returned, TRUE);
  add_count_row (self, _("Donated"), counts.donated, TRUE);
  add_count_row (self, _("Not yet priced"), counts.draft, FALSE);
  add_count_row (self, _("Damaged"), counts.damaged, FALSE);

  load_ledger_page (self);
}

/* ---- Commands --------------------------------------------------------------------------- */

void
td_consignors_page_update_actions (TdConsignorsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean selected = self->context != NULL && self->selected_id != 0;

  gtk_widget_action_set_enabled (widget, "consignors.new", self->context != NULL);
  gtk_widget_action_set_enabled (widget, "consignors.edit", selected);
  gtk_widget_action_set_enabled (widget, "consignors.adjust", selected);
  gtk_widget_action_set_enabled (widget, "consignors.toggle-active", selected);
  gtk_widget_action_set_enabled (widget, "consignors.show-more", selected && self->ledger_more);
  gtk_widget_action_set_enabled (widget, "expiry.apply", self->context != NULL);
}

static void
editor_saved_cb (TdConsignorsPage  *self,
                 gint64             consignor_id,
                 TdConsignorEditor *editor)
{
  g_autoptr(TdConsignor) c = td_store_consignors_get (td_context_get_database (self->context),
                                                       consignor_id, NULL);
  g_autofree char *text = NULL;

  if (g_object_get_data (G_OBJECT (editor), "td-new") != NULL)
    text = g_strdup_printf (_("%s was added"), c != NULL ? c->draft.name : "");
  else
    text = g_strdup_printf (_("%s was saved"), c != NULL ? c->draft.name : "");
  /* A new consignor must be listed, whatever the search said. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  td_consignors_page_select (self, consignor_id);
  td_consignors_page_toast (self, text);
}

static void
open_editor (TdConsignorsPage *self,
             gint64            consignor_id)
{
  TdConsignorEditor *editor = td_consignor_editor_new (self->context, consignor_id);

  if (consignor_id == 0)
    g_object_set_data (G_OBJECT (editor), "td-new", GINT_TO_POINTER (TRUE));
  gtk_window_set_transient_for (GTK_WINDOW (editor), td_consignors_page_get_window (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (TD_CONSIGNORS_PAGE (widget), 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdConsignorsPage *self = TD_CONSIGNORS_PAGE (widget);

  if (self->selected_id != 0)
    open_editor (self, self->selected_id);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdConsignorsPage *self = TD_CONSIGNORS_PAGE (widget);

  gtk_toggle_button_set_active (self->consignors_toggle, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  load_ledger_page (TD_CONSIGNORS_PAGE (widget));
}

/* ---- Callbacks -------------------------------------------------------------------------- */

static void
search_changed_cb (TdConsignorsPage *self)
{
  if (self->context != NULL)
    td_consignors_page_reload_list (self);
}

static void
search_activate_cb (TdConsignorsPage *self)
{
  gtk_widget_child_focus (GTK_WIDGET (self->consignor_list), GTK_DIR_TAB_FORWARD);
}

static void
selection_changed_cb (TdConsignorsPage *self)
{
  TdConsignorEntry *entry = selected_entry (self);

  if (self->reloading || entry == NULL)
    return;
  if (td_consignor_entry_get_id (entry) == self->selected_id)
    return;
  self->selected_id = td_consignor_entry_get_id (entry);
  show_detail (self);
  adw_leaflet_set_visible_child (self->leaflet, self->detail);
}

static void
consignor_activated_cb (TdConsignorsPage *self,
                        guint             position)
{
  g_autoptr(TdConsignorEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                             position);
  gint64 id;

  if (entry == NULL)
    return;
  id = td_consignor_entry_get_id (entry);
  if (id != self->selected_id)
    gtk_single_selection_set_selected (self->selection, position);
  open_editor (self, id);
}

static void
back_clicked_cb (TdConsignorsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
view_toggled_cb (TdConsignorsPage *self)
{
  gboolean expiry = gtk_toggle_button_get_active (self->expiry_toggle);

  gtk_stack_set_visible_child_name (self->view_stack, expiry ? "expiry" : "consignors");
  if (expiry && self->context != NULL)
    td_consignors_page_reload_expiry (self);
}

static void
shop_changed_cb (TdConsignorsPage *self)
{
  td_consignors_page_reload (self);
}

/* ---- Object ----------------------------------------------------------------------------- */

static void
td_consignors_page_map (GtkWidget *widget)
{
  TdConsignorsPage *self = TD_CONSIGNORS_PAGE (widget);

  GTK_WIDGET_CLASS (td_consignors_page_parent_class)->map (widget);

  /* Shortcuts of the page work when the focus is inside it. */
  if (gtk_stack_get_visible_child_name (self->main_stack) != NULL &&
      g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "content"))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
td_consignors_page_dispose (GObject *object)
{
  TdConsignorsPage *self = (TdConsignorsPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CONSIGNORS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->consignors);
  g_clear_object (&self->context);
  g_clear_pointer (&self->donated, g_array_unref);
  g_clear_pointer (&self->donated_date, g_free);

  G_OBJECT_CLASS (td_consignors_page_parent_class)->dispose (object);
}

static void
td_consignors_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TdConsignorsPage *self = TD_CONSIGNORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_consignors_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TdConsignorsPage *self = TD_CONSIGNORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      td_consignors_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_consignors_page_class_init (TdConsignorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_consignors_page_dispose;
  object_class->get_property = td_consignors_page_get_property;
  object_class->set_property = td_consignors_page_set_property;
  widget_class->map = td_consignors_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-consignors-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, consignors_toggle);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, expiry_toggle);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, detail);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, inactive_check);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, consignor_list);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, active_button);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, balance_label);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, notes_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, share_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, min_payout_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, payout_row);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, items_list);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, ledger_list);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, select_all_check);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, expiry_status);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorsPage, expiry_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, consignor_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);

  gtk_widget_class_install_action (widget_class, "consignors.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "consignors.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "consignors.show-more", NULL, show_more_action);
  gtk_widget_class_install_action (widget_class, "consignors.search", NULL, search_action);
  td_consignors_page_record_class_init (widget_class);
  td_consignors_page_expiry_class_init (widget_class);

  /* The page's shortcuts, all here; resources/ui/help-overlay.ui lists them. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "consignors.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "consignors.search", NULL);
}

static void
td_consignors_page_init (TdConsignorsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  td_money_format_init_current (&self->money_format);
  self->consignors = g_list_store_new (TD_TYPE_CONSIGNOR_ENTRY);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->consignors)));
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (consignor_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (consignor_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (consignor_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->consignor_list, factory);
  gtk_list_view_set_model (self->consignor_list, GTK_SELECTION_MODEL (self->selection));
  td_consignors_page_update_actions (self);
}

/* ---- Public API ------------------------------------------------------------------------- */

/**
 * td_consignors_page_new:
 * @context: (nullable): the open shop; may be set later with td_consignors_page_set_context()
 *
 * Returns: (transfer floating): a new consignors page
 */
GtkWidget *
td_consignors_page_new (TdContext *context)
{
  g_return_val_if_fail (context == NULL || TD_IS_CONTEXT (context), NULL);

  return g_object_new (TD_TYPE_CONSIGNORS_PAGE, "context", context, NULL);
}

/**
 * td_consignors_page_get_context:
 *
 * Returns: (transfer none) (nullable): the open shop
 */
TdContext *
td_consignors_page_get_context (TdConsignorsPage *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNORS_PAGE (self), NULL);

  return self->context;
}

/**
 * td_consignors_page_set_context:
 * @context: (nullable): the open shop
 *
 * Shows @context's consignors; the page follows its #TdContext::shop-changed.
 */
void
td_consignors_page_set_context (TdConsignorsPage *self,
                                TdContext        *context)
{
  g_return_if_fail (TD_IS_CONSIGNORS_PAGE (self));
  g_return_if_fail (context == NULL || TD_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (self->context, shop_changed_cb, self);
  g_set_object (&self->context, context);
  if (self->context != NULL)
    g_signal_connect_object (self->context, "shop-changed", G_CALLBACK (shop_changed_cb), self,
                             G_CONNECT_SWAPPED);
  self->selected_id = 0;
  td_consignors_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * td_consignors_page_reload:
 *
 * Reads the consignors, the selected one and the items due for expiry again.
 */
void
td_consignors_page_reload (TdConsignorsPage *self)
{
  g_return_if_fail (TD_IS_CONSIGNORS_PAGE (self));

  td_consignors_page_update_actions (self);
  if (self->context == NULL)
    return;
  td_consignors_page_reload_list (self);
  td_consignors_page_reload_expiry (self);
}

/**
 * td_consignors_page_get_selected_id:
 *
 * Returns: the consignor shown, or 0
 */
gint64
td_consignors_page_get_selected_id (TdConsignorsPage *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNORS_PAGE (self), 0);

  return self->selected_id;
}

/**
 * td_consignors_page_select:
 * @consignor_id: a consignor
 *
 * Lists and shows @consignor_id (the inactive ones too when it is inactive).
 */
void
td_consignors_page_select (TdConsignorsPage *self,
                           gint64            consignor_id)
{
  g_autoptr(TdConsignor) c = NULL;

  g_return_if_fail (TD_IS_CONSIGNORS_PAGE (self));

  if (self->context == NULL)
    return;
  c = td_store_consignors_get (td_context_get_database (self->context), consignor_id, NULL);
  if (c != NULL && !c->active)
    gtk_check_button_set_active (self->inactive_check, TRUE);
  self->selected_id = consignor_id;
  gtk_toggle_button_set_active (self->consignors_toggle, TRUE);
  td_consignors_page_reload_list (self);
  adw_leaflet_set_visible_child (self->leaflet, self->detail);
}
