#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-po.py SRCDIR LANG… — each po/LANG.po is valid and complete for the current sources.

For every language:
  0. xgettext gives no warning (a warning means a msgid is cut short or mis-flagged);
  1. `msgfmt --check --check-accelerators=_` on po/LANG.po as committed: header, plural forms, and that every c-format
     translation has the same placeholders as its English (%s, %d, %'d, %1$s …);
  2. extracts a fresh template from the files in po/POTFILES (xgettext with the same keywords
     as meson's `glib` preset, i.e. what `meson compile thriftdesk-pot` runs) into a temp dir,
     merges po/LANG.po into it (msgmerge, as `thriftdesk-update-po` does) and fails, listing
     them, when any string of the current sources is untranslated or fuzzy there.
Nothing in the source tree is written.
"""

import pathlib
import subprocess
import sys
import tempfile

# meson's i18n 'glib' preset (mesonbuild/modules/i18n.py) plus --from-code as po/meson.build.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
]
SHOW_AT_MOST = 40


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def entries(po_path, *which):
    """msgids of the (untranslated, fuzzy …: which) entries of po_path, one line each."""
    out = run(['msgattrib', '--no-obsolete', '--no-wrap', *which, str(po_path)]).stdout
    ids, current = [], None
    for line in out.splitlines():
        if line.startswith('msgid "'):
            current = line[len('msgid '):]
        elif line.startswith('"') and current is not None:
            current = current[:-1] + line[1:]
        else:
            if current not in (None, '""'):
                ids.append(current)
            current = None
    if current not in (None, '""'):
        ids.append(current)
    return ids


def check_language(srcdir, lang, pot):
    po = srcdir / 'po' / f'{lang}.po'
    if not po.is_file():
        print(f'check-po: po/{lang}.po does not exist (it is in po/LINGUAS)', file=sys.stderr)
        return False

    ok = True
    r = run(['msgfmt', '--check', '--check-accelerators=_', '-o', '/dev/null', str(po)])
    if r.returncode != 0:
        print(f'check-po: po/{lang}.po does not pass msgfmt --check:\n{r.stderr}', file=sys.stderr)
        ok = False

    with tempfile.TemporaryDirectory() as tmp:
        merged = pathlib.Path(tmp) / f'{lang}.po'
        r = run(['msgmerge', '--quiet', '--no-wrap', '-o', str(merged), str(po), str(pot)])
        if r.returncode != 0:
            print(f'check-po: msgmerge failed:\n{r.stderr}', file=sys.stderr)
            return False
        missing = entries(merged, '--untranslated')
        fuzzy = entries(merged, '--only-fuzzy')
        total = len(entries(merged))

    for kind, ids in (('untranslated', missing), ('fuzzy (English changed)', fuzzy)):
        if ids:
            ok = False
            print(f'check-po: po/{lang}.po: {len(ids)} of {total} strings of the current '
                  f'sources are {kind} — the translator runs `meson compile thriftdesk-update-po` '
                  'and translates them:', file=sys.stderr)
            for msgid in ids[:SHOW_AT_MOST]:
                print(f'  {msgid}', file=sys.stderr)
            if len(ids) > SHOW_AT_MOST:
                print(f'  … and {len(ids) - SHOW_AT_MOST} more', file=sys.stderr)
    if ok:
        print(f'check-po: po/{lang}.po: all {total} strings translated, none fuzzy')
    return ok


def main(argv):
    srcdir = pathlib.Path(argv[1]).resolve()
    langs = argv[2:]
    files = [l.strip() for l in (srcdir / 'po' / 'POTFILES').read_text().splitlines()
             if l.strip() and not l.strip().startswith('#')]
    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / 'current.pot'
        r = run(['xgettext', *XGETTEXT_ARGS, '--package-name=thriftdesk', '-o', str(pot),
                 *files], cwd=srcdir)
        if r.returncode != 0:
            print(f'check-po: xgettext failed:\n{r.stderr}', file=sys.stderr)
            return 1
        # A warning means a string reaches translators wrong, e.g. "%" G_GINT64_FORMAT " days"
        # (xgettext can't expand the macro, so the msgid is cut short and never matches).
        warnings = [l for l in r.stderr.splitlines() if 'warning' in l]
        if warnings:
            print('check-po: xgettext warns about these strings (fix them in the source):\n  '
                  + '\n  '.join(warnings), file=sys.stderr)
        results = [check_language(srcdir, lang, pot) for lang in langs]
    return 0 if all(results) and not warnings else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
