#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-shortcuts.py SRCDIR — every keyboard shortcut the UI binds is in the shortcuts window.

Reads the shortcuts src/ui declares —
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "action", …)
  gtk_keyval_trigger_new (GDK_KEY_x, mods)                     (GtkShortcutController)
  gtk_application_set_accels_for_action (app, "app.quit", accels) with accels = { "<Control>q" }
— and fails, naming file and line, when one is not in resources/ui/help-overlay.ui (as an
`accelerator`, or as the `action-name` of the action an application accelerator belongs to).

Not checked: Escape bound to window.close (every dialog closes that way), keypad/ISO Enter
twins of Return, keys handled in key-pressed handlers (list those by hand), and loops such as
`GDK_KEY_1 + i` (the first key, GDK_KEY_1, must be listed).
Also fails when a section of the window would not fit on one page (see check_pages()).
"""

import pathlib
import re
import sys

MASKS = {
    'GDK_CONTROL_MASK': 'control', 'GDK_SHIFT_MASK': 'shift', 'GDK_ALT_MASK': 'alt',
    'GDK_SUPER_MASK': 'super', 'GDK_META_MASK': 'meta',
}
ACCEL_MODS = {'control': 'control', 'primary': 'control', 'ctrl': 'control', 'shift': 'shift',
              'alt': 'alt', 'mod1': 'alt', 'super': 'super', 'meta': 'meta'}
TWINS = {'kp_enter': 'return', 'iso_enter': 'return', 'kp_delete': 'delete'}

BINDING = re.compile(
    r'gtk_widget_class_add_binding_(?:action|signal)\s*\(\s*[^,]+,\s*'
    r'GDK_KEY_(\w+)(\s*\+\s*\w+)?\s*,\s*([^,]+),\s*"([^"]+)"', re.S)
TRIGGER = re.compile(
    r'gtk_keyval_trigger_new\s*\(\s*GDK_KEY_(\w+)\s*,\s*([^)]+)\)(?:\s*,\s*'
    r'gtk_named_action_new\s*\(\s*"([^"]+)")?', re.S)
APP_ACCELS = re.compile(
    r'gtk_application_set_accels_for_action\s*\([^,]+,\s*"([^"]+)"\s*,\s*(\w+)\s*\)', re.S)
OVERLAY_ACCEL = re.compile(r'<property name="accelerator">([^<]+)</property>')
OVERLAY_ACTION = re.compile(r'<property name="action-name">([^<]+)</property>')


def norm(key, mods):
    key = key.lower()
    key = TWINS.get(key, key)
    return key, frozenset(mods)


def parse_mask(text):
    mods = set()
    for part in re.split(r'\s*\|\s*', text.strip()):
        if part in ('0', ''):
            continue
        if part not in MASKS:
            return None
        mods.add(MASKS[part])
    return mods


def parse_accel(accel):
    mods = set(ACCEL_MODS.get(m.lower(), m.lower()) for m in re.findall(r'<([^>]+)>', accel))
    key = re.sub(r'<[^>]+>', '', accel).strip()
    return norm(key, mods)


def check_pages(overlay_text):
    """Each GtkShortcutsSection must fit one page: two columns of max-height lines (a group
    takes its shortcuts + 1 for the title; GTK fills columns in order). GTK 4.8 pages a bigger
    section, and its page switcher warns "GtkLabel reported min width -5", fatal in the UI
    tests; a taller max-height outgrows a 1280x800 screen (more than 15 is refused)."""
    problems = []
    for section in re.findall(r'<object class="GtkShortcutsSection">(.*?)\n      </object>',
                              overlay_text, re.S):
        name = re.search(r'name="section-name">([^<]+)<', section)
        name = name.group(1) if name else '?'
        mh = re.search(r'name="max-height">(\d+)<', section)
        max_height = int(mh.group(1)) if mh else 15
        if max_height > 15:
            problems.append(f'section "{name}": max-height {max_height} makes the window taller '
                            'than a 1280x800 screen; split the section instead (at most 15)')
        columns, used = 1, 0
        for group in re.findall(r'<object class="GtkShortcutsGroup">(.*?)\n          </object>',
                                section, re.S):
            height = 1 + group.count('class="GtkShortcutsShortcut"')
            if used and used + height > max_height:
                columns, used = columns + 1, 0
            used += height
        if columns > 2:
            problems.append(f'section "{name}" needs {columns} columns of {max_height} lines: '
                            'more than one page. Move a group into another GtkShortcutsSection')
    return problems


def line_of(text, pos):
    return text.count('\n', 0, pos) + 1


def main(argv):
    srcdir = pathlib.Path(argv[1] if len(argv) > 1 else '.').resolve()
    overlay_text = (srcdir / 'resources' / 'ui' / 'help-overlay.ui').read_text(encoding='utf-8')
    listed = set()
    for accel in OVERLAY_ACCEL.findall(overlay_text):
        for one in accel.replace('&lt;', '<').replace('&gt;', '>').split():
            listed.add(parse_accel(one))
    listed_actions = set(OVERLAY_ACTION.findall(overlay_text))

    problems = []
    n = 0
    for path in sorted((srcdir / 'src' / 'ui').rglob('*.c')):
        text = path.read_text(encoding='utf-8')
        rel = path.relative_to(srcdir).as_posix()
        found = []
        for m in BINDING.finditer(text):
            found.append((m.start(), m.group(1), m.group(3), m.group(4)))
        for m in TRIGGER.finditer(text):
            found.append((m.start(), m.group(1), m.group(2), m.group(3) or ''))
        for pos, key, mask, action in found:
            mods = parse_mask(mask)
            if mods is None:
                continue  # a computed mask: can't tell
            if key == 'Escape' and not mods and action == 'window.close':
                continue
            n += 1
            if norm(key, mods) not in listed:
                accel = ''.join(f'<{m.capitalize()}>' for m in sorted(mods)) + key
                problems.append(f'{rel}:{line_of(text, pos)}: {accel} ({action or "a shortcut"}) '
                                'is not in resources/ui/help-overlay.ui')
        for m in APP_ACCELS.finditer(text):
            action, array = m.group(1), m.group(2)
            decl = re.search(r'\b' + re.escape(array) + r'\s*\[\s*\]\s*=\s*\{([^}]*)\}', text)
            accels = re.findall(r'"([^"]+)"', decl.group(1)) if decl else []
            for accel in accels:
                n += 1
                if parse_accel(accel) not in listed and action not in listed_actions:
                    problems.append(f'{rel}:{line_of(text, m.start())}: {accel} ({action}) is not '
                                    'in resources/ui/help-overlay.ui')

    problems += check_pages(overlay_text)
    for p in problems:
        print(f'check-shortcuts: {p}', file=sys.stderr)
    if problems:
        if any('is not in resources/ui/help-overlay.ui' in p for p in problems):
            print('check-shortcuts: add each to the group of its section in help-overlay.ui',
                  file=sys.stderr)
        return 1
    print(f'check-shortcuts: all {n} shortcuts bound in src/ui are in the shortcuts window')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
