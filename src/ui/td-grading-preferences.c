/* td-grading-preferences.c — the Preferences page for the grading scale and the categories'
 * defect checklists.
 *
 * Each grade is an expander row: its name, one-line definition, the eBay, Etsy and Shopify
 * values, whether it is in use, Save, and arrows to move it up or down the scale. A refused
 * change marks the field with the `error` style, says why under it, and saves nothing (the
 * store checks everything: td_store_grades_save()). Retired grades stay listed, dimmed, and
 * can be brought back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "td-grading-preferences.h"
#include "td-store-catalogue.h"
#include "td-store-grades.h"

typedef struct
{
  gint64          id;
  AdwExpanderRow *expander;
  AdwEntryRow    *label;
  AdwEntryRow    *definition;
  AdwEntryRow    *ebay;
  AdwEntryRow    *etsy;
  AdwEntryRow    *shopify;
  GtkSwitch      *active;
  AdwActionRow   *save_row;
  GtkLabel       *message;    /* why a change was refused */
} GradeRow;

struct _TdGradingPreferences
{
  AdwPreferencesPage    parent_instance;

  TdContext            *context;
  GPtrArray            *grade_rows;   /* GradeRow, in the scale's order */
  GArray               *categories;   /* TdCategoryInfo */
  gboolean              loading;

  /* Template widgets */
  AdwPreferencesGroup  *scale_group;
  AdwEntryRow          *new_label_row;
  AdwEntryRow          *new_definition_row;
  GtkLabel             *new_message;
  GtkButton            *add_button;
  AdwComboRow          *category_row;
  AdwEntryRow          *defects_row;
  GtkLabel             *defects_message;
};

G_DEFINE_FINAL_TYPE (TdGradingPreferences, td_grading_preferences, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_grades (TdGradingPreferences *self);

static TdDatabase *
get_db (TdGradingPreferences *self)
{
  return td_context_get_database (self->context);
}

static void
toast (TdGradingPreferences *self,
       const char           *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static void
set_message (GtkLabel   *label,
             const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* All the problems of a refusal as one paragraph, each field marked. Returns FALSE when the
 * error is not a refusal with problems (it is then shown as a toast). */
static gboolean
show_problems (TdGradingPreferences *self,
               const GError         *error,
               GtkWidget           *(*field_widget) (gpointer data, const char *field),
               gpointer              data,
               GString              *text)
{
  GPtrArray *problems = td_stock_error_get_problems (error);

  if (problems == NULL)
    {
      toast (self, error->message);
      return FALSE;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      const TdFieldProblem *p = g_ptr_array_index (problems, i);
      GtkWidget *widget = field_widget (data, p->field);

      if (widget != NULL)
        gtk_widget_add_css_class (widget, "error");
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, p->message);
    }
  return TRUE;
}

/* ---- One grade ---------------------------------------------------------------------------- */

static GtkWidget *
grade_field_widget (gpointer    data,
                    const char *field)
{
  GradeRow *row = data;

  if (g_strcmp0 (field, TD_FIELD_GRADE_LABEL) == 0)
    return GTK_WIDGET (row->label);
  if (g_strcmp0 (field, TD_FIELD_GRADE_DEFINITION) == 0)
    return GTK_WIDGET (row->definition);
  if (g_strcmp0 (field, TD_FIELD_GRADE_EBAY) == 0)
    return GTK_WIDGET (row->ebay);
  if (g_strcmp0 (field, TD_FIELD_GRADE_ETSY) == 0)
    return GTK_WIDGET (row->etsy);
  if (g_strcmp0 (field, TD_FIELD_GRADE_SHOPIFY) == 0)
    return GTK_WIDGET (row->shopify);
  return NULL;
}

static void
clear_grade_problems (GradeRow *row)
{
  GtkWidget *fields[] = { GTK_WIDGET (row->label), GTK_WIDGET (row->definition),
                          GTK_WIDGET (row->ebay), GTK_WIDGET (row->etsy),
                          GTK_WIDGET (row->shopify) };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_remove_css_class (fields[i], "error");
  gtk_widget_set_visible (GTK_WIDGET (row->message), FALSE);
}

static AdwEntryRow *
entry_row (AdwExpanderRow *expander,
           const char     *title,
           const char     *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_expander_row_add_row (expander, row);
  return ADW_ENTRY_ROW (row);
}

static void
save_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  TdGradingPreferences *self = g_object_get_data (G_OBJECT (button), "td-page");

  td_grading_preferences_save_grade (self, GPOINTER_TO_UINT (user_data));
}

static void
move_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  TdGradingPreferences *self = g_object_get_data (G_OBJECT (button), "td-page");
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "td-delta"));

  td_grading_preferences_move_grade (self, GPOINTER_TO_UINT (user_data), delta);
}

static GtkWidget *
page_button (TdGradingPreferences *self,
             const char           *label,
             const char           *tooltip,
             guint                 index,
             GCallback             callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data (G_OBJECT (button), "td-page", self);
  g_signal_connect (button, "clicked", callback, GUINT_TO_POINTER (index));
  return button;
}

static GradeRow *
grade_row_new (TdGradingPreferences *self,
               const TdGradeRecord  *g,
               guint                 index,
               guint                 n_grades)
{
  GradeRow *row = g_new0 (GradeRow, 1);
  GtkWidget *active_row = adw_action_row_new ();
  GtkWidget *up, *down, *save;
  g_autofree char *subtitle = NULL;

  row->id = g->id;
  row->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), g->label);
  /* Translators: the subtitle of a grade the shop no longer uses; %s is its definition */
  subtitle = g->active ? g_strdup (g->definition) : g_strdup_printf (_("Retired · %s"),
                                                                      g->definition);
  adw_expander_row_set_subtitle (row->expander, subtitle);
  if (!g->active)
    gtk_widget_add_css_class (GTK_WIDGET (row->expander), "dim-label");

  row->label = entry_row (row->expander, _("Name"), g->label);
  row->definition = entry_row (row->expander, _("One-Line Definition"), g->definition);
  row->ebay = entry_row (row->expander, _("eBay Condition"), g->ebay);
  row->etsy = entry_row (row->expander, _("Etsy Condition"), g->etsy);
  row->shopify = entry_row (row->expander, _("Shopify Condition"), g->shopify);

  row->active = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (row->active, g->active);
  gtk_widget_set_valign (GTK_WIDGET (row->active), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (active_row), _("In Use"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (active_row),
                               _("A retired grade is no longer offered at intake; items keep it."));
  adw_action_row_add_suffix (ADW_ACTION_ROW (active_row), GTK_WIDGET (row->active));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (active_row), GTK_WIDGET (row->active));
  adw_expander_row_add_row (row->expander, active_row);

  row->save_row = ADW_ACTION_ROW (adw_action_row_new ());
  row->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (row->message, TRUE);
  gtk_label_set_xalign (row->message, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (row->message), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (row->message), FALSE);
  adw_action_row_add_prefix (row->save_row, GTK_WIDGET (row->message));
  /* Moving is beside Save, inside the row: arrows next to the expander's own would look
   * like it. */
  up = page_button (self, _("Move _Up"), _("Towards the best grade"), index,
                    G_CALLBACK (move_clicked_cb));
  g_object_set_data (G_OBJECT (up), "td-delta", GINT_TO_POINTER (-1));
  gtk_widget_set_sensitive (up, index > 0);
  down = page_button (self, _("Move _Down"), NULL, index, G_CALLBACK (move_clicked_cb));
  g_object_set_data (G_OBJECT (down), "td-delta", GINT_TO_POINTER (1));
  gtk_widget_set_sensitive (down, index + 1 < n_grades);
  save = page_button (self, _("_Save"), NULL, index, G_CALLBACK (save_clicked_cb));
  gtk_widget_add_css_class (save, "suggested-action");
  adw_action_row_add_suffix (row->save_row, up);
  adw_action_row_add_suffix (row->save_row, down);
  adw_action_row_add_suffix (row->save_row, save);
  adw_expander_row_add_row (row->expander, GTK_WIDGET (row->save_row));
  return row;
}

static void
load_grades (TdGradingPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grades = td_store_grades_list (get_db (self), &error);

  for (guint i = 0; i < self->grade_rows->len; i++)
    {
      GradeRow *row = g_ptr_array_index (self->grade_rows, i);

      adw_preferences_group_remove (self->scale_group, GTK_WIDGET (row->expander));
    }
  g_ptr_array_set_size (self->grade_rows, 0);
  if (grades == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < grades->len; i++)
    {
      GradeRow *row = grade_row_new (self, &g_array_index (grades, TdGradeRecord, i), i,
                                     grades->len);

      g_ptr_array_add (self->grade_rows, row);
      adw_preferences_group_add (self->scale_group, GTK_WIDGET (row->expander));
    }
}

/* ---- Adding a grade ----------------------------------------------------------------------- */

static GtkWidget *
new_field_widget (gpointer    data,
                  const char *field)
{
  TdGradingPreferences *self = data;

  if (g_strcmp0 (field, TD_FIELD_GRADE_DEFINITION) == 0)
    return GTK_WIDGET (self->new_definition_row);
  return GTK_WIDGET (self->new_label_row);
}

static void
add_grade_cb (TdGradingPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  TdGradeRecord grade = {
    .label = (char *) gtk_editable_get_text (GTK_EDITABLE (self->new_label_row)),
    .definition = (char *) gtk_editable_get_text (GTK_EDITABLE (self->new_definition_row)),
    .active = TRUE,
  };

  if (!td_store_grades_save (get_db (self), 0, &grade, g_get_real_time (), NULL, &error))
    {
      if (show_problems (self, error, new_field_widget, self, text))
        set_message (self->new_message, text->str);
      return;
    }
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->new_label_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_definition_row), "");
  self->loading = FALSE;
  set_message (self->new_message, NULL);
  load_grades (self);
}

static void
row_changed_cb (TdGradingPreferences *self,
                GtkEditable          *row)
{
  if (self->loading)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (row == GTK_EDITABLE (self->defects_row))
    set_message (self->defects_message, NULL);
  else
    set_message (self->new_message, NULL);
}

/* ---- Defect checklists -------------------------------------------------------------------- */

static const TdCategoryInfo *
selected_category (TdGradingPreferences *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  if (self->categories == NULL || selected >= self->categories->len)
    return NULL;
  return &g_array_index (self->categories, TdCategoryInfo, selected);
}

static void
category_selected_cb (TdGradingPreferences *self)
{
  const TdCategoryInfo *category = selected_category (self);
  g_autofree char *text = NULL;

  if (category == NULL)
    return;
  text = g_strjoinv (", ", category->defects);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->defects_row), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->defects_row), "error");
  set_message (self->defects_message, NULL);
  self->loading = FALSE;
}

static GtkWidget *
defects_field_widget (gpointer    data,
                      const char *field)
{
  return GTK_WIDGET (((TdGradingPreferences *) data)->defects_row);
}

static void
load_categories (TdGradingPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) paths = gtk_string_list_new (NULL);
  guint selected = adw_combo_row_get_selected (self->category_row);

  g_clear_pointer (&self->categories, g_array_unref);
  self->categories = td_store_catalogue_list_categories (get_db (self), &error);
  if (self->categories == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < self->categories->len; i++)
    gtk_string_list_append (paths, g_array_index (self->categories, TdCategoryInfo, i).path);
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (paths));
  if (selected < self->categories->len)
    adw_combo_row_set_selected (self->category_row, selected);
  category_selected_cb (self);
}

static void
defects_apply_cb (TdGradingPreferences *self)
{
  const TdCategoryInfo *category = selected_category (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) defects = NULL;

  if (category == NULL)
    return;
  defects = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->defects_row)), ",", -1);
  if (!td_store_categories_set_defects (get_db (self), category->id,
                                        (const char * const *) defects, g_get_real_time (),
                                        &error))
    {
      if (show_problems (self, error, defects_field_widget, self, text))
        set_message (self->defects_message, text->str);
      return;
    }
  load_categories (self);
  toast (self, _("Checklist saved"));
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
td_grading_preferences_constructed (GObject *object)
{
  TdGradingPreferences *self = TD_GRADING_PREFERENCES (object);

  G_OBJECT_CLASS (td_grading_preferences_parent_class)->constructed (object);

  g_assert (TD_IS_CONTEXT (self->context));
  load_grades (self);
  load_categories (self);
}

static void
td_grading_preferences_dispose (GObject *object)
{
  TdGradingPreferences *self = TD_GRADING_PREFERENCES (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->categories, g_array_unref);

  G_OBJECT_CLASS (td_grading_preferences_parent_class)->dispose (object);
}

static void
td_grading_preferences_finalize (GObject *object)
{
  TdGradingPreferences *self = TD_GRADING_PREFERENCES (object);

  g_clear_pointer (&self->grade_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (td_grading_preferences_parent_class)->finalize (object);
}

static void
td_grading_preferences_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TdGradingPreferences *self = TD_GRADING_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_grading_preferences_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TdGradingPreferences *self = TD_GRADING_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_grading_preferences_class_init (TdGradingPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_grading_preferences_constructed;
  object_class->dispose = td_grading_preferences_dispose;
  object_class->finalize = td_grading_preferences_finalize;
  object_class->get_property = td_grading_preferences_get_property;
  object_class->set_property = td_grading_preferences_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-grading-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, TdGradingPreferences, scale_group);
  gtk_widget_class_bind_template_child (widget_class, TdGradingPreferences, new_label_row);
  gtk_widget_class_bind_template_child (widget_class, TdGradingPreferences, new_definition_row);
  gtk_widget_class_bind_template_child (widget_class, TdGradingPreferences, new_message);
  gtk_widget_class_bind_template_child (widget_class, TdGradingPreferences, add_button);
  gtk_widget_class_bind_template_child (widget_class, TdGradingPreferences, category_row);
  gtk_widget_class_bind_template_child (widget_class, TdGradingPreferences, defects_row);
  gtk_widget_class_bind_template_child (widget_class, TdGradingPreferences, defects_message);
  gtk_widget_class_bind_template_callback (widget_class, add_grade_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, defects_apply_cb);
}

static void
td_grading_preferences_init (TdGradingPreferences *self)
{
  self->grade_rows = g_ptr_array_new_with_free_func (g_free);
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
}

/**
 * td_grading_preferences_new:
 * @context: the open shop
 *
 * Returns: (transfer floating): the page
 */
TdGradingPreferences *
td_grading_preferences_new (TdContext *context)
{
  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  return g_object_new (TD_TYPE_GRADING_PREFERENCES, "context", context, NULL);
}

/**
 * td_grading_preferences_save_grade:
 * @index: the grade's place in the scale, 0 = best
 *
 * Saves what is typed in the grade's fields (the Save button). A refusal marks the fields and
 * says why under them; nothing is saved then.
 *
 * Returns: whether the grade was saved
 */
gboolean
td_grading_preferences_save_grade (TdGradingPreferences *self,
                                   guint                 index)
{
  GradeRow *row;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  TdGradeRecord grade;

  g_return_val_if_fail (TD_IS_GRADING_PREFERENCES (self), FALSE);
  g_return_val_if_fail (index < self->grade_rows->len, FALSE);

  row = g_ptr_array_index (self->grade_rows, index);
  clear_grade_problems (row);
  grade = (TdGradeRecord) {
    .label = (char *) gtk_editable_get_text (GTK_EDITABLE (row->label)),
    .definition = (char *) gtk_editable_get_text (GTK_EDITABLE (row->definition)),
    .active = gtk_switch_get_active (row->active),
    .ebay = (char *) gtk_editable_get_text (GTK_EDITABLE (row->ebay)),
    .etsy = (char *) gtk_editable_get_text (GTK_EDITABLE (row->etsy)),
    .shopify = (char *) gtk_editable_get_text (GTK_EDITABLE (row->shopify)),
  };
  if (!td_store_grades_save (get_db (self), row->id, &grade, g_get_real_time (), NULL, &error))
    {
      if (show_problems (self, error, grade_field_widget, row, text))
        {
          gtk_label_set_text (row->message, text->str);
          gtk_widget_set_visible (GTK_WIDGET (row->message), TRUE);
        }
      return FALSE;
    }
  load_grades (self);
  toast (self, _("Grade saved"));
  return TRUE;
}

/**
 * td_grading_preferences_move_grade:
 * @index: the grade's place in the scale
 * @delta: −1 up (towards the best grade), +1 down
 *
 * Returns: whether the scale was reordered
 */
gboolean
td_grading_preferences_move_grade (TdGradingPreferences *self,
                                   guint                 index,
                                   int                   delta)
{
  g_autoptr(GError) error = NULL;
  GradeRow *row;

  g_return_val_if_fail (TD_IS_GRADING_PREFERENCES (self), FALSE);
  g_return_val_if_fail (index < self->grade_rows->len, FALSE);

  row = g_ptr_array_index (self->grade_rows, index);
  if (!td_store_grades_move (get_db (self), row->id, delta, g_get_real_time (), &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  load_grades (self);
  return TRUE;
}

/**
 * td_grading_preferences_get_field:
 * @index: the grade's place in the scale
 * @field: a `TD_FIELD_GRADE_*` name, "active" (the switch), "expander" or "message" (the label
 *   saying why a change was refused)
 *
 * Returns: (transfer none) (nullable): the widget, for tests and keyboard focus
 */
GtkWidget *
td_grading_preferences_get_field (TdGradingPreferences *self,
                                  guint                 index,
                                  const char           *field)
{
  GradeRow *row;

  g_return_val_if_fail (TD_IS_GRADING_PREFERENCES (self), NULL);

  if (index >= self->grade_rows->len)
    return NULL;
  row = g_ptr_array_index (self->grade_rows, index);
  if (g_strcmp0 (field, "active") == 0)
    return GTK_WIDGET (row->active);
  if (g_strcmp0 (field, "expander") == 0)
    return GTK_WIDGET (row->expander);
  if (g_strcmp0 (field, "message") == 0)
    return GTK_WIDGET (row->message);
  return grade_field_widget (row, field);
}
