/* td-context.c — what the application hands down to its windows: the shop's services.
 *
 * One TdContext per open shop, built by TdApplication and given to TdWindow as a
 * construct-only property; pages get what they need from their window. It lives in the UI
 * layer because later services (marketplaces, photos) come from libraries above core.
 *
 * It also holds the per-machine preferences (GSettings: window geometry, last section, camera)
 * rather than each window, because pages other than the window need them too (the intake page
 * reads the camera device) and they reach services only through the context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-context"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context.h"
#include "td-secrets.h"
#include "td-store-staff.h"
#include "td-store.h"

struct _TdContext
{
  GObject           parent_instance;

  TdDatabase       *database;
  GSettings        *settings;   /* NULL when the schema is not installed */
  const TdCurrency *currency;
  TdMoneyFormat     money_format;
  char             *shop_name;
  gint64            staff_id;
  char             *staff_name;
  TdSecrets        *secrets;    /* made on first use */
};

G_DEFINE_FINAL_TYPE (TdContext, td_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SHOP_NAME,
  PROP_STAFF_ID,
  PROP_STAFF_NAME,
  N_PROPS
};

enum {
  SHOP_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
load_settings (TdContext *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;

  code = td_store_settings_dup (self->database, TD_SETTING_SHOP_CURRENCY, &error);
  self->currency = td_currency_lookup (code);
  if (self->currency == NULL)
    {
      g_message ("Unknown shop currency “%s”; showing amounts in USD", code ? code : "");
      self->currency = td_currency_lookup ("USD");
    }
  g_clear_error (&error);

  name = td_store_settings_dup (self->database, TD_SETTING_SHOP_NAME, &error);
  g_clear_error (&error);
  g_free (self->shop_name);
  self->shop_name = (name && *name) ? g_steal_pointer (&name) : g_strdup (_("My Shop"));
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new() aborts on a missing schema; a build tree run or a test without the
   * compiled schema must still work, only without remembering the window. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Settings schema %s is not installed; preferences are not remembered",
               APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
td_context_constructed (GObject *object)
{
  TdContext *self = (TdContext *)object;

  G_OBJECT_CLASS (td_context_parent_class)->constructed (object);

  g_assert (TD_IS_DATABASE (self->database));
  td_money_format_init_current (&self->money_format);
  self->settings = settings_new_if_installed ();
  load_settings (self);
}

static void
td_context_dispose (GObject *object)
{
  TdContext *self = (TdContext *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_object (&self->secrets);

  G_OBJECT_CLASS (td_context_parent_class)->dispose (object);
}

static void
td_context_finalize (GObject *object)
{
  TdContext *self = (TdContext *)object;

  g_clear_pointer (&self->shop_name, g_free);
  g_clear_pointer (&self->staff_name, g_free);

  G_OBJECT_CLASS (td_context_parent_class)->finalize (object);
}

static void
td_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TdContext *self = TD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_SHOP_NAME:
      g_value_set_string (value, self->shop_name);
      break;
    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;
    case PROP_STAFF_NAME:
      g_value_set_string (value, self->staff_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TdContext *self = TD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_context_class_init (TdContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = td_context_constructed;
  object_class->dispose = td_context_dispose;
  object_class->finalize = td_context_finalize;
  object_class->get_property = td_context_get_property;
  object_class->set_property = td_context_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         TD_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOP_NAME] =
    g_param_spec_string ("shop-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STAFF_NAME] =
    g_param_spec_string ("staff-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdContext::shop-changed:
   *
   * Emitted after the shop's records changed wholesale (settings saved, demo shop built),
   * so that pages reload what they show.
   */
  signals[SHOP_CHANGED] =
    g_signal_new ("shop-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
td_context_init (TdContext *self)
{
}

/**
 * td_context_new:
 * @database: the shop's main-thread connection
 *
 * Returns: (transfer full): a new #TdContext
 */
TdContext *
td_context_new (TdDatabase *database)
{
  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);

  return g_object_new (TD_TYPE_CONTEXT, "database", database, NULL);
}

/**
 * td_context_get_database:
 *
 * Returns: (transfer none): the main-thread connection. Worker threads open their own
 *   with td_database_open() on td_database_get_path().
 */
TdDatabase *
td_context_get_database (TdContext *self)
{
  g_return_val_if_fail (TD_IS_CONTEXT (self), NULL);

  return self->database;
}

const TdCurrency *
td_context_get_currency (TdContext *self)
{
  g_return_val_if_fail (TD_IS_CONTEXT (self), NULL);

  return self->currency;
}

/**
 * td_context_format_money:
 * @amount: minor units of the shop's currency
 *
 * Returns: (transfer full): the amount as this locale writes it
 */
char *
td_context_format_money (TdContext *self,
                         gint64     amount)
{
  g_return_val_if_fail (TD_IS_CONTEXT (self), NULL);

  return td_money_format (amount, self->currency, &self->money_format);
}

/**
 * td_context_dup_shop_name:
 *
 * Returns: (transfer full): the shop's name, never empty
 */
char *
td_context_dup_shop_name (TdContext *self)
{
  g_return_val_if_fail (TD_IS_CONTEXT (self), NULL);

  return g_strdup (self->shop_name);
}

/**
 * td_context_get_settings:
 *
 * Returns: (transfer none) (nullable): this machine's preferences for Thriftdesk, or %NULL
 *   when the settings schema is not installed (then nothing is remembered).
 */
GSettings *
td_context_get_settings (TdContext *self)
{
  g_return_val_if_fail (TD_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * td_context_reload:
 *
 * Re-reads the shop settings and tells everyone the shop changed.
 */
void
td_context_reload (TdContext *self)
{
  g_return_if_fail (TD_IS_CONTEXT (self));

  load_settings (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOP_NAME]);
  g_signal_emit (self, signals[SHOP_CHANGED], 0);
}

/**
 * td_context_get_staff_id:
 *
 * Returns: the staff member signed in at this counter, or 0 while the window is locked or the
 *   shop has no accounts yet. Pass it as `staff_id` to the store: the store checks it.
 */
gint64
td_context_get_staff_id (TdContext *self)
{
  g_return_val_if_fail (TD_IS_CONTEXT (self), 0);

  return self->staff_id;
}

/* Returns: (nullable): the signed-in staff member's name */
const char *
td_context_get_staff_name (TdContext *self)
{
  g_return_val_if_fail (TD_IS_CONTEXT (self), NULL);

  return self->staff_name;
}

/**
 * td_context_set_staff:
 * @staff_id: who signed in (their PIN already checked), or 0 to sign out
 *
 * Returns: %FALSE with @error when the account does not exist or is switched off
 */
gboolean
td_context_set_staff (TdContext  *self,
                      gint64      staff_id,
                      GError    **error)
{
  g_autoptr(TdStaff) staff = NULL;

  g_return_val_if_fail (TD_IS_CONTEXT (self), FALSE);

  if (staff_id > 0)
    {
      staff = td_store_staff_get (self->database, staff_id, error);
      if (staff == NULL)
        return FALSE;
    }
  if (self->staff_id == staff_id && g_strcmp0 (self->staff_name, staff ? staff->name : NULL) == 0)
    return TRUE;
  self->staff_id = staff_id;
  g_free (self->staff_name);
  self->staff_name = staff != NULL ? g_strdup (staff->name) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_NAME]);
  return TRUE;
}

/**
 * td_context_staff_can:
 * @permission: a #TdPermission
 *
 * Whether the signed-in staff member's role allows @permission (for enabling widgets; the
 * store checks again when the act is done).
 */
gboolean
td_context_staff_can (TdContext *self,
                      int        permission)
{
  g_return_val_if_fail (TD_IS_CONTEXT (self), FALSE);

  return td_store_staff_can (self->database, self->staff_id, (TdPermission) permission);
}

/**
 * td_context_get_secrets:
 *
 * The shop's secrets (receipt key, marketplace tokens): the desktop keyring, or where there is
 * none the fallback file beside the shop's database (the app's data dir for the default shop).
 *
 * Returns: (transfer none): the shop's #TdSecrets
 */
TdSecrets *
td_context_get_secrets (TdContext *self)
{
  g_return_val_if_fail (TD_IS_CONTEXT (self), NULL);

  if (self->secrets == NULL)
    {
      g_autofree char *shop_id = td_store_settings_dup (self->database, TD_SETTING_SHOP_ID, NULL);
      g_autofree char *dir = g_path_get_dirname (td_database_get_path (self->database));

      self->secrets = td_secrets_new (shop_id && *shop_id ? shop_id : "shop", dir);
    }
  return self->secrets;
}
