/* td-demo.c — placeholder, replaced by the demo generator. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "td-demo.h"

void
td_demo_options_init (TdDemoOptions *options)
{
  *options = (TdDemoOptions) { TD_DEMO_DEFAULT_ITEMS, 60, 12, 1, 0 };
}
