/* bench-photos.h — the "photos" group of thriftdesk-bench.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

gboolean bench_photos_run (guint    reps,
                           GError **error);
