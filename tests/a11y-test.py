#!/usr/bin/python3
"""The real app, driven through AT-SPI as GNOME's own tests drive theirs
(dogtail does it through the same pyatspi): what Orca reads, and keys alone.

Latchkey runs against a latchkey-sandbox process, connected the way a user
connects it (latchkey-cli tenants add, the secret in the test session's
keyring). Keys are typed through the AT-SPI registry, which sends them to the
X server. Prints TAP.

usage: a11y-test.py LATCHKEY LATCHKEY-CLI LATCHKEY-SANDBOX
(LK_A11Y_SHOT=FILE.png: a screenshot of the display when a wait runs out)
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import pyatspi

import lktest

APP, CLI, SANDBOX = sys.argv[1:4]
results = lktest.Results()
check = results.check

# What every control needs: a role (AT-SPI gives it) and a name of words, not
# a GTK type name, which is what GTK 4.8 falls back to.
CONTROLS = {"push button", "toggle button", "entry", "password text", "text", "combo box", "check box",
            "radio button", "spin button", "slider", "switch", "list item", "menu item"}
TYPE_NAME = re.compile(r"^(Gtk|Adw|Lk)[A-Z]")
# A button's name as GTK 4.8 makes it of a label with a mnemonic: "_Edit… Edit…".
MNEMONIC_NAME = re.compile(r"(^|\s)\S*_\S|^(.+) \2$")
BUTTONS = {"push button", "toggle button", "check box", "radio button", "menu item"}


class Timeout(Exception):
    pass


def wait_for(what, condition, seconds=20):
    """@condition's first true value, polled; bounded by what it waits for."""
    deadline = time.monotonic() + lktest.scaled(seconds)
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # an object going away under us is "not yet"
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise Timeout(f"waited {lktest.scaled(seconds):.0f} s for {what}")


def descendants(node, wanted):
    return pyatspi.findAllDescendants(node, wanted)


def find(node, role, name):
    return pyatspi.findDescendant(node, lambda n: n.getRoleName() == role and n.name == name)


def label_matching(node, pattern):
    """The text of a label that reads @pattern. (GTK 4.8 does not say which
    are showing: every pattern here matches one label of the app at most.)"""
    labels = descendants(node, lambda n: n.getRoleName() == "label" and re.fullmatch(pattern, n.name or ""))
    return labels[0].name if labels else None


# X keycodes of the Xvfb keymap, for the modifiers that are held.
KEYCODES = {"Control_L": 37, "Alt_L": 64}


def press(key, *modifiers):
    """@key (a keysym name) with @modifiers held, as a user types it."""
    for modifier in modifiers:
        pyatspi.Registry.generateKeyboardEvent(KEYCODES[modifier], None, pyatspi.KEY_PRESS)
    keysym = {"Return": 0xff0d, "Escape": 0xff1b, "Down": 0xff54, "Tab": 0xff09}.get(key, None)
    pyatspi.Registry.generateKeyboardEvent(keysym if keysym else ord(key), None, pyatspi.KEY_SYM)
    for modifier in reversed(modifiers):
        pyatspi.Registry.generateKeyboardEvent(KEYCODES[modifier], None, pyatspi.KEY_RELEASE)


def type_text(text):
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)


def is_invalid(node):
    # GTK 4.8 says GTK_ACCESSIBLE_STATE_INVALID as "invalid"; later ones as "invalid-entry".
    states = node.getState()
    return states.contains(pyatspi.STATE_INVALID) or states.contains(pyatspi.STATE_INVALID_ENTRY)


def point_into_top_window():
    """Keys go to the window under the pointer (no window manager here, so
    no focus of its own): moved over the top left, where X puts each new
    window, so that the window entered is the last one shown. (GTK 4.8 gives
    no screen coordinates over AT-SPI, and warns when asked.)"""
    pyatspi.Registry.generateMouseEvent(5, 5, "abs")
    pyatspi.Registry.generateMouseEvent(100, 100, "abs")


def on_screen(node):
    """GTK 4.8 says "showing" of nothing: what is not on screen has no size.
    (The application itself has no size at all.)"""
    try:
        box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except NotImplementedError:
        return True
    return box.width > 0 or box.height > 0


def unnamed_controls(node):
    """Controls on screen without a name of words, where they are: what Orca
    can reach. (Latchkey names some buttons as they are shown.)"""
    found = []

    def where(parent):
        return f"in {parent.getRoleName()} '{parent.name}'" if parent is not None else ""

    def walk(n, parent):
        role, name = n.getRoleName(), n.name or ""
        if not on_screen(n):
            return
        # A list view's rows and a column view's cells cannot be named in GTK
        # 4.8 (GtkListItem has no accessible properties before 4.12): Orca
        # reads the labels they hold, so those must say something.
        if role == "table cell" or (role == "list item" and parent is not None and parent.name == "GtkListView"):
            if not any(label.name for label in descendants(n, lambda d: d.getRoleName() == "label")):
                found.append(f"{role} without text {where(parent)}")
            return
        # A drop-down's own button speaks through the drop-down.
        inside_named_combo = parent is not None and parent.getRoleName() == "combo box" and parent.name
        if role in CONTROLS and (not name or TYPE_NAME.match(name)) and not inside_named_combo:
            found.append(f"{role} '{name}' {where(parent)}")
        elif role in BUTTONS and MNEMONIC_NAME.search(name):
            found.append(f"{role} named with its mnemonic, '{name}' {where(parent)}")
        # A window is announced by its title.
        if role in ("frame", "dialog") and not name:
            found.append(f"{role} without a title {where(parent)}")
        for i in range(n.childCount):
            child = n.getChildAtIndex(i)
            if child is not None:
                walk(child, n)

    walk(node, None)
    return found


def search_text(token):
    return "\n".join([token.get("name") or "", (token.get("owner") or {}).get("name") or "",
                      *token.get("scope", [])]).casefold()


scratch = tempfile.TemporaryDirectory()
env = lktest.cli_env(GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=os.path.join(scratch.name, "config"))
# The test suite's environment keeps GTK away from the accessibility bus; this test wants it.
for name in ("GTK_A11Y", "NO_AT_BRIDGE"):
    env.pop(name, None)

sandbox = lktest.Sandbox(SANDBOX, "--rate-limit", "0")
second = lktest.Sandbox(SANDBOX, "--rate-limit", "0", "--seed", "2", "--tokens", "40")
app = None
try:
    def cli(*args, stdin=""):
        return subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True, env=env,
                              timeout=lktest.scaled(60))

    added = cli("tenants", "add", "Sandbox", sandbox.url, sandbox.client_id, stdin=sandbox.secret + "\n")
    check("the sandbox tenant is added", added.returncode == 0, added.stderr)
    added = cli("tenants", "add", "Second", second.url, second.client_id, stdin=second.secret + "\n")
    check("a second tenant is added", added.returncode == 0, added.stderr)
    tokens = json.loads(cli("tokens", "list", "--json").stdout)
    mine = json.loads(cli("tokens", "list", "--owner", "me", "--json").stdout)

    # The app as strict as in every other test; this process (pyatspi) is not
    # run with G_DEBUG=fatal-warnings: the bus's own warnings are not ours.
    def registered():
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is not None and child.name == "latchkey":
                return child
        return None

    def started_or_ended():
        return registered() or app.poll() is not None

    # Now and then, seen 3 times in ~20 runs, Latchkey's first connection to
    # a Xvfb that serves every other test is refused ("cannot open display"):
    # it is started again, twice at most, and each refusal is reported.
    for attempt in range(3):
        app = subprocess.Popen([APP], env=dict(env, G_DEBUG="fatal-warnings"))
        wait_for("Latchkey on the accessibility bus, or its exit", started_or_ended)
        if app.poll() is None:
            break
        print(f"# Latchkey exited at start with status {app.returncode} (attempt {attempt + 1}); "
              f"display {os.environ.get('DISPLAY')}, its socket there: "
              f"{os.path.exists('/tmp/.X11-unix/X' + os.environ.get('DISPLAY', ':').lstrip(':'))}")
        time.sleep(lktest.scaled(1))
    latchkey = wait_for("Latchkey on the accessibility bus", registered)
    window = wait_for("its window", lambda: find(latchkey, "frame", "Latchkey"))
    total = len(tokens)
    count = wait_for("the token count", lambda: label_matching(window, rf"{total} tokens"))
    check("the Tokens page says how many tokens there are", count == f"{total} tokens", count)

    missing = unnamed_controls(latchkey)
    check("every control has a name", not missing, "; ".join(sorted(set(missing))))

    tokens_row = find(window, "list item", "Access Tokens")
    check("the sidebar's row of the page shown is selected",
          tokens_row is not None and tokens_row.getState().contains(pyatspi.STATE_SELECTED))

    point_into_top_window()

    search = find(window, "entry", "Search Tokens")
    check("the search entry is found by its role and name", search is not None)
    press("f", "Control_L")
    focused = wait_for("Ctrl+F to reach the search", lambda: search.getState().contains(pyatspi.STATE_FOCUSED), 5)
    check("Ctrl+F puts the focus in the search", focused)

    type_text("abby")
    expected = sum("abby" in search_text(token) for token in tokens)
    shown = wait_for("the search to filter the list",
                     lambda: label_matching(window, rf"{expected} of {total} tokens shown"))
    check("typing searches: the count reads what is shown", shown == f"{expected} of {total} tokens shown",
          f"expected {expected} of {total}")

    # Ctrl+N from the page: the New Access Token dialog, its name first.
    press("n", "Control_L")
    dialog = wait_for("the New Access Token dialog",
                      lambda: pyatspi.findDescendant(latchkey, lambda n: n.getRoleName() in ("dialog", "frame")
                                                     and n.name == "New Access Token"))
    name_field = find(dialog, "text", "Name")
    check("the dialog's name field is named", name_field is not None)
    point_into_top_window()

    # Typed at once, with no click: the focus starts in the name. (GTK 4.8
    # does not say "focused" of an entry row's text: what it takes tells.)
    taken = mine[0]["name"]
    type_text(taken)
    invalid = wait_for("a name in use to be marked", lambda: is_invalid(name_field), 10)
    check("a name in use is 'invalid' for Orca", invalid)

    editable = name_field.queryEditableText()
    editable.deleteText(0, len(taken))
    type_text("Accessibility check")
    wait_for("the name to be accepted", lambda: not is_invalid(name_field), 10)
    press("Return")
    secret_row = find(dialog, "list item", "Secret")
    check("the secret's field is labelled 'Secret'", secret_row is not None)
    secret = wait_for("the token's secret", lambda: label_matching(secret_row, r"[0-9a-f]{20,}"), 20)
    check("the created token's secret is there to be read", secret is not None)
    press("Escape")

    # A sync group's source, picked by keys: part of its name, Down, Enter.
    sources = json.loads(cli("sources", "list", "--json").stdout)
    source = sources[-1]["name"]
    point_into_top_window()
    press("3", "Alt_L")
    press("n", "Control_L")
    picker = wait_for("the sync group editor's source picker",
                      lambda: find(window, "text", "Add a Source by Name or ID"))
    # GTK 4.8 cannot move the focus over AT-SPI: a click, where the picker is.
    box = picker.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    pyatspi.Registry.generateMouseEvent(box.x + 20, box.y + box.height // 2, "b1c")
    type_text(source[:-1])
    matches = wait_for("the matching sources", lambda: find(window, "list", "Matching Sources"))
    wait_for("a match named like the source", lambda: find(matches, "list item", source))
    press("Down")
    press("Return")
    picked = wait_for("the source in the group's list",
                      lambda: pyatspi.findDescendant(window, lambda n: n.getRoleName() == "list item"
                                                     and n.name == source and n.parent.name != "Matching Sources"))
    check("a source is picked by name with the keys alone", picked is not None)
    missing = unnamed_controls(window)
    check("every control of the editor has a name", not missing, "; ".join(sorted(set(missing))))
    press("Escape")

    # A password policy made with the keys alone: Alt+2, Ctrl+N, its name, Ctrl+S.
    # It has a source not saved: "Save Changes?" asks first; the group is not kept.
    discard = wait_for("Save Changes?", lambda: pyatspi.findDescendant(
        latchkey, lambda n: n.getRoleName() == "push button" and "Discard" in (n.name or "")), 10)
    asking = discard
    while asking is not None and asking.getRoleName() not in ("dialog", "frame", "alert"):
        asking = asking.parent
    check("the question has a title to be announced", asking is not None and asking.name == "Save Changes?",
          asking.name if asking is not None else "no window")
    discard.queryAction().doAction(0)
    wait_for("Save Changes? to close", lambda: not pyatspi.findDescendant(
        latchkey, lambda n: n.getRoleName() == "push button" and "Discard" in (n.name or "")), 10)
    point_into_top_window()
    press("2", "Alt_L")
    press("n", "Control_L")
    wait_for("the policy editor", lambda: find(window, "text", "Name") or find(window, "entry", "Name"))
    type_text("Kiosks by keys")
    press("s", "Control_L")

    def policy_saved():
        listed = cli("policies", "list", "--json")
        return listed.returncode == 0 and any(p.get("name") == "Kiosks by keys" for p in json.loads(listed.stdout))

    check("a policy is created with the keys alone", wait_for("the policy on the tenant", policy_saved, 20))

    # The Passwords page with the keys alone: Alt+4, part of the source's name,
    # Down to the suggestion, Enter (which moves on to the user), the user, Enter.
    press("4", "Alt_L")
    type_text(sandbox.source[:-2])
    suggestions = wait_for("the suggested sources", lambda: find(window, "list", "Suggestions"))
    wait_for("the source suggested", lambda: find(suggestions, "list item", sandbox.source))
    press("Down")
    press("Return")
    type_text(sandbox.user)
    press("Return")
    person = sandbox.user.replace(".", " ")
    check("a person's password info is looked up with the keys alone",
          wait_for("the identity looked up", lambda: label_matching(window, re.escape(person)), 20))
    # Its password rows' Show Text buttons, libadwaita's own, are named too.
    shows = [n for n in descendants(window, lambda n: n.getRoleName() == "push button" and n.name == "Show Text")
             if on_screen(n)]
    check("a password row's Show Text button is named", shows, "none on screen")
    missing = unnamed_controls(window)
    check("every control of the Passwords page has a name", not missing, "; ".join(sorted(set(missing))))

    # Every saved tenant's tokens in one list, the search kept.
    both = json.loads(cli("tokens", "list", "--json").stdout)
    both += json.loads(cli("--tenant", "Second", "tokens", "list", "--json").stdout)
    press("1", "Alt_L")
    all_tenants = wait_for("the All Tenants toggle", lambda: find(window, "push button", "All Tenants"))
    all_tenants.queryAction().doAction(0)
    expected = sum("abby" in search_text(token) for token in both)
    shown = wait_for("the tokens of both tenants",
                     lambda: label_matching(window, rf"{expected} of {len(both)} tokens shown"))
    check("All Tenants lists both tenants' tokens, and says so", shown is not None)
    header = pyatspi.findDescendant(window, lambda n: n.getRoleName() == "label" and n.name == "Tenant"
                                    and n.parent.parent.name == "GtkColumnViewTitle")
    check("the list of every tenant has a Tenant column", header is not None and on_screen(header))
    missing = unnamed_controls(window)
    check("every control of the list of every tenant has a name", not missing, "; ".join(sorted(set(missing))))
    all_tenants.queryAction().doAction(0)

    # The policy made above, compared with another: the differences read as words.
    press("2", "Alt_L")
    back = find(window, "push button", "Back to the Policies")
    if back is not None and on_screen(back):
        back.queryAction().doAction(0)
    policy = wait_for("the policy in the list", lambda: pyatspi.findDescendant(
        window, lambda n: n.getRoleName() == "label" and n.name == "Kiosks by keys"
        and n.parent.parent.getRoleName() == "table cell" and on_screen(n)))
    box = policy.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    pyatspi.Registry.generateMouseEvent(box.x + 5, box.y + box.height // 2, "b1c")
    compare = wait_for("Compare…", lambda: find(window, "push button", "Compare…"))
    wait_for("Compare… to be enabled", lambda: compare.getState().contains(pyatspi.STATE_SENSITIVE), 10)
    compare.queryAction().doAction(0)
    dialog = wait_for("the Compare window", lambda: pyatspi.findDescendant(
        latchkey, lambda n: n.getRoleName() in ("dialog", "frame") and n.name == "Compare"))
    differs = wait_for("a field marked as differing", lambda: descendants(
        dialog, lambda n: n.name == "Differs"))
    check("a differing field is marked in words for Orca", len(differs) > 0)
    missing = unnamed_controls(dialog)
    check("every control of the Compare window has a name", not missing, "; ".join(sorted(set(missing))))
    point_into_top_window()
    press("Escape")

    # ...and copied to the second tenant, after its preview.
    copy = find(window, "push button", "Copy To…")
    wait_for("the Compare window to close", lambda: not pyatspi.findDescendant(
        latchkey, lambda n: n.getRoleName() in ("dialog", "frame") and n.name == "Compare"), 10)
    copy.queryAction().doAction(0)
    dialog = wait_for("the Copy Policy window", lambda: pyatspi.findDescendant(
        latchkey, lambda n: n.getRoleName() in ("dialog", "frame") and n.name == "Copy Policy"))
    preview = wait_for("the preview of what is sent", lambda: label_matching(dialog, r'(?s)\{.*"Kiosks by keys".*'))
    check("the copy's preview is there to be read", preview is not None)
    missing = unnamed_controls(dialog)
    check("every control of the Copy window has a name", not missing, "; ".join(sorted(set(missing))))
    send = wait_for("Send", lambda: find(dialog, "push button", "Send to “Second”"))
    wait_for("Send to be enabled", lambda: send.getState().contains(pyatspi.STATE_SENSITIVE), 10)
    send.queryAction().doAction(0)

    def copied():
        listed = cli("--tenant", "Second", "policies", "list", "--json")
        return listed.returncode == 0 and any(p.get("name") == "Kiosks by keys" for p in json.loads(listed.stdout))

    check("the policy is copied to the second tenant", wait_for("the copy on the second tenant", copied, 20))
    wait_for("the Copy Policy window to close", lambda: not pyatspi.findDescendant(
        latchkey, lambda n: n.getRoleName() in ("dialog", "frame") and n.name == "Copy Policy"), 10)

    # Its history: a window that says what it is, every control named.
    find(window, "push button", "History…").queryAction().doAction(0)
    dialog = wait_for("the History window", lambda: pyatspi.findDescendant(
        latchkey, lambda n: n.getRoleName() in ("dialog", "frame") and n.name == "History"))
    wait_for("the versions, or that there are none", lambda: label_matching(
        dialog, r"Version \d+|No Earlier Versions"))
    missing = unnamed_controls(dialog)
    check("every control of the History window has a name", not missing, "; ".join(sorted(set(missing))))
except Timeout as error:
    check("no wait ran out", False, str(error))
    if os.environ.get("LK_A11Y_SHOT"):
        subprocess.run(["import", "-window", "root", os.environ["LK_A11Y_SHOT"]])
finally:
    if app is not None:
        check("Latchkey ran to the end without crashing", app.poll() is None, f"exit status {app.returncode}")
        app.terminate()
        try:
            app.wait(timeout=lktest.scaled(20))
        except subprocess.TimeoutExpired:
            app.kill()
    sandbox.stop()
    second.stop()

results.report()
