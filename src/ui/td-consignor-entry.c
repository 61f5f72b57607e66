/* td-consignor-entry.c — one consignor of the consignors page's list model: what a row shows,
 * read once by td_store_consignors_list(). Immutable: the page replaces entries on reload.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-consignors-page"

#include "config.h"

#include "td-consignor-entry.h"

struct _TdConsignorEntry
{
  GObject   parent_instance;

  gint64    id;
  char     *code;
  char     *name;
  gboolean  active;
  gint64    balance;
};

G_DEFINE_FINAL_TYPE (TdConsignorEntry, td_consignor_entry, G_TYPE_OBJECT)

static void
td_consignor_entry_finalize (GObject *object)
{
  TdConsignorEntry *self = (TdConsignorEntry *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (td_consignor_entry_parent_class)->finalize (object);
}

static void
td_consignor_entry_class_init (TdConsignorEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_consignor_entry_finalize;
}

static void
td_consignor_entry_init (TdConsignorEntry *self)
{
}

/**
 * td_consignor_entry_new:
 * @row: a row of td_store_consignors_list(); copied
 *
 * Returns: (transfer full): a new entry
 */
TdConsignorEntry *
td_consignor_entry_new (const TdConsignorListRow *row)
{
  TdConsignorEntry *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (TD_TYPE_CONSIGNOR_ENTRY, NULL);
  self->id = row->id;
  self->code = g_strdup (row->code);
  self->name = g_strdup (row->name);
  self->active = row->active;
  self->balance = row->balance;
  return self;
}

gint64
td_consignor_entry_get_id (TdConsignorEntry *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNOR_ENTRY (self), 0);
  return self->id;
}

const char *
td_consignor_entry_get_code (TdConsignorEntry *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNOR_ENTRY (self), NULL);
  return self->code;
}

const char *
td_consignor_entry_get_name (TdConsignorEntry *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNOR_ENTRY (self), NULL);
  return self->name;
}

gboolean
td_consignor_entry_get_active (TdConsignorEntry *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNOR_ENTRY (self), FALSE);
  return self->active;
}

/* Returns: what the shop owes them, minor units (the sum of their ledger when read) */
gint64
td_consignor_entry_get_balance (TdConsignorEntry *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNOR_ENTRY (self), 0);
  return self->balance;
}
