/* bench-receipt.h — receipt PDF render time, part of thriftdesk-bench's "sale" group.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

gboolean bench_receipt_run (guint    n_renders,
                            GError **error);
