/* lk-password-rule-row.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-password-rule-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-password-rule-row.h"

/* One rule of a password policy and whether the password typed meets it:
 * a tick, a cross, or nothing until something is typed. Rules only the
 * tenant can check (a dictionary, the identity's attributes) say so.
 */
struct _LkPasswordRuleRow
{
  AdwActionRow    parent_instance;

  LkPasswordRule *rule;
  GtkImage       *icon;
};

G_DEFINE_FINAL_TYPE (LkPasswordRuleRow, lk_password_rule_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_RULE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
show_state (LkPasswordRuleRow *self)
{
  GtkWidget *row = GTK_WIDGET (self);

  gtk_widget_remove_css_class (row, "success");
  gtk_widget_remove_css_class (row, "error");
  switch (lk_password_rule_get_state (self->rule))
    {
    case LK_PASSWORD_RULE_MET:
      gtk_image_set_from_icon_name (self->icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (row, "success");
      break;

    case LK_PASSWORD_RULE_NOT_MET:
      gtk_image_set_from_icon_name (self->icon, "window-close-symbolic");
      gtk_widget_add_css_class (row, "error");
      break;

    case LK_PASSWORD_RULE_UNCHECKED:
    default:
      if (lk_password_rule_get_checkable (self->rule))
        gtk_image_clear (self->icon);
      else
        gtk_image_set_from_icon_name (self->icon, "dialog-information-symbolic");
      break;
    }
}

static void
lk_password_rule_row_constructed (GObject *object)
{
  LkPasswordRuleRow *self = LK_PASSWORD_RULE_ROW (object);

  G_OBJECT_CLASS (lk_password_rule_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), lk_password_rule_get_description (self->rule));
  if (!lk_password_rule_get_checkable (self->rule))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Checked by the tenant"));
  show_state (self);
  g_signal_connect_object (self->rule, "notify::state", G_CALLBACK (show_state), self, G_CONNECT_SWAPPED);
}

static void
lk_password_rule_row_dispose (GObject *object)
{
  LkPasswordRuleRow *self = LK_PASSWORD_RULE_ROW (object);

  g_clear_object (&self->rule);

  G_OBJECT_CLASS (lk_password_rule_row_parent_class)->dispose (object);
}

static void
lk_password_rule_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LkPasswordRuleRow *self = LK_PASSWORD_RULE_ROW (object);

  switch (prop_id)
    {
    case PROP_RULE:
      g_value_set_object (value, self->rule);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_password_rule_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LkPasswordRuleRow *self = LK_PASSWORD_RULE_ROW (object);

  switch (prop_id)
    {
    case PROP_RULE:
      self->rule = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_password_rule_row_class_init (LkPasswordRuleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lk_password_rule_row_constructed;
  object_class->dispose = lk_password_rule_row_dispose;
  object_class->get_property = lk_password_rule_row_get_property;
  object_class->set_property = lk_password_rule_row_set_property;

  properties [PROP_RULE] =
    g_param_spec_object ("rule", NULL, NULL, LK_TYPE_PASSWORD_RULE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_password_rule_row_init (LkPasswordRuleRow *self)
{
  self->icon = GTK_IMAGE (gtk_image_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), GTK_WIDGET (self->icon));
}

GtkWidget *
lk_password_rule_row_new (LkPasswordRule *rule)
{
  g_return_val_if_fail (LK_IS_PASSWORD_RULE (rule), NULL);

  return g_object_new (LK_TYPE_PASSWORD_RULE_ROW, "rule", rule, NULL);
}

LkPasswordRule *
lk_password_rule_row_get_rule (LkPasswordRuleRow *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_RULE_ROW (self), NULL);

  return self->rule;
}

/* A GtkListBoxCreateWidgetFunc for a list of rules. */
GtkWidget *
lk_password_rule_row_create (gpointer item,
                             gpointer user_data)
{
  return lk_password_rule_row_new (item);
}
