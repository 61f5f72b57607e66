/* td-inventory-page-listings.c — the item editor's "Online" group: the item's listing on each
 * connected marketplace account, with a badge (draft, queued, live, error, ended), the
 * marketplace's last error in plain words, and Publish / Take Down.
 *
 * Publishing and taking down apply at once (not with Save): each writes the listing and its
 * job in one store transaction and wakes the sync engine; the network is never waited on. A
 * refusal (an Etsy item that isn't vintage, an item no longer for sale) is said under the
 * group.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-inventory"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-sync.h"
#include "td-inventory-page-private.h"
#include "td-store-marketplaces.h"
#include "td-store-sync.h"

typedef struct
{
  TdContext  *context;
  gint64      item_id;
  GtkListBox *list;
  GtkLabel   *message;
} Listings;

static void listings_fill (Listings *l);

static void
listings_free (Listings *l)
{
  g_clear_object (&l->context);
  g_free (l);
}

/* The badge's words, for the states of `listing.state`. */
const char *
td_inventory_listing_state_label (const char *state)
{
  if (g_strcmp0 (state, TD_LISTING_DRAFT) == 0)
    return C_("listing", "Draft");
  if (g_strcmp0 (state, TD_LISTING_QUEUED) == 0)
    return C_("listing", "Queued");
  if (g_strcmp0 (state, TD_LISTING_LIVE) == 0)
    return C_("listing", "Live");
  if (g_strcmp0 (state, TD_LISTING_ERROR) == 0)
    return C_("listing", "Error");
  if (g_strcmp0 (state, TD_LISTING_ENDED) == 0)
    return C_("listing", "Ended");
  return C_("listing", "Not listed");
}

static void
act (GtkButton *button,
     Listings  *l,
     gboolean   publish)
{
  gint64 account_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "td-account-id"));
  TdDatabase *db = td_context_get_database (l->context);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (publish)
    ok = td_store_sync_request_publish (db, l->item_id, account_id,
                                        td_context_get_staff_id (l->context), g_get_real_time (),
                                        &error);
  else
    ok = td_store_sync_request_withdraw (db, l->item_id, account_id,
                                         td_context_get_staff_id (l->context), g_get_real_time (),
                                         &error);
  listings_fill (l);
  if (!ok)
    {
      gtk_label_set_text (l->message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (l->message), TRUE);
      return;
    }
  td_context_kick_sync (l->context);
}

static void
publish_clicked_cb (GtkButton *button,
                    Listings  *l)
{
  act (button, l, TRUE);
}

static void
withdraw_clicked_cb (GtkButton *button,
                     Listings  *l)
{
  act (button, l, FALSE);
}

static GtkWidget *
action_button (Listings   *l,
               gint64      account_id,
               const char *label,
               const char *name,
               GCallback   callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  g_autofree char *widget_name = g_strdup_printf ("%s-%" G_GINT64_FORMAT, name, account_id);

  gtk_widget_set_name (button, widget_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "td-account-id", GSIZE_TO_POINTER ((gsize) account_id));
  g_signal_connect (button, "clicked", callback, l);
  return button;
}

static const TdListingStatus *
find_listing (GPtrArray *listings,
              gint64     account_id)
{
  for (guint i = 0; listings != NULL && i < listings->len; i++)
    if (((TdListingStatus *) listings->pdata[i])->account_id == account_id)
      return listings->pdata[i];
  return NULL;
}

static void
listings_fill (Listings *l)
{
  TdDatabase *db = td_context_get_database (l->context);
  g_autoptr(GPtrArray) accounts = td_store_marketplaces_list (db, FALSE, NULL);
  g_autoptr(GPtrArray) listings = td_store_sync_item_listings (db, l->item_id, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (l->list))) != NULL)
    gtk_list_box_remove (l->list, child);
  gtk_widget_set_visible (GTK_WIDGET (l->message), FALSE);

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const TdMarketplaceAccount *a = accounts->pdata[i];
      const TdListingStatus *s = find_listing (listings, a->id);
      const char *state = s ? s->state : NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge;
      g_autofree char *badge_class = NULL;
      g_autofree char *badge_name = NULL;
      g_autofree char *subtitle = NULL;
      gboolean up = g_strcmp0 (state, TD_LISTING_QUEUED) == 0 ||
                    g_strcmp0 (state, TD_LISTING_LIVE) == 0;

      if (s != NULL && s->last_error != NULL && *s->last_error != '\0')
        /* Translators: %s is the marketplace's own message */
        subtitle = g_strdup_printf (_("The marketplace said: %s"), s->last_error);
      else if (g_strcmp0 (state, TD_LISTING_QUEUED) == 0)
        subtitle = g_strdup (_("Goes out with the next sync."));
      else if (g_strcmp0 (state, TD_LISTING_LIVE) == 0)
        subtitle = g_strdup (_("For sale online. A sale here takes it down at once."));
      else if (g_strcmp0 (state, TD_LISTING_ENDED) == 0)
        subtitle = g_strdup (_("Taken down."));
      else
        subtitle = g_strdup (_("Not on this marketplace."));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

      badge = gtk_label_new (td_inventory_listing_state_label (state));
      badge_class = g_strdup_printf ("td-badge-%s", state ? state : "none");
      badge_name = g_strdup_printf ("listing-badge-%" G_GINT64_FORMAT, a->id);
      gtk_widget_set_name (badge, badge_name);
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "td-badge");
      gtk_widget_add_css_class (badge, badge_class);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      if (!up)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   action_button (l, a->id, _("_Publish"), "publish",
                                                  G_CALLBACK (publish_clicked_cb)));
      /* A listing in error can be taken down only if it ever reached the marketplace. */
      if (up || (g_strcmp0 (state, TD_LISTING_ERROR) == 0 && s->remote_id != NULL &&
                 *s->remote_id != '\0'))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   action_button (l, a->id, _("_Take Down"), "withdraw",
                                                  G_CALLBACK (withdraw_clicked_cb)));
      gtk_list_box_append (l->list, row);
    }
}

/**
 * td_inventory_page_add_listings:
 * @box: the editor's content
 *
 * Appends the "Online" group to the item editor, when the shop has a marketplace account.
 */
void
td_inventory_page_add_listings (TdInventoryPage *self,
                                GtkBox          *box,
                                gint64           item_id)
{
  g_autoptr(GPtrArray) accounts = NULL;
  GtkWidget *group;
  Listings *l;

  accounts = td_store_marketplaces_list (td_context_get_database (self->context), FALSE, NULL);
  if (accounts == NULL || accounts->len == 0)
    return;

  l = g_new0 (Listings, 1);
  l->context = g_object_ref (self->context);
  l->item_id = item_id;
  group = adw_preferences_group_new ();
  gtk_widget_set_name (group, "online-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Online"));
  l->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (l->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (l->list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (l->list));
  l->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (l->message), "online-message");
  gtk_label_set_wrap (l->message, TRUE);
  gtk_label_set_xalign (l->message, 0.0);
  gtk_widget_set_margin_top (GTK_WIDGET (l->message), 6);
  gtk_widget_add_css_class (GTK_WIDGET (l->message), "error");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (l->message));
  g_object_set_data_full (G_OBJECT (group), "td-listings", l, (GDestroyNotify) listings_free);
  listings_fill (l);
  gtk_box_append (box, group);
}
