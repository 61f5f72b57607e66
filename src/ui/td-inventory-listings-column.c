/* td-inventory-listings-column.c — the inventory list's "Online" column: one compact badge per
 * marketplace listing of the item (eBay, Etsy, Shopify, Woo — or the account's name when the
 * shop has two accounts of that kind), coloured by its state (draft, queued, live, error,
 * ended), with the account, the state and — for an error — the marketplace's own message in
 * its tooltip.
 *
 * Fast on the keystroke path: a cell costs one indexed read when it is bound or a new search
 * moves another item into its slot (td_store_sync_item_listings(), on the UNIQUE (item_id,
 * account_id) index of `listing`), and nothing at all while the shop has no marketplace account
 * (the column is hidden then). It stays true when a listing changes: the sync engine's
 * "changed" and the context's "shop-changed" refill the bound cells once, a moment later
 * (coalesced, so a burst of jobs is one pass over the rows on screen).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-inventory"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-sync.h"
#include "td-inventory-listings-column.h"
#include "td-inventory-page-private.h"
#include "td-inventory-slots.h"
#include "td-store-marketplaces.h"
#include "td-store-sync.h"

#define REFRESH_DELAY_MS 300

typedef struct
{
  TdContext           *context;
  GtkColumnView       *view;          /* weak */
  gulong               map_handler;
  GtkColumnViewColumn *column;        /* weak: the view owns it */
  TdSyncEngine        *engine;        /* connected once the shop has an account */
  gulong               engine_handler;
  gulong               shop_handler;
  GHashTable          *bound;         /* GtkListItem set */
  guint                refresh_source;
  gboolean             any_accounts;  /* connected or not: their listings still show */
  GHashTable          *shared_kinds;  /* kinds with more than one account: badges say names */
} Column;

static void refresh_now (Column *column);

static void
column_free (gpointer  data,
             GClosure *closure)
{
  Column *column = data;

  g_clear_handle_id (&column->refresh_source, g_source_remove);
  if (column->engine != NULL)
    g_clear_signal_handler (&column->engine_handler, column->engine);
  g_clear_object (&column->engine);
  g_clear_signal_handler (&column->shop_handler, column->context);
  g_clear_object (&column->context);
  if (column->column != NULL)
    g_object_remove_weak_pointer (G_OBJECT (column->column), (gpointer *) &column->column);
  if (column->view != NULL)
    {
      g_clear_signal_handler (&column->map_handler, column->view);
      g_object_remove_weak_pointer (G_OBJECT (column->view), (gpointer *) &column->view);
    }
  g_hash_table_unref (column->bound);
  g_clear_pointer (&column->shared_kinds, g_hash_table_unref);
  g_free (column);
}

/* The marketplace's name, short enough for a badge. Brand names: not translated. */
static const char *
short_name (const char *kind)
{
  if (g_strcmp0 (kind, TD_MARKETPLACE_EBAY) == 0)
    return "eBay";
  if (g_strcmp0 (kind, TD_MARKETPLACE_ETSY) == 0)
    return "Etsy";
  if (g_strcmp0 (kind, TD_MARKETPLACE_SHOPIFY) == 0)
    return "Shopify";
  if (g_strcmp0 (kind, TD_MARKETPLACE_WOOCOMMERCE) == 0)
    return "Woo";
  return kind != NULL ? kind : "";
}

static char *
badge_tooltip (const TdListingStatus *s)
{
  const char *state = td_inventory_listing_state_label (s->state);
  const char *name = s->account_name != NULL ? s->account_name : short_name (s->kind);

  if (s->last_error != NULL && *s->last_error != '\0')
    /* Translators: a listing badge's tooltip: account name, listing state ("Error"), then the
     * marketplace's own message */
    return g_strdup_printf (_("%s: %s. The marketplace said: %s"), name, state, s->last_error);
  /* Translators: a listing badge's tooltip: account name, then the listing state ("Live") */
  return g_strdup_printf (_("%s: %s"), name, state);
}

static void
fill (Column      *column,
      GtkWidget   *box,
      TdItem      *item)
{
  g_autoptr(GPtrArray) listings = NULL;
  GtkWidget *badge;
  guint shown = 0;

  if (item != NULL && column->any_accounts)
    listings = td_store_sync_item_listings (td_context_get_database (column->context),
                                            td_item_get_id (item), NULL);

  badge = gtk_widget_get_first_child (box);
  for (guint i = 0; listings != NULL && i < listings->len; i++)
    {
      const TdListingStatus *s = listings->pdata[i];
      g_autofree char *state_class = g_strdup_printf ("td-badge-%s", s->state ? s->state : "none");
      g_autofree char *name = g_strdup_printf ("list-badge-%" G_GINT64_FORMAT, s->account_id);
      g_autofree char *tooltip = badge_tooltip (s);
      const char *classes[] = { "td-badge", "td-list-badge", state_class, NULL };

      if (badge == NULL)
        {
          badge = gtk_label_new (NULL);
          gtk_label_set_ellipsize (GTK_LABEL (badge), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (badge), 12);
          gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (box), badge);
        }
      /* Two accounts of one kind (two eBay shops): the badge says which by name. */
      gtk_label_set_text (GTK_LABEL (badge),
                          g_hash_table_contains (column->shared_kinds, s->kind) && s->account_name
                          ? s->account_name : short_name (s->kind));
      gtk_widget_set_css_classes (badge, classes);
      gtk_widget_set_name (badge, name);
      gtk_widget_set_tooltip_text (badge, tooltip);
      gtk_widget_set_visible (badge, TRUE);
      shown++;
      badge = gtk_widget_get_next_sibling (badge);
    }
  /* Spare badges stay for the next item, hidden. */
  for (; badge != NULL; badge = gtk_widget_get_next_sibling (badge))
    {
      gtk_widget_set_visible (badge, FALSE);
      gtk_widget_set_name (badge, "");
    }
}

static void
slot_changed_cb (TdInventorySlot *slot,
                 GParamSpec      *pspec,
                 GtkListItem     *list_item)
{
  Column *column = g_object_get_data (G_OBJECT (list_item), "td-listings-column");

  fill (column, gtk_list_item_get_child (list_item), td_inventory_slot_get_item (slot));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          Column                   *column)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_widget_add_css_class (box, "td-list-badges");
  gtk_list_item_set_child (list_item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         Column                   *column)
{
  TdInventorySlot *slot = gtk_list_item_get_item (list_item);
  gulong id;

  g_object_set_data (G_OBJECT (list_item), "td-listings-column", column);
  g_hash_table_add (column->bound, list_item);
  fill (column, gtk_list_item_get_child (list_item),
        slot ? td_inventory_slot_get_item (slot) : NULL);
  if (slot == NULL)
    return;
  id = g_signal_connect (slot, "notify::item", G_CALLBACK (slot_changed_cb), list_item);
  g_object_set_data (G_OBJECT (list_item), "td-listings-handler", GSIZE_TO_POINTER ((gsize) id));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           Column                   *column)
{
  TdInventorySlot *slot = gtk_list_item_get_item (list_item);
  gulong id = (gulong) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item),
                                                            "td-listings-handler"));

  if (slot != NULL && id != 0)
    g_signal_handler_disconnect (slot, id);
  g_object_set_data (G_OBJECT (list_item), "td-listings-handler", NULL);
  g_hash_table_remove (column->bound, list_item);
}

static void
changed_cb (Column *column)
{
  if (column->refresh_source == 0)
    column->refresh_source = g_timeout_add_once (REFRESH_DELAY_MS, (GSourceOnceFunc) refresh_now,
                                                 column);
}

/* Whether the shop has any account decides whether the column shows and reads at all; the
 * engine is followed from the first account on (made on demand: not for a shop without). */
static void
load_accounts (Column *column)
{
  g_autoptr(GPtrArray) accounts = td_store_marketplaces_list (td_context_get_database (column->context),
                                                              TRUE, NULL);

  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  column->any_accounts = accounts != NULL && accounts->len > 0;
  g_hash_table_remove_all (column->shared_kinds);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const TdMarketplaceAccount *a = accounts->pdata[i];

      if (!g_hash_table_add (seen, a->kind))
        g_hash_table_add (column->shared_kinds, g_strdup (a->kind));
    }
  if (column->column != NULL)
    gtk_column_view_column_set_visible (column->column, column->any_accounts);
  if (column->any_accounts && column->engine == NULL)
    {
      column->engine = g_object_ref (td_context_get_sync_engine (column->context));
      column->engine_handler = g_signal_connect_swapped (column->engine, "changed",
                                                         G_CALLBACK (changed_cb), column);
    }
}

static void
refresh_now (Column *column)
{
  GHashTableIter iter;
  gpointer key;

  column->refresh_source = 0;
  load_accounts (column);
  g_hash_table_iter_init (&iter, column->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkListItem *list_item = key;
      TdInventorySlot *slot = gtk_list_item_get_item (list_item);

      fill (column, gtk_list_item_get_child (list_item),
            slot ? td_inventory_slot_get_item (slot) : NULL);
    }
}

/**
 * td_inventory_listings_add_column:
 * @view: the inventory's column view (rows are TdInventorySlots)
 * @context: the open shop
 * @after: (nullable): the column to put it after; %NULL: last
 *
 * Adds the "Online" column of listing badges.
 */
void
td_inventory_listings_add_column (GtkColumnView       *view,
                                  TdContext           *context,
                                  GtkColumnViewColumn *after)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column_view_column = NULL;
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *columns;
  gboolean past = after == NULL;
  Column *column;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (TD_IS_CONTEXT (context));

  column = g_new0 (Column, 1);
  column->context = g_object_ref (context);
  column->bound = g_hash_table_new (NULL, NULL);
  column->shared_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_cb), column, column_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), column);
  column->shop_handler = g_signal_connect_swapped (context, "shop-changed",
                                                   G_CALLBACK (changed_cb), column);

  /* Translators: the inventory list's column of marketplace listing badges */
  column_view_column = gtk_column_view_column_new (_("Online"), g_steal_pointer (&factory));
  gtk_column_view_column_set_resizable (column_view_column, TRUE);
  column->column = column_view_column;
  g_object_add_weak_pointer (G_OBJECT (column_view_column), (gpointer *) &column->column);

  /* GTK 4.8 has no insert_column: take the later ones off, append this one, put them back */
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (past)
        g_ptr_array_add (moved, g_object_ref (c));
      if (c == after)
        past = TRUE;
    }
  for (guint i = 0; i < moved->len; i++)
    gtk_column_view_remove_column (view, moved->pdata[i]);
  gtk_column_view_append_column (view, column_view_column);
  for (guint i = 0; i < moved->len; i++)
    gtk_column_view_append_column (view, moved->pdata[i]);

  /* An account added in Preferences meanwhile shows when staff come back to the list. */
  column->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &column->view);
  column->map_handler = g_signal_connect_swapped (view, "map", G_CALLBACK (changed_cb), column);
  load_accounts (column);
}
