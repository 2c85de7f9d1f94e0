/* lk-wrap-box.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-wrap-box.h"

/* A toolbar that wraps: its children stand in a row, left to right, and
 * go on in a new row when the width runs out, the way words wrap. A child
 * that expands (a search entry) takes what its row has to spare. So the
 * toolbar is never wider than its widest child, and a window at 360 px
 * keeps every control. (AdwWrapBox is libadwaita 1.7; Debian 12 has 1.2.)
 */
struct _LkWrapBox
{
  GtkWidget parent_instance;

  int       spacing;
  int       row_spacing;
};

static void lk_wrap_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkWrapBox, lk_wrap_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, lk_wrap_box_buildable_init))

enum {
  PROP_0,
  PROP_SPACING,
  PROP_ROW_SPACING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Where each child goes at @width: its row, and its width in it. */
typedef struct {
  GtkWidget *child;
  int        row;
  int        width;
} Place;

static GArray *
lay_out (LkWrapBox *self,
         int        width,
         int       *n_rows)
{
  GArray *places = g_array_new (FALSE, FALSE, sizeof (Place));
  int row = 0;
  int used = 0;
  guint row_start = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Place place = { child, 0, 0 };
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      place.width = MIN (nat, MAX (width, min));

      /* A new row when this one is full, unless the child is alone in it. */
      if (places->len > row_start && used + self->spacing + place.width > width)
        {
          row++;
          used = 0;
          row_start = places->len;
        }
      used += (places->len > row_start ? self->spacing : 0) + place.width;
      place.row = row;
      g_array_append_val (places, place);
    }

  /* What a row has to spare goes to its children that expand. */
  for (guint i = 0; i < places->len;)
    {
      guint end = i;
      int row_used = 0;
      int expanding = 0;

      while (end < places->len && g_array_index (places, Place, end).row == g_array_index (places, Place, i).row)
        {
          Place *place = &g_array_index (places, Place, end);

          row_used += (end > i ? self->spacing : 0) + place->width;
          expanding += gtk_widget_compute_expand (place->child, GTK_ORIENTATION_HORIZONTAL);
          end++;
        }
      for (guint j = i; j < end && expanding > 0 && row_used < width; j++)
        {
          Place *place = &g_array_index (places, Place, j);

          if (gtk_widget_compute_expand (place->child, GTK_ORIENTATION_HORIZONTAL))
            place->width += (width - row_used) / expanding;
        }
      i = end;
    }

  *n_rows = places->len > 0 ? row + 1 : 0;
  return places;
}

static int
row_height (GArray *places,
            guint   first,
            guint  *end)
{
  int height = 0;
  guint i;

  for (i = first; i < places->len && g_array_index (places, Place, i).row == g_array_index (places, Place, first).row; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      int nat;

      gtk_widget_measure (place->child, GTK_ORIENTATION_VERTICAL, place->width, NULL, &nat, NULL, NULL);
      height = MAX (height, nat);
    }

  *end = i;
  return height;
}

static GtkSizeRequestMode
lk_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
lk_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  LkWrapBox *self = LK_WRAP_BOX (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      guint n = 0;

      /* As narrow as the widest child; as wide as all of them in one row. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        {
          int min, nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural += (n++ > 0 ? self->spacing : 0) + nat;
        }
    }
  else
    {
      int width = for_size;
      g_autoptr(GArray) places = NULL;
      int n_rows;

      /* With no width given, the natural one: every child in one row. */
      if (width < 0)
        lk_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &(int){ 0 }, &width, NULL, NULL);

      places = lay_out (self, width, &n_rows);
      for (guint i = 0; i < places->len;)
        *natural += (i > 0 ? self->row_spacing : 0) + row_height (places, i, &i);
      *minimum = *natural;
    }
}

static void
lk_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  LkWrapBox *self = LK_WRAP_BOX (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  g_autoptr(GArray) places = NULL;
  int n_rows;
  int y = 0;

  places = lay_out (self, width, &n_rows);
  for (guint i = 0; i < places->len;)
    {
      guint end;
      int line = row_height (places, i, &end);
      int x = 0;

      for (; i < end; i++)
        {
          Place *place = &g_array_index (places, Place, i);
          GtkAllocation allocation = { rtl ? width - x - place->width : x, y, place->width, line };

          gtk_widget_size_allocate (place->child, &allocation, -1);
          x += place->width + self->spacing;
        }
      y += line + self->row_spacing;
    }
}

static void
lk_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lk_wrap_box_parent_class)->dispose (object);
}

static void
lk_wrap_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LkWrapBox *self = LK_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    case PROP_ROW_SPACING:
      g_value_set_int (value, self->row_spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_wrap_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LkWrapBox *self = LK_WRAP_BOX (object);
  int *field;

  switch (prop_id)
    {
    case PROP_SPACING:
      field = &self->spacing;
      break;

    case PROP_ROW_SPACING:
      field = &self->row_spacing;
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (*field == g_value_get_int (value))
    return;
  *field = g_value_get_int (value);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (object, pspec);
}

static void
lk_wrap_box_class_init (LkWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_wrap_box_dispose;
  object_class->get_property = lk_wrap_box_get_property;
  object_class->set_property = lk_wrap_box_set_property;

  widget_class->get_request_mode = lk_wrap_box_get_request_mode;
  widget_class->measure = lk_wrap_box_measure;
  widget_class->size_allocate = lk_wrap_box_size_allocate;

  properties [PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT16, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ROW_SPACING] =
    g_param_spec_int ("row-spacing", NULL, NULL, 0, G_MAXINT16, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wrapbox");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
lk_wrap_box_init (LkWrapBox *self)
{
}

/* <child> in a .ui file */

static GtkBuildableIface *parent_buildable_iface;

static void
lk_wrap_box_add_child (GtkBuildable *buildable,
                       GtkBuilder   *builder,
                       GObject      *child,
                       const char   *type)
{
  if (GTK_IS_WIDGET (child))
    lk_wrap_box_append (LK_WRAP_BOX (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
lk_wrap_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = lk_wrap_box_add_child;
}

LkWrapBox *
lk_wrap_box_new (void)
{
  return g_object_new (LK_TYPE_WRAP_BOX, NULL);
}

/**
 * lk_wrap_box_append:
 * @self: a #LkWrapBox
 * @child: a widget without a parent
 */
void
lk_wrap_box_append (LkWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (LK_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}
