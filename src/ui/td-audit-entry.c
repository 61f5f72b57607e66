/* td-audit-entry.c — one audit row, as the audit viewer's columns show it.
 *
 * The texts are made once, when the row is read: the columns bind to string properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "td-audit-entry.h"

struct _TdAuditEntry
{
  GObject  parent_instance;

  gint64   id;
  char    *when;
  char    *staff;
  char    *action;
  char    *record;
  char    *detail;
};

G_DEFINE_FINAL_TYPE (TdAuditEntry, td_audit_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WHEN,
  PROP_STAFF,
  PROP_ACTION,
  PROP_RECORD,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
td_audit_entry_finalize (GObject *object)
{
  TdAuditEntry *self = (TdAuditEntry *)object;

  g_free (self->when);
  g_free (self->staff);
  g_free (self->action);
  g_free (self->record);
  g_free (self->detail);

  G_OBJECT_CLASS (td_audit_entry_parent_class)->finalize (object);
}

static void
td_audit_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdAuditEntry *self = TD_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_WHEN: g_value_set_string (value, self->when); break;
    case PROP_STAFF: g_value_set_string (value, self->staff); break;
    case PROP_ACTION: g_value_set_string (value, self->action); break;
    case PROP_RECORD: g_value_set_string (value, self->record); break;
    case PROP_DETAIL: g_value_set_string (value, self->detail); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_audit_entry_class_init (TdAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[N_PROPS] = { NULL, "when", "staff", "action", "record", "detail" };

  object_class->finalize = td_audit_entry_finalize;
  object_class->get_property = td_audit_entry_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_audit_entry_init (TdAuditEntry *self)
{
}

/**
 * td_audit_entry_new:
 * @row: a row from td_store_audit_query()
 *
 * Returns: (transfer full): the row with its texts formatted for this locale
 */
TdAuditEntry *
td_audit_entry_new (const TdAuditRow *row)
{
  TdAuditEntry *self;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (TD_TYPE_AUDIT_ENTRY, NULL);
  self->id = row->id;
  utc = g_date_time_new_from_unix_utc (row->at / G_USEC_PER_SEC);
  local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  self->when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
  self->staff = g_strdup (row->staff_name != NULL ? row->staff_name : _("Nobody signed in"));
  self->action = g_strdup (row->action);
  if (row->entity != NULL && *row->entity != '\0' && row->entity_id > 0)
    self->record = g_strdup_printf ("%s #%" G_GINT64_FORMAT, row->entity, row->entity_id);
  else
    self->record = g_strdup (row->entity ? row->entity : "");
  self->detail = g_strdup (row->detail);
  return self;
}

gint64
td_audit_entry_get_id (TdAuditEntry *self)
{
  g_return_val_if_fail (TD_IS_AUDIT_ENTRY (self), 0);

  return self->id;
}
