/* td-store-catalogue.h — what intake forms choose from: grades, the category tree with its
 * defect checklists, and consignors found by code or name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/**
 * TdGradeInfo:
 * A condition grade as staff choose it; strings owned by the array it sits in.
 */
typedef struct
{
  gint64  id;
  char   *code;
  char   *label;
  char   *definition;   /* one line, "" when the shop wrote none */
} TdGradeInfo;

/**
 * TdCategoryInfo:
 * @path: the names from the top down joined with " › " ("Clothing › Women")
 * @defects: (array zero-terminated=1): the category's defect checklist labels
 * @depth: 0 for a top-level category
 *
 * Strings owned by the array the category sits in.
 */
typedef struct
{
  gint64  id;
  gint64  parent_id;    /* 0: top level */
  char   *code;         /* nullable */
  char   *name;
  char   *path;
  GStrv   defects;
  int     depth;
} TdCategoryInfo;

/**
 * TdConsignorMatch:
 * A consignor a search found; strings owned by the array.
 */
typedef struct
{
  gint64  id;
  char   *code;
  char   *name;
  char   *phone;
} TdConsignorMatch;

GArray *td_store_catalogue_list_grades      (TdDatabase  *db,
                                             GError     **error);
GArray *td_store_catalogue_list_categories  (TdDatabase  *db,
                                             GError     **error);
GArray *td_store_catalogue_find_consignors  (TdDatabase  *db,
                                             const char  *text,
                                             guint        limit,
                                             GError     **error);

G_END_DECLS
