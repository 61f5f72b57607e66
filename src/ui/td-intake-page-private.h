/* td-intake-page-private.h — shared by td-intake-page.c (the session and its form) and
 * td-intake-page-documents.c (tags and the intake slip).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-consignor.h"
#include "td-intake-page.h"
#include "td-money.h"
#include "td-store-catalogue.h"

G_BEGIN_DECLS

/* An item taken in during this session, as the side list and the documents need it. */
typedef struct
{
  gint64  item_id;
  char   *sku;
  char   *title;
  char   *size;
  char   *grade;     /* the grade's label, nullable */
  gint64  price;
} TdIntakeLine;

struct _TdIntakePage
{
  AdwBin                parent_instance;

  TdContext            *context;
  TdMoneyFormat         money_format;

  GArray               *grades;          /* TdGradeInfo */
  GArray               *categories;      /* TdCategoryInfo */
  GArray               *owner_matches;   /* TdConsignorMatch */

  /* The session */
  gint64                intake_id;       /* 0: none yet */
  TdAcquisition         acquisition;
  TdConsignor          *consignor;       /* consigned bags only */
  GArray               *lines;           /* TdIntakeLine */
  gint64                started_at;
  gboolean              finished;

  gboolean              has_suggestion;
  gint64                suggested_price;

  GPtrArray            *defect_checks;   /* GtkCheckButton, one per checklist label */
  GHashTable           *error_rows;      /* field name → AdwActionRow holding its message */
  GHashTable           *field_widgets;   /* field name → the row the field is typed in */

  GtkFileChooserNative *chooser;
  AdwToast             *saved_toast;     /* weak: the newest "Saved as" toast */
  GtkWidget            *photo_strip;     /* TdPhotoStrip of the newest item (-photos.c) */

  /* Template widgets */
  GtkStack             *mode_stack;
  GtkSearchEntry       *consignor_entry;
  GtkListBox           *owner_list;
  AdwPreferencesGroup  *new_consignor_group;
  AdwEntryRow          *new_code_row;
  AdwEntryRow          *new_name_row;
  AdwEntryRow          *new_phone_row;
  GtkScrolledWindow    *form_scroller;
  GtkWidget            *form_box;
  AdwPreferencesGroup  *item_group;
  AdwEntryRow          *title_row;
  AdwActionRow         *category_row;
  GtkDropDown          *category_dropdown;
  AdwEntryRow          *brand_row;
  AdwEntryRow          *size_row;
  AdwEntryRow          *colour_row;
  AdwEntryRow          *material_row;
  GtkTextView          *description_view;
  AdwComboRow          *grade_row;
  AdwPreferencesGroup  *defects_group;
  GtkFlowBox           *defects_box;
  AdwEntryRow          *price_row;
  GtkButton            *suggest_button;
  AdwActionRow         *suggestion_row;
  AdwEntryRow          *min_price_row;
  AdwEntryRow          *cost_row;
  AdwEntryRow          *quantity_row;
  AdwEntryRow          *codes_row;
  GtkWidget            *side_box;
  GtkWidget            *side_separator;
  GtkLabel             *owner_label;
  GtkLabel             *terms_label;
  GtkLabel             *count_label;
  GtkListBox           *session_list;
  AdwStatusPage        *done_page;
  AdwComboRow          *tag_format_row;
  GtkWidget            *slip_button;
};

/* td-intake-page.c */
TdDatabase *td_intake_page_get_db           (TdIntakePage       *self);
void        td_intake_page_update_actions   (TdIntakePage       *self);
char       *td_intake_page_format_share     (int                 share_bp);
void        td_intake_page_toast            (TdIntakePage       *self,
                                             const char         *message);
void        td_intake_page_clear_problems   (TdIntakePage       *self);
gboolean    td_intake_page_show_problems    (TdIntakePage       *self,
                                             GPtrArray          *problems,
                                             const char * const *order,
                                             guint               n_order);

/* td-intake-page-fields.c */
void        td_intake_page_class_init_fields (GtkWidgetClass    *widget_class);
void        td_intake_page_init_fields      (TdIntakePage       *self);
void        td_intake_page_load_catalogue   (TdIntakePage       *self);
void        td_intake_page_update_suggestion (TdIntakePage      *self);
const TdCategoryInfo *td_intake_page_get_category (TdIntakePage *self);
const TdGradeInfo    *td_intake_page_get_grade    (TdIntakePage *self);

/* td-intake-page-owner.c */
void        td_intake_page_class_init_owner (GtkWidgetClass     *widget_class);
void        td_intake_page_init_owner       (TdIntakePage       *self);

void        td_intake_page_update_session_labels (TdIntakePage  *self);

/* td-intake-page-undo.c */
void        td_intake_page_class_init_undo  (GtkWidgetClass     *widget_class);
void        td_intake_page_toast_saved      (TdIntakePage       *self,
                                             const TdIntakeLine *line);
gboolean    td_intake_page_undo_last        (TdIntakePage       *self);

/* td-intake-page-photos.c */
void        td_intake_page_show_photos      (TdIntakePage       *self,
                                             const TdIntakeLine *line);

/* td-intake-page-documents.c */
void td_intake_page_save_tags_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter);
void td_intake_page_save_slip_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter);

G_END_DECLS
