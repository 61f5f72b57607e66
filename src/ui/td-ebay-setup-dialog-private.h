/* td-ebay-setup-dialog-private.h — shared by td-ebay-setup-dialog*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "td-ebay.h"
#include "td-ebay-setup-dialog.h"

G_BEGIN_DECLS

/* Aspect rows carry the aspect's name under this key. */
#define ASPECT_NAME "td-aspect"

/* Business policies: fulfillment, payment, return. */
#define TD_EBAY_SETUP_N_POLICIES 3

struct _TdEbaySetupDialog
{
  AdwWindow             parent_instance;

  TdContext            *context;
  TdMarketplaceAccount *account;
  TdMarketplace        *marketplace;
  GCancellable         *cancellable;
  JsonObject           *settings;       /* the account's, as loaded */
  guint                 pending;        /* questions to eBay under way */
  gboolean              failed;         /* a question Save depends on was refused */
  gboolean              problem_shown;  /* the status line says what went wrong */
  gboolean              opted_in;
  GPtrArray            *policies[TD_EBAY_SETUP_N_POLICIES];   /* TdEbayChoice */
  GPtrArray            *locations;      /* TdEbayChoice */
  GPtrArray            *suggestions;    /* TdEbayChoice */
  char                 *category_id;    /* the default category */
  char                 *category_name;
  char                 *focus_id;       /* the eBay category whose needs are shown */
  char                 *focus_name;
  JsonObject           *aspect_values;  /* eBay category id → {aspect: value}, as edited */
  JsonObject           *map;            /* shop category path → eBay category id */
  JsonObject           *map_names;      /* eBay category id → its name */
  char                 *mapping_path;   /* the shop category a search is for, or NULL */
  GPtrArray            *map_rows;       /* AdwActionRow per shop category */
  TdEbayCategoryNeeds  *needs;
  GPtrArray            *aspect_rows;    /* AdwEntryRow, "td-aspect" = the aspect's name */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkButton            *save_button;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkButton            *reload_button;
  AdwActionRow         *optin_row;
  GtkButton            *optin_button;
  AdwComboRow          *fulfillment_row;
  AdwComboRow          *payment_row;
  AdwComboRow          *return_row;
  AdwComboRow          *location_row;
  AdwEntryRow          *key_row;
  AdwEntryRow          *location_name_row;
  AdwEntryRow          *postal_row;
  AdwEntryRow          *country_row;
  AdwEntryRow          *search_row;
  GtkListBox           *suggestions_list;
  AdwActionRow         *category_row;
  GtkLabel             *needs_label;
  AdwPreferencesGroup  *aspects_group;
  AdwPreferencesGroup  *map_group;
};

/* td-ebay-setup-dialog.c */
const char *td_ebay_setup_dialog_setting     (TdEbaySetupDialog *self,
                                              const char        *name);
void        td_ebay_setup_dialog_say         (TdEbaySetupDialog *self,
                                              const char        *message,
                                              gboolean           problem);
void        td_ebay_setup_dialog_update_busy (TdEbaySetupDialog *self);
void        td_ebay_setup_dialog_answered    (TdEbaySetupDialog *self,
                                              const GError      *error,
                                              gboolean           blocking);

/* td-ebay-setup-dialog-category.c: search, choice and what eBay asks of the category */
void        td_ebay_setup_dialog_choose_category         (TdEbaySetupDialog *self,
                                                          const char        *id,
                                                          const char        *name);
void        td_ebay_setup_dialog_focus                   (TdEbaySetupDialog *self,
                                                          const char        *id,
                                                          const char        *name);
void        td_ebay_setup_dialog_harvest_aspects         (TdEbaySetupDialog *self);
void        td_ebay_setup_dialog_search_apply_cb         (TdEbaySetupDialog *self);
void        td_ebay_setup_dialog_suggestion_activated_cb (TdEbaySetupDialog *self,
                                                          GtkListBoxRow     *row);

/* td-ebay-setup-dialog-map.c: shop categories → eBay categories */
void        td_ebay_setup_dialog_build_map               (TdEbaySetupDialog *self);
void        td_ebay_setup_dialog_map_chosen              (TdEbaySetupDialog *self,
                                                          const char        *id,
                                                          const char        *name);

G_END_DECLS
