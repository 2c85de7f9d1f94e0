/* lk-policy-editor.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-policy-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-json.h"
#include "lk-client-policies.h"
#include "lk-error.h"
#include "lk-password-rule-row.h"
#include "lk-password-rules.h"
#include "lk-policy-editor.h"
#include "lk-source-list.h"
#include "lk-widget-state.h"

/* Every field of a password policy, grouped as a person thinks of them,
 * checked as it is typed. Save stays off until the form is valid and
 * differs from the policy as the tenant has it; a refusal shows the
 * tenant's words above the form and keeps what was typed.
 *
 * "Try a password" checks a sample against the form as it is now, rule
 * by rule, with the checker the Passwords page uses; the sample is never
 * sent and is cleared whenever another policy opens.
 *
 * The rows are made from one table rather than a template: thirty rows
 * of the same three kinds read better as data.
 */

typedef enum {
  FIELD_TEXT,
  FIELD_NUMBER,
  FIELD_FLAG,
  FIELD_IDS,
} FieldKind;

static const struct {
  const char *group;
  const char *property;   /* of LkPasswordPolicy */
  const char *title;
  const char *hint;
  FieldKind   kind;
} fields[] = {
  { N_("General"), "name", N_("Name"), NULL, FIELD_TEXT },
  { N_("General"), "description", N_("Description"), NULL, FIELD_TEXT },
  { N_("Length"), "min-length", N_("Minimum Length"), NULL, FIELD_NUMBER },
  { N_("Length"), "max-length", N_("Maximum Length"), N_("0 for no maximum"), FIELD_NUMBER },
  { N_("Characters"), "min-alpha", N_("Letters"), N_("At least this many"), FIELD_NUMBER },
  { N_("Characters"), "min-upper", N_("Capital Letters"), N_("At least this many"), FIELD_NUMBER },
  { N_("Characters"), "min-lower", N_("Lowercase Letters"), N_("At least this many"), FIELD_NUMBER },
  { N_("Characters"), "min-numeric", N_("Digits"), N_("At least this many"), FIELD_NUMBER },
  { N_("Characters"), "min-special", N_("Special Characters"), N_("At least this many"), FIELD_NUMBER },
  { N_("Characters"), "min-character-types", N_("Kinds of Character"),
    N_("How many of capital letters, lowercase letters, digits and special characters to mix; empty for any"),
    FIELD_NUMBER },
  { N_("Characters"), "max-repeated-chars", N_("Repeats in a Row"),
    N_("The most times a character may follow itself; empty for any"), FIELD_NUMBER },
  { N_("Words and Attributes"), "use-dictionary", N_("Refuse Dictionary Words"), NULL, FIELD_FLAG },
  { N_("Words and Attributes"), "use-account-attributes", N_("Refuse Account Attributes"), NULL, FIELD_FLAG },
  { N_("Words and Attributes"), "use-identity-attributes", N_("Refuse Identity Attributes"), NULL, FIELD_FLAG },
  { N_("Words and Attributes"), "validate-against-account-id", N_("Refuse the Account ID"), NULL, FIELD_FLAG },
  { N_("Words and Attributes"), "account-id-min-word-length", N_("Shortest Word of the Account ID"),
    N_("Its words this long count; empty for the whole ID"), FIELD_NUMBER },
  { N_("Words and Attributes"), "validate-against-account-name", N_("Refuse the Account Name"), NULL, FIELD_FLAG },
  { N_("Words and Attributes"), "account-name-min-word-length", N_("Shortest Word of the Account Name"),
    N_("Its words this long count; empty for the whole name"), FIELD_NUMBER },
  { N_("Expiration"), "enable-passwd-expiration", N_("Passwords Expire"), NULL, FIELD_FLAG },
  { N_("Expiration"), "password-expiration", N_("Days a Password Lasts"), NULL, FIELD_NUMBER },
  { N_("Expiration"), "first-expiration-reminder", N_("First Reminder, Days Before"), N_("Empty for none"),
    FIELD_NUMBER },
  { N_("Strong Authentication"), "require-strong-authn", N_("Always"),
    N_("To change a password, a second factor first"), FIELD_FLAG },
  { N_("Strong Authentication"), "require-strong-auth-off-network", N_("Off the Network"), NULL, FIELD_FLAG },
  { N_("Strong Authentication"), "require-strong-auth-untrusted-geographies", N_("From Untrusted Places"), NULL,
    FIELD_FLAG },
  { N_("Sources"), "source-ids", N_("Sources That Follow It"), N_("Added by name, or by a pasted ID"), FIELD_IDS },
};

#define N_FIELDS G_N_ELEMENTS (fields)

/* There are no more kinds of character than these four. */
#define CHARACTER_KINDS 4

struct _LkPolicyEditor
{
  LkFormEditor       parent_instance;

  LkClient          *client;
  LkPasswordPolicy  *original;      /* as the tenant has it; a blank one for a new policy */
  LkPasswordPolicy  *draft;         /* what the form says, where it says it validly */
  GStrv              taken_names;   /* casefolded, the policy's own left out */
  GtkWidget         *rows[N_FIELDS];
  GtkWidget         *editors[N_FIELDS];
  char              *errors[N_FIELDS];
  gboolean           filling;
  gboolean           name_typed;    /* an empty name is a mistake once the name was touched */
  LkPasswordRules   *rules;
  GtkWidget         *sample_row;
  GtkWidget         *rules_list;

  /* Template widgets */
  GtkLabel          *title_label;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  AdwPreferencesPage *form;
};

G_DEFINE_FINAL_TYPE (LkPolicyEditor, lk_policy_editor, LK_TYPE_FORM_EDITOR)

static guint
field_index (const char *property)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (fields[i].property, property))
      return i;

  g_assert_not_reached ();
}

/* The spec's value for "not set": the property's default. */
static gint64
unset_value (LkPolicyEditor *self,
             const char     *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->draft), property);

  return G_PARAM_SPEC_INT64 (pspec)->default_value;
}

/* In the picker's matches: the policy a source follows now, when not this one. */
static char *
note_other_policy (LkSource *source,
                   gpointer  user_data)
{
  LkPolicyEditor *self = user_data;
  const char * const *ids = lk_source_get_password_policy_ids (source);
  const char * const *names = lk_source_get_password_policy_names (source);
  const char *own = self->original != NULL ? lk_password_policy_get_id (self->original) : NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], own) != 0)
      return g_strdup_printf (_("follows “%s”"), names[i]);

  return NULL;
}

/* Checking */

static void
set_error (LkPolicyEditor *self,
           guint           i,
           char           *message)
{
  if (self->errors[i] == NULL)
    self->errors[i] = message;
  else
    g_free (message);
}

/* Reads a number field: empty is the spec's "not set". */
static gboolean
read_number (LkPolicyEditor *self,
             guint           i,
             gint64         *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editors[i]))));
  guint64 number;

  if (*text == '\0')
    {
      *value = unset_value (self, fields[i].property);
      return TRUE;
    }

  if (*text == '-')
    {
      set_error (self, i, g_strdup (_("Cannot be negative")));
      return FALSE;
    }

  if (!lk_parse_unsigned (text, 0, G_MAXINT32, &number))
    {
      set_error (self, i, g_strdup (_("Whole numbers only")));
      return FALSE;
    }

  *value = (gint64) number;
  return TRUE;
}

static gint64
number_of (LkPolicyEditor *self,
           const char     *property)
{
  return lk_password_policy_get_int (self->draft, property);
}

static void
check_form (LkPolicyEditor *self)
{
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;
  gboolean numbers_ok = TRUE;
  gint64 max_length, letters, needed;

  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->errors[i], g_free);

  /* Each field alone; what is valid goes into the draft. */
  for (guint i = 0; i < N_FIELDS; i++)
    {
      gint64 value;

      switch (fields[i].kind)
        {
        case FIELD_NUMBER:
          if (read_number (self, i, &value))
            g_object_set (self->draft, fields[i].property, value, NULL);
          else
            numbers_ok = FALSE;
          break;

        case FIELD_TEXT:
          {
            const char *text = gtk_editable_get_text (GTK_EDITABLE (self->editors[i]));
            g_autofree char *before = NULL;

            /* Left empty, a field the tenant sent empty or not at all goes back the same. */
            g_object_get (self->original, fields[i].property, &before, NULL);
            g_object_set (self->draft, fields[i].property, *text == '\0' && (before == NULL || *before == '\0')
                          ? before : text, NULL);
          }
          break;

        case FIELD_FLAG:
          g_object_set (self->draft, fields[i].property, gtk_switch_get_active (GTK_SWITCH (self->editors[i])), NULL);
          break;

        case FIELD_IDS:
          {
            g_auto(GStrv) source_ids = lk_source_list_dup_ids (LK_SOURCE_LIST (self->editors[i]));

            g_object_set (self->draft, fields[i].property, source_ids, NULL);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editors[field_index ("name")]))));
  folded = g_utf8_casefold (name, -1);
  /* A new form is not wrong before anything is typed: Save waits, quietly. */
  if (*name == '\0' && self->name_typed)
    set_error (self, field_index ("name"), g_strdup (_("A policy needs a name")));
  else if (self->taken_names != NULL && g_strv_contains ((const char * const *) self->taken_names, folded))
    set_error (self, field_index ("name"), g_strdup (_("Another policy has this name")));

  /* The fields together, once each reads as a number. */
  max_length = number_of (self, "max-length");
  letters = MAX (number_of (self, "min-alpha"), MAX (number_of (self, "min-upper"), 0) +
                                                MAX (number_of (self, "min-lower"), 0));
  needed = MAX (letters, 0) + MAX (number_of (self, "min-numeric"), 0) + MAX (number_of (self, "min-special"), 0);
  if (numbers_ok && max_length > 0 && number_of (self, "min-length") > max_length)
    set_error (self, field_index ("min-length"),
               g_strdup_printf (_("More than the maximum length, %lu"), (gulong) max_length));
  if (numbers_ok && max_length > 0 && needed > max_length)
    set_error (self, field_index ("max-length"),
               g_strdup_printf (_("The character minimums below need %lu characters"), (gulong) needed));
  if (numbers_ok && lk_password_policy_get_flag (self->draft, "enable-passwd-expiration") &&
      number_of (self, "password-expiration") > 0 &&
      number_of (self, "first-expiration-reminder") > number_of (self, "password-expiration"))
    set_error (self, field_index ("first-expiration-reminder"),
               g_strdup_printf (_("More than the days a password lasts, %lu"),
                                (gulong) number_of (self, "password-expiration")));
  if (numbers_ok && number_of (self, "min-character-types") > CHARACTER_KINDS)
    set_error (self, field_index ("min-character-types"),
               g_strdup (_("There are four kinds: capital letters, lowercase letters, digits and special characters")));
}

/* Returns: whether no field has a mistake */
static gboolean
show_errors (LkPolicyEditor *self)
{
  gboolean valid = TRUE;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *hint = fields[i].hint != NULL ? _(fields[i].hint) : NULL;

      /* The message where the mistake is. */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[i]), self->errors[i] ? self->errors[i] : hint);
      lk_widget_set_invalid (self->rows[i], self->errors[i] != NULL);
      valid &= self->errors[i] == NULL;
    }

  return valid;
}

static gboolean
differs_from_original (LkPolicyEditor *self)
{
  return !lk_resource_equal (&lk_password_policy_kind, self->draft, self->original);
}

/* Try a password */

static void
check_sample (LkPolicyEditor *self)
{
  if (self->rules != NULL)
    lk_password_rules_check (self->rules, gtk_editable_get_text (GTK_EDITABLE (self->sample_row)));
}

/* The rules follow the form as it is now, valid parts and all. */
static void
update_rules (LkPolicyEditor *self)
{
  g_clear_object (&self->rules);
  self->rules = lk_password_rules_new_from_policy (self->draft);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->rules_list), G_LIST_MODEL (self->rules), lk_password_rule_row_create,
                           NULL, NULL);
  check_sample (self);
}

static gboolean
name_is_blank (LkPolicyEditor *self)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editors[field_index ("name")])));

  return *g_strstrip (name) == '\0';
}

static void
on_name_changed (LkPolicyEditor *self)
{
  if (!self->filling)
    self->name_typed = TRUE;
}

static void
on_form_changed (LkPolicyEditor *self)
{
  gboolean valid;

  if (self->filling || self->draft == NULL)
    return;

  check_form (self);
  valid = show_errors (self) && !name_is_blank (self);
  update_rules (self);
  lk_form_editor_set_state (LK_FORM_EDITOR (self), valid && self->client != NULL, differs_from_original (self));
  lk_form_editor_keep_draft (LK_FORM_EDITOR (self), self->client, &lk_password_policy_kind, self->original,
                             self->draft);
}

/* Building */

/* Once, when the first policy is opened: the window starts without it. */
static void
build_form (LkPolicyEditor *self)
{
  AdwPreferencesGroup *group = NULL;
  const char *group_title = NULL;

  if (self->sample_row != NULL)
    return;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *editor;

      if (group_title == NULL || !g_str_equal (group_title, fields[i].group))
        {
          group_title = fields[i].group;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, _(group_title));
          adw_preferences_page_add (self->form, group);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[i].title));
      if (fields[i].kind == FIELD_IDS)
        {
          /* The sources by name, under their row, with a picker to add more. */
          editor = GTK_WIDGET (lk_source_list_new ());
          lk_source_list_set_note_funcs (LK_SOURCE_LIST (editor), note_other_policy, NULL, self);
          g_signal_connect_object (editor, "changed", G_CALLBACK (on_form_changed), self, G_CONNECT_SWAPPED);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(fields[i].hint));
          adw_preferences_group_add (group, row);
          adw_preferences_group_add (group, editor);
          self->rows[i] = row;
          self->editors[i] = editor;
          gtk_widget_set_name (row, fields[i].property);
          continue;
        }
      else if (fields[i].kind == FIELD_FLAG)
        {
          editor = gtk_switch_new ();
          gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), editor);
          g_signal_connect_object (editor, "notify::active", G_CALLBACK (on_form_changed), self, G_CONNECT_SWAPPED);
        }
      else
        {
          editor = gtk_entry_new ();
          gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
          if (fields[i].kind == FIELD_NUMBER)
            {
              gtk_entry_set_input_purpose (GTK_ENTRY (editor), GTK_INPUT_PURPOSE_DIGITS);
              gtk_editable_set_width_chars (GTK_EDITABLE (editor), 6);
              gtk_editable_set_alignment (GTK_EDITABLE (editor), 1);
            }
          else
            {
              gtk_widget_set_hexpand (editor, TRUE);
              gtk_editable_set_width_chars (GTK_EDITABLE (editor), 30);
              /* A long message beside it takes the room it has to spare, not all of it. */
              gtk_widget_set_size_request (editor, 180, -1);
            }
          gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, _(fields[i].title),
                                          -1);
          /* Before the form's handler: it reads whether the name was touched. */
          if (g_str_equal (fields[i].property, "name"))
            g_signal_connect_object (editor, "changed", G_CALLBACK (on_name_changed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (editor, "changed", G_CALLBACK (on_form_changed), self, G_CONNECT_SWAPPED);
        }

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), editor);
      if (fields[i].hint != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(fields[i].hint));
      adw_preferences_group_add (group, row);
      self->rows[i] = row;
      self->editors[i] = editor;
      /* Tests and mnemonics find a row by its property. */
      gtk_widget_set_name (row, fields[i].property);
    }

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Try a Password"));
  adw_preferences_group_set_description (group, _("Checked here against the form as it is now; never sent"));
  self->sample_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sample_row), _("Sample Password"));
  gtk_widget_set_name (self->sample_row, "sample");
  g_signal_connect_object (self->sample_row, "changed", G_CALLBACK (check_sample), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, self->sample_row);
  self->rules_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->rules_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->rules_list, "boxed-list");
  gtk_widget_set_margin_top (self->rules_list, 12);
  gtk_widget_set_name (self->rules_list, "rules");
  adw_preferences_group_add (group, self->rules_list);
  adw_preferences_page_add (self->form, group);
}

static void
fill_form (LkPolicyEditor   *self,
           LkPasswordPolicy *shown)
{
  self->filling = TRUE;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      switch (fields[i].kind)
        {
        case FIELD_TEXT:
          {
            g_autofree char *text = NULL;

            g_object_get (shown, fields[i].property, &text, NULL);
            gtk_editable_set_text (GTK_EDITABLE (self->editors[i]), text ? text : "");
          }
          break;

        case FIELD_NUMBER:
          {
            gint64 value = lk_password_policy_get_int (shown, fields[i].property);
            g_autofree char *text = value >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : g_strdup ("");

            gtk_editable_set_text (GTK_EDITABLE (self->editors[i]), text);
          }
          break;

        case FIELD_FLAG:
          gtk_switch_set_active (GTK_SWITCH (self->editors[i]),
                                 lk_password_policy_get_flag (shown, fields[i].property));
          break;

        case FIELD_IDS:
          lk_source_list_set_ids (LK_SOURCE_LIST (self->editors[i]), lk_password_policy_get_source_ids (shown));
          break;

        default:
          g_assert_not_reached ();
        }
    }
  self->filling = FALSE;
}

/* Saving */

/* The tenant's version is the one edited now; the form shows @merged. */
static void
lk_policy_editor_load_merged (LkFormEditor *editor,
                              JsonObject   *theirs,
                              JsonObject   *merged)
{
  LkPolicyEditor *self = LK_POLICY_EDITOR (editor);
  g_autoptr(LkPasswordPolicy) original = theirs != NULL ? lk_password_policy_new_from_json (theirs, NULL)
                                                        : g_object_ref (self->original);
  g_autoptr(LkPasswordPolicy) draft = lk_password_policy_new_from_json (merged, NULL);

  if (original == NULL || draft == NULL)
    return;

  g_set_object (&self->original, original);
  g_set_object (&self->draft, draft);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  fill_form (self, draft);
  on_form_changed (self);
}

/* "minLength" is the row "min-length" of the form: named with its group. */
static char *
lk_policy_editor_member_title (LkFormEditor *editor,
                               const char   *member)
{
  GString *property = g_string_new (NULL);

  for (const char *p = member; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p))
        g_string_append_c (property, '-');
      g_string_append_c (property, g_ascii_tolower (*p));
    }

  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (fields[i].property, property->str))
      {
        g_string_free (property, TRUE);
        /* Out of the form, "Always" needs its group: "Strong Authentication: Always". */
        if (g_str_equal (fields[i].group, "General"))
          return g_strdup (_(fields[i].title));
        /* Translators: a field of the policy form, named with its group: "Length: Minimum Length" */
        return g_strdup_printf (C_("field with its group", "%s: %s"), _(fields[i].group), _(fields[i].title));
      }

  g_string_free (property, TRUE);
  return g_strdup (member);
}

static void
lk_policy_editor_show_error (LkFormEditor *editor,
                             const char   *message)
{
  LkPolicyEditor *self = LK_POLICY_EDITOR (editor);

  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
lk_policy_editor_take_saved (LkFormEditor *editor,
                             gpointer      saved)
{
  LkPolicyEditor *self = LK_POLICY_EDITOR (editor);

  g_set_object (&self->original, saved);
  g_clear_object (&self->draft);
  self->draft = lk_resource_copy (&lk_password_policy_kind, saved);
  gtk_label_set_text (self->title_label, lk_password_policy_get_name (saved));
  fill_form (self, saved);
  on_form_changed (self);
}

static void
lk_policy_editor_save (LkFormEditor *editor)
{
  LkPolicyEditor *self = LK_POLICY_EDITOR (editor);

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  lk_form_editor_send (editor, self->client, &lk_password_policy_kind, self->original, self->draft);
}

/* The sample password goes with the editor. */
static void
lk_policy_editor_done (LkFormEditor *editor)
{
  LkPolicyEditor *self = LK_POLICY_EDITOR (editor);

  if (self->sample_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->sample_row), "");
}

/* GObject */

static void
lk_policy_editor_dispose (GObject *object)
{
  LkPolicyEditor *self = (LkPolicyEditor *)object;
  GtkWidget *sources = self->editors[field_index ("source-ids")];

  /* Its sources may arrive after the editor is gone. */
  if (sources != NULL)
    {
      lk_source_list_set_note_funcs (LK_SOURCE_LIST (sources), NULL, NULL, NULL);
      lk_source_list_set_client (LK_SOURCE_LIST (sources), NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_POLICY_EDITOR);

  G_OBJECT_CLASS (lk_policy_editor_parent_class)->dispose (object);
}

static void
lk_policy_editor_finalize (GObject *object)
{
  LkPolicyEditor *self = (LkPolicyEditor *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->original);
  g_clear_object (&self->draft);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->taken_names, g_strfreev);
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->errors[i], g_free);

  G_OBJECT_CLASS (lk_policy_editor_parent_class)->finalize (object);
}

/* The name, at the top: a policy opened after another one starts there,
 * not at the other's scroll position (the page follows the focus).
 */
static gboolean
lk_policy_editor_grab_focus (GtkWidget *widget)
{
  LkPolicyEditor *self = LK_POLICY_EDITOR (widget);

  return gtk_widget_grab_focus (self->editors[field_index ("name")]);
}

static void
lk_policy_editor_class_init (LkPolicyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LkFormEditorClass *editor_class = LK_FORM_EDITOR_CLASS (klass);

  object_class->dispose = lk_policy_editor_dispose;
  object_class->finalize = lk_policy_editor_finalize;
  widget_class->grab_focus = lk_policy_editor_grab_focus;

  editor_class->save = lk_policy_editor_save;
  editor_class->done = lk_policy_editor_done;
  editor_class->show_error = lk_policy_editor_show_error;
  editor_class->take_saved = lk_policy_editor_take_saved;
  editor_class->load_merged = lk_policy_editor_load_merged;
  editor_class->member_title = lk_policy_editor_member_title;
  editor_class->unsaved_message = N_("The policy has changes that are not saved yet.");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latchkey/Latchkey/policies/lk-policy-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPolicyEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyEditor, form);
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "back_button", FALSE, 0);
}

static void
lk_policy_editor_init (LkPolicyEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LkPolicyEditor *
lk_policy_editor_new (void)
{
  return g_object_new (LK_TYPE_POLICY_EDITOR, NULL);
}

static void
edit (LkPolicyEditor     *self,
      LkClient           *client,
      LkPasswordPolicy   *original,
      LkPasswordPolicy   *shown,
      const char         *title,
      const char * const *taken_names)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autofree char *own = NULL;

  lk_form_editor_restart (LK_FORM_EDITOR (self));
  build_form (self);
  g_set_object (&self->client, client);
  lk_source_list_set_client (LK_SOURCE_LIST (self->editors[field_index ("source-ids")]), client);
  g_set_object (&self->original, original);
  g_clear_object (&self->draft);
  if (shown == original)
    self->draft = lk_resource_copy (&lk_password_policy_kind, original);
  else
    /* A new policy from a model keeps the model's other fields, not its identity. */
    self->draft = lk_resource_new_from_model (&lk_password_policy_kind, shown);

  own = lk_password_policy_get_name (original) != NULL ? g_utf8_casefold (lk_password_policy_get_name (original), -1)
                                                       : NULL;
  for (guint i = 0; taken_names != NULL && taken_names[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (taken_names[i], -1);

      if (g_strcmp0 (folded, own) != 0)
        g_strv_builder_add (names, folded);
    }
  g_clear_pointer (&self->taken_names, g_strfreev);
  self->taken_names = g_strv_builder_end (names);

  gtk_label_set_text (self->title_label, title);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  /* A sample typed for another policy goes. */
  gtk_editable_set_text (GTK_EDITABLE (self->sample_row), "");
  self->name_typed = FALSE;
  fill_form (self, shown);
  on_form_changed (self);
}

/**
 * lk_policy_editor_edit:
 * @self: a #LkPolicyEditor
 * @client: the tenant's client, to save with
 * @policy: (nullable): the policy to edit, or %NULL for a new one
 * @taken_names: (nullable): the names of the tenant's policies, which a
 *   new name must not repeat; @policy's own may be among them
 */
void
lk_policy_editor_edit (LkPolicyEditor     *self,
                       LkClient           *client,
                       LkPasswordPolicy   *policy,
                       const char * const *taken_names)
{
  g_autoptr(LkPasswordPolicy) blank = NULL;

  g_return_if_fail (LK_IS_POLICY_EDITOR (self));
  g_return_if_fail (LK_IS_CLIENT (client));
  g_return_if_fail (policy == NULL || LK_IS_PASSWORD_POLICY (policy));

  if (policy == NULL)
    policy = blank = lk_password_policy_new ();

  edit (self, client, policy, policy, blank != NULL ? _("New Password Policy") : lk_password_policy_get_name (policy),
        taken_names);
}

/**
 * lk_policy_editor_edit_copy:
 * @self: a #LkPolicyEditor
 * @client: the tenant's client, to save with
 * @model: a policy to start from, such as one to duplicate or one read from a file
 * @taken_names: (nullable): the names of the tenant's policies
 *
 * A new policy, its form filled from @model but for the id: saving creates it.
 */
void
lk_policy_editor_edit_copy (LkPolicyEditor     *self,
                            LkClient           *client,
                            LkPasswordPolicy   *model,
                            const char * const *taken_names)
{
  g_autoptr(LkPasswordPolicy) blank = lk_password_policy_new ();

  g_return_if_fail (LK_IS_POLICY_EDITOR (self));
  g_return_if_fail (LK_IS_CLIENT (client));
  g_return_if_fail (LK_IS_PASSWORD_POLICY (model));

  edit (self, client, blank, model, _("New Password Policy"), taken_names);
}

/**
 * lk_policy_editor_get_draft:
 * @self: a #LkPolicyEditor
 *
 * Returns: (transfer none) (nullable): the policy as the form has it
 */
LkPasswordPolicy *
lk_policy_editor_get_draft (LkPolicyEditor *self)
{
  g_return_val_if_fail (LK_IS_POLICY_EDITOR (self), NULL);

  return self->draft;
}
