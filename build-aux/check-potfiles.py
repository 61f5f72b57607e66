#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-potfiles.py SRCDIR — po/POTFILES lists exactly the files that have translatable strings.

Fails (exit 1), naming each file, when
  - a file with translatable strings is not in po/POTFILES (its strings would never reach the
    translators: the app shows them in English whatever the language), or
  - po/POTFILES names a file that does not exist (xgettext, and so `thriftdesk-pot`, fails).
A listed file without strings is only reported (harmless to xgettext; may be about to get some).

Files with strings:
  src/**/*.c, src/**/*.h   a gettext call: _( N_( C_( NC_( Q_( ngettext( g_dngettext( …,
                           outside comments and string literals
  resources/**/*.ui        translatable="yes"
  data/*.desktop.in*, data/*.metainfo.xml.in*, data/*.gschema.xml.in*   always (their names,
                           summaries and descriptions are translated)
"""

import pathlib
import re
import sys

C_KEYWORDS = re.compile(
    r'(?<![A-Za-z0-9_])'
    r'(_|N_|C_|NC_|Q_|gettext|ngettext|dgettext|dngettext|pgettext|npgettext|'
    r'g_dgettext|g_dngettext|g_dcgettext|g_dpgettext|g_dpgettext2)'
    r'\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*["\'](yes|true|1)["\']', re.IGNORECASE)
DATA_PATTERNS = ('*.desktop.in', '*.desktop.in.in', '*.metainfo.xml.in', '*.metainfo.xml.in.in',
                 '*.appdata.xml.in', '*.appdata.xml.in.in', '*.gschema.xml.in', '*.gschema.xml')


def strip_c(text):
    """The C code with comments and string/char literals blanked out (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '/' and text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:end]))
            i = end
        elif c == '/' and text.startswith('//', i):
            end = text.find('\n', i)
            end = n if end < 0 else end
            i = end
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append(c + ' ' * max(0, min(j, n) - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def has_strings(path):
    try:
        text = path.read_text(encoding='utf-8')
    except UnicodeDecodeError:
        return False
    if path.suffix in ('.c', '.h'):
        return C_KEYWORDS.search(strip_c(text)) is not None
    if path.suffix == '.ui':
        return UI_TRANSLATABLE.search(text) is not None
    return True  # data files: always translated


def files_with_strings(srcdir):
    found = set()
    candidates = []
    src = srcdir / 'src'
    if src.is_dir():
        candidates += sorted(src.rglob('*.c')) + sorted(src.rglob('*.h'))
    resources = srcdir / 'resources'
    if resources.is_dir():
        candidates += sorted(resources.rglob('*.ui'))
    data = srcdir / 'data'
    if data.is_dir():
        for pattern in DATA_PATTERNS:
            candidates += sorted(data.glob(pattern))
    for path in candidates:
        if path.is_file() and has_strings(path):
            found.add(path.relative_to(srcdir).as_posix())
    return found


def read_potfiles(potfiles):
    listed = []
    for line in potfiles.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)
    return listed


def main(argv):
    srcdir = pathlib.Path(argv[1] if len(argv) > 1 else '.').resolve()
    potfiles = srcdir / 'po' / 'POTFILES'
    listed = read_potfiles(potfiles)
    wanted = files_with_strings(srcdir)
    problems = []

    seen = set()
    for name in listed:
        if name in seen:
            problems.append(f'{name}: listed twice in po/POTFILES')
        seen.add(name)
        path = srcdir / name
        if not path.is_file():
            problems.append(f'{name}: listed in po/POTFILES but the file does not exist '
                            '(remove the line)')
        elif name not in wanted:
            print(f'check-potfiles: note: {name} is listed in po/POTFILES but has no '
                  'translatable strings')
    for name in sorted(wanted - seen):
        problems.append(f'{name}: has translatable strings but is missing from po/POTFILES '
                        '(add it, keep the list sorted)')

    for p in problems:
        print(f'check-potfiles: {p}', file=sys.stderr)
    if problems:
        return 1
    print(f'check-potfiles: po/POTFILES lists all {len(wanted)} files with translatable strings')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
