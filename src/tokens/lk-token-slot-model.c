/* lk-token-slot-model.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-token-slot-model"

#include "config.h"

#include "lk-token-slot-model.h"

/* The Tokens page's rows: an LkTokenListModel seen through positional
 * rows, and the selection, kept by token.
 *
 * GTK 4.8 keeps about 200 rows bound and, when their items change, builds
 * their widgets anew: a keystroke in a search over 100,000 tokens cost
 * ~100 ms that way. Here the rows stay; a change of the list gives them
 * other tokens, and only a change of length reaches the view as
 * items-changed. The rows on screen take their new token at once; the
 * rows bound off screen are "stale" until the view asks for them, a few
 * per frame (lk_token_slot_model_catch_up()), or they scroll in.
 *
 * A change of length builds or destroys rows in GTK 4.8, as many as it
 * keeps bound: from no match back to 16,000 is 200 rows built in one
 * items-changed. So the length follows the list a few rows per frame
 * too; rows past the list's end show no token until they go.
 *
 * As the rows stay while the tokens move, the selection belongs to the
 * tokens: a selected token stays selected wherever a sort puts it, and
 * one that the search hides is no longer selected, so that nothing
 * unseen is revoked.
 */

/* Rows just outside the screen that are updated with it. */
#define VISIBLE_MARGIN 4

/* Rows built or destroyed along with a change of the list. */
#define ROWS_AT_ONCE 16

struct _LkTokenSlotModel
{
  GObject           parent_instance;

  LkTokenListModel *tokens;
  guint             n_items;
  GHashTable       *rows;           /* position → LkTokenSlot; not owned, the view owns them */
  GHashTable       *stale_rows;     /* LkTokenSlot set: their token is not the one at their position */
  guint             n_rows_made;
  guint             first_visible;
  guint             n_visible;
  gboolean          pending;
  GHashTable       *selected;       /* LkToken set, owned */
};

static void lk_token_slot_model_list_model_init      (GListModelInterface        *iface);
static void lk_token_slot_model_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkTokenSlotModel, lk_token_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, lk_token_slot_model_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      lk_token_slot_model_selection_model_init))

enum {
  PROP_0,
  PROP_TOKENS,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
on_row_finalized (gpointer  data,
                  GObject  *where_the_object_was)
{
  LkTokenSlotModel *self = data;
  LkTokenSlot *row = (LkTokenSlot *) where_the_object_was;
  gpointer key = GUINT_TO_POINTER (lk_token_slot_get_position (row));

  if (g_hash_table_lookup (self->rows, key) == row)
    g_hash_table_remove (self->rows, key);

  g_hash_table_remove (self->stale_rows, row);
}

static guint
get_target_n_items (LkTokenSlotModel *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->tokens));
}

static void
update_pending (LkTokenSlotModel *self)
{
  gboolean pending = g_hash_table_size (self->stale_rows) > 0 || self->n_items != get_target_n_items (self);

  if (pending == self->pending)
    return;

  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PENDING]);
}

static void
forget_row (LkTokenSlotModel *self,
            LkTokenSlot      *row)
{
  g_object_weak_unref (G_OBJECT (row), on_row_finalized, self);
  g_hash_table_remove (self->stale_rows, row);
}

static gboolean
is_near_screen (LkTokenSlotModel *self,
                guint            position)
{
  return (guint64) position + VISIBLE_MARGIN >= self->first_visible &&
         (guint64) position < (guint64) self->first_visible + self->n_visible + VISIBLE_MARGIN;
}

static guint
distance_from_screen (LkTokenSlotModel *self,
                      guint            position)
{
  if (position < self->first_visible)
    return self->first_visible - position;

  if ((guint64) position >= (guint64) self->first_visible + self->n_visible)
    return (guint) MIN ((guint64) position - self->first_visible - self->n_visible, G_MAXUINT);

  return 0;
}

static void
update_row (LkTokenSlotModel *self,
            LkTokenSlot      *row)
{
  g_hash_table_remove (self->stale_rows, row);
  lk_token_slot_set_token (row, lk_token_list_model_get_token (self->tokens, lk_token_slot_get_position (row)));
}

/* Rows are updated after the walk over the table: their notify runs the cells' code. */
static void
update_rows (LkTokenSlotModel *self,
             GPtrArray       *rows)
{
  for (guint i = 0; i < rows->len; i++)
    update_row (self, g_ptr_array_index (rows, i));
}

/* The last position GTK holds a row for, or -1. */
static gint64
last_row_position (LkTokenSlotModel *self)
{
  GHashTableIter iter;
  gpointer row;
  gint64 last = -1;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    last = MAX (last, (gint64) lk_token_slot_get_position (row));

  return last;
}

/* Rows in the range go; the rows after it move up. */
static void
remove_positions (LkTokenSlotModel *self,
                  guint            position,
                  guint            n_removed)
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LkTokenSlot *row = value;
      guint row_position = lk_token_slot_get_position (row);

      if (row_position < position)
        continue;

      g_hash_table_iter_remove (&iter);
      if (row_position - position < n_removed)
        forget_row (self, row);
      else
        g_ptr_array_add (moved, row);
    }

  for (guint i = 0; i < moved->len; i++)
    {
      LkTokenSlot *row = g_ptr_array_index (moved, i);

      lk_token_slot_set_position (row, lk_token_slot_get_position (row) - n_removed);
      g_hash_table_insert (self->rows, GUINT_TO_POINTER (lk_token_slot_get_position (row)), row);
    }
}

/* Brings the view's length one step nearer the list's.
 *
 * Rows past the list's end go from the last: removing rows before others
 * makes GTK 4.8 move every bound row, some 10 ms whatever the number. Only
 * blank rows on screen go from the first, with the change that made them.
 */
static void
step_length (LkTokenSlotModel *self,
             guint            max_rows,
             gboolean         with_change)
{
  guint target = get_target_n_items (self);

  if (self->n_items > target)
    {
      gint64 last_row = last_row_position (self);
      guint n_removed;

      /* Past the rows GTK holds, removing costs nothing. */
      if (last_row + 1 < self->n_items)
        {
          guint first_free = (guint) MAX (last_row + 1, (gint64) target);

          n_removed = self->n_items - first_free;
          self->n_items = first_free;
          g_list_model_items_changed (G_LIST_MODEL (self), first_free, n_removed, 0);
        }

      n_removed = MIN (self->n_items - target, max_rows);
      if (n_removed == 0)
        return;

      if (with_change && target > 0 && is_near_screen (self, target))
        {
          /* Nothing follows them: GTK binds no others in their place. */
          remove_positions (self, target, n_removed);
          self->n_items -= n_removed;
          g_list_model_items_changed (G_LIST_MODEL (self), target, n_removed, 0);
        }
      else if (!with_change)
        {
          self->n_items -= n_removed;
          remove_positions (self, self->n_items, n_removed);
          g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, n_removed, 0);
        }
    }
  else if (self->n_items < target)
    {
      guint old_n = self->n_items;
      guint n_added = MIN (target - old_n, max_rows);
      guint n_rows_made = self->n_rows_made;

      self->n_items += n_added;
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, n_added);

      /* GTK made fewer rows than it got: the rest is past those it keeps. */
      if (self->n_rows_made - n_rows_made < n_added && self->n_items < target)
        {
          old_n = self->n_items;
          self->n_items = target;
          g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, target - old_n);
        }
    }
}

/* A token that the search hides is no longer selected. Returns whether
 * anything was selected: what stays may be at other positions now.
 */
static gboolean
keep_shown_selection (LkTokenSlotModel *self)
{
  GHashTable *shown_selected;

  if (g_hash_table_size (self->selected) == 0)
    return FALSE;

  shown_selected = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  for (guint i = 0; i < get_target_n_items (self); i++)
    {
      LkToken *token = lk_token_list_model_get_token (self->tokens, i);

      if (g_hash_table_contains (self->selected, token))
        g_hash_table_add (shown_selected, g_object_ref (token));
    }

  g_hash_table_unref (self->selected);
  self->selected = shown_selected;

  return TRUE;
}

static void
on_tokens_items_changed_cb (LkTokenSlotModel *self,
                            guint            position,
                            guint            removed,
                            guint            added,
                            GListModel      *tokens)
{
  g_autoptr(GPtrArray) update_now = g_ptr_array_new ();
  gboolean selection_moved;
  GHashTableIter iter;
  gpointer value;

  /* Rows past the list's new end take no token: they are about to go. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LkTokenSlot *row = value;
      guint row_position = lk_token_slot_get_position (row);

      if (row_position < position)
        continue;
      else if (lk_token_list_model_get_token (self->tokens, row_position) == lk_token_slot_get_token (row))
        g_hash_table_remove (self->stale_rows, row);
      else if (is_near_screen (self, row_position))
        g_ptr_array_add (update_now, row);
      else
        g_hash_table_add (self->stale_rows, row);
    }

  selection_moved = keep_shown_selection (self);
  update_rows (self, update_now);
  step_length (self, ROWS_AT_ONCE, TRUE);

  if (selection_moved && position < MIN (self->n_items, get_target_n_items (self)))
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position,
                                           MIN (self->n_items, get_target_n_items (self)) - position);

  update_pending (self);
}

/* GListModel */

static GType
lk_token_slot_model_get_item_type (GListModel *model)
{
  return LK_TYPE_TOKEN_SLOT;
}

static guint
lk_token_slot_model_get_n_items (GListModel *model)
{
  return LK_TOKEN_SLOT_MODEL (model)->n_items;
}

static gpointer
lk_token_slot_model_get_item (GListModel *model,
                             guint       position)
{
  LkTokenSlotModel *self = LK_TOKEN_SLOT_MODEL (model);
  LkTokenSlot *row;

  if (position >= self->n_items)
    return NULL;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row == NULL)
    {
      row = lk_token_slot_new (position);
      lk_token_slot_set_token (row, lk_token_list_model_get_token (self->tokens, position));
      g_object_weak_ref (G_OBJECT (row), on_row_finalized, self);
      g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);
      self->n_rows_made++;
      return row;
    }

  /* What is asked for is up to date. */
  if (g_hash_table_contains (self->stale_rows, row))
    {
      update_row (self, row);
      update_pending (self);
    }

  return g_object_ref (row);
}

static void
lk_token_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lk_token_slot_model_get_item_type;
  iface->get_n_items = lk_token_slot_model_get_n_items;
  iface->get_item = lk_token_slot_model_get_item;
}

/* GtkSelectionModel */

static gboolean
lk_token_slot_model_is_selected (GtkSelectionModel *model,
                                guint              position)
{
  LkTokenSlotModel *self = LK_TOKEN_SLOT_MODEL (model);
  LkToken *token = lk_token_list_model_get_token (self->tokens, position);

  return token != NULL && g_hash_table_contains (self->selected, token);
}

static GtkBitset *
lk_token_slot_model_get_selection_in_range (GtkSelectionModel *model,
                                           guint              position,
                                           guint              n_items)
{
  LkTokenSlotModel *self = LK_TOKEN_SLOT_MODEL (model);
  GtkBitset *selection = gtk_bitset_new_empty ();
  guint end = (guint) MIN ((guint64) position + n_items, self->n_items);

  if (g_hash_table_size (self->selected) == 0)
    return selection;

  for (guint i = position; i < end; i++)
    if (g_hash_table_contains (self->selected, lk_token_list_model_get_token (self->tokens, i)))
      gtk_bitset_add (selection, i);

  return selection;
}

static gboolean
lk_token_slot_model_set_selection (GtkSelectionModel *model,
                                  GtkBitset         *selected,
                                  GtkBitset         *mask)
{
  LkTokenSlotModel *self = LK_TOKEN_SLOT_MODEL (model);
  guint first_changed = G_MAXUINT, last_changed = 0;
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, mask, &position);
       more && position < self->n_items;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      LkToken *token = lk_token_list_model_get_token (self->tokens, position);
      gboolean changed;

      /* Past the list's end: a row about to go. */
      if (token == NULL)
        break;

      if (gtk_bitset_contains (selected, position))
        changed = !g_hash_table_contains (self->selected, token) &&
                  g_hash_table_add (self->selected, g_object_ref (token));
      else
        changed = g_hash_table_remove (self->selected, token);

      if (changed)
        {
          first_changed = MIN (first_changed, position);
          last_changed = position;
        }
    }

  if (first_changed != G_MAXUINT)
    gtk_selection_model_selection_changed (model, first_changed, last_changed - first_changed + 1);

  return TRUE;
}

static void
lk_token_slot_model_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = lk_token_slot_model_is_selected;
  iface->get_selection_in_range = lk_token_slot_model_get_selection_in_range;
  iface->set_selection = lk_token_slot_model_set_selection;
}

/* GObject */

static void
lk_token_slot_model_constructed (GObject *object)
{
  LkTokenSlotModel *self = (LkTokenSlotModel *)object;

  G_OBJECT_CLASS (lk_token_slot_model_parent_class)->constructed (object);

  g_return_if_fail (self->tokens != NULL);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tokens));
  g_signal_connect_object (self->tokens, "items-changed", G_CALLBACK (on_tokens_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
lk_token_slot_model_finalize (GObject *object)
{
  LkTokenSlotModel *self = (LkTokenSlotModel *)object;
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    g_object_weak_unref (row, on_row_finalized, self);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->stale_rows, g_hash_table_unref);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_object (&self->tokens);

  G_OBJECT_CLASS (lk_token_slot_model_parent_class)->finalize (object);
}

static void
lk_token_slot_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkTokenSlotModel *self = LK_TOKEN_SLOT_MODEL (object);

  switch (prop_id)
    {
    case PROP_TOKENS:
      g_value_set_object (value, self->tokens);
      break;

    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_token_slot_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LkTokenSlotModel *self = LK_TOKEN_SLOT_MODEL (object);

  switch (prop_id)
    {
    case PROP_TOKENS:
      self->tokens = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_token_slot_model_class_init (LkTokenSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lk_token_slot_model_constructed;
  object_class->finalize = lk_token_slot_model_finalize;
  object_class->get_property = lk_token_slot_model_get_property;
  object_class->set_property = lk_token_slot_model_set_property;

  properties [PROP_TOKENS] =
    g_param_spec_object ("tokens", NULL, NULL, LK_TYPE_TOKEN_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * LkTokenSlotModel:pending:
   *
   * Whether the rows have yet to catch up with the list: rows off screen
   * that show tokens from before its last change, or a length not yet
   * told to the view. See lk_token_slot_model_catch_up().
   */
  properties [PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_token_slot_model_init (LkTokenSlotModel *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
  self->stale_rows = g_hash_table_new (NULL, NULL);
  self->selected = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  /* Every row is on screen until the view says otherwise. */
  self->n_visible = G_MAXUINT;
}

LkTokenSlotModel *
lk_token_slot_model_new (LkTokenListModel *tokens)
{
  g_return_val_if_fail (LK_IS_TOKEN_LIST_MODEL (tokens), NULL);

  return g_object_new (LK_TYPE_TOKEN_SLOT_MODEL, "tokens", tokens, NULL);
}

/**
 * lk_token_slot_model_get_tokens:
 * @self: a #LkTokenSlotModel
 *
 * Returns: (transfer none): the tokens the rows show
 */
LkTokenListModel *
lk_token_slot_model_get_tokens (LkTokenSlotModel *self)
{
  g_return_val_if_fail (LK_IS_TOKEN_SLOT_MODEL (self), NULL);

  return self->tokens;
}

/**
 * lk_token_slot_model_set_visible_range:
 * @self: a #LkTokenSlotModel
 * @first: the first row on screen
 * @n_rows: how many rows the screen holds
 *
 * Rows there are never stale: stale ones are updated now.
 */
void
lk_token_slot_model_set_visible_range (LkTokenSlotModel *self,
                                      guint            first,
                                      guint            n_rows)
{
  g_autoptr(GPtrArray) update_now = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer row;

  g_return_if_fail (LK_IS_TOKEN_SLOT_MODEL (self));

  self->first_visible = first;
  self->n_visible = n_rows;

  g_hash_table_iter_init (&iter, self->stale_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (is_near_screen (self, lk_token_slot_get_position (row)))
      g_ptr_array_add (update_now, row);

  update_rows (self, update_now);
  update_pending (self);
}

gboolean
lk_token_slot_model_get_pending (LkTokenSlotModel *self)
{
  g_return_val_if_fail (LK_IS_TOKEN_SLOT_MODEL (self), FALSE);

  return self->pending;
}

static int
compare_distances (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  LkTokenSlotModel *self = user_data;
  guint x = distance_from_screen (self, lk_token_slot_get_position (*(LkTokenSlot **) a));
  guint y = distance_from_screen (self, lk_token_slot_get_position (*(LkTokenSlot **) b));

  return (x > y) - (x < y);
}

/**
 * lk_token_slot_model_catch_up:
 * @self: a #LkTokenSlotModel
 * @max_rows: how many rows to build, destroy or update at most
 *
 * One step: the length first, then the stale rows nearest the screen.
 *
 * Returns: whether the rows have still to catch up
 */
gboolean
lk_token_slot_model_catch_up (LkTokenSlotModel *self,
                             guint            max_rows)
{
  g_return_val_if_fail (LK_IS_TOKEN_SLOT_MODEL (self), FALSE);

  if (self->n_items != get_target_n_items (self))
    step_length (self, max_rows, FALSE);
  else
    {
      g_autoptr(GPtrArray) stale = g_ptr_array_sized_new (g_hash_table_size (self->stale_rows));
      GHashTableIter iter;
      gpointer row;

      g_hash_table_iter_init (&iter, self->stale_rows);
      while (g_hash_table_iter_next (&iter, &row, NULL))
        g_ptr_array_add (stale, row);

      g_ptr_array_sort_with_data (stale, compare_distances, self);
      g_ptr_array_set_size (stale, MIN (stale->len, max_rows));
      update_rows (self, stale);
    }

  update_pending (self);
  return self->pending;
}
