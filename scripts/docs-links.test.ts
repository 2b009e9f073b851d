// Every relative link in README.md, CONTRIBUTING.md and docs/*.md must reach an existing file, and a
// link with #anchor a heading (GitHub's slug) or an explicit id in that file: the README is a front
// door to docs/, and a moved section must not leave a dead link behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** The Markdown without fenced code blocks and inline code, where brackets are not links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, heading] of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = heading
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    found.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const [, id] of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(id);
  return found;
}

/** Each broken relative link in `file` (a path from the repository root), as "file: target (why)". */
function brokenLinks(
  file: string,
  markdown: string,
  exists: (path: string) => boolean,
  read: (path: string) => string,
): string[] {
  const broken: string[] = [];
  for (const [, target] of prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [path, anchor] = target.split('#', 2);
    const resolved = path === '' ? file : join(dirname(file), decodeURIComponent(path));
    if (!exists(resolved)) {
      broken.push(`${file}: ${target} (no file ${resolved})`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor)) {
      broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
    }
  }
  return broken;
}

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

const onDisk = (path: string) => existsSync(join(ROOT, path));
const readDisk = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('documentation links', () => {
  test.each(DOCS)('%s links only to files and headings that exist', (file) => {
    expect(brokenLinks(file, readDisk(file), onDisk, readDisk)).toEqual([]);
  });

  test('the checker catches a missing file, a missing heading and keeps good links', () => {
    const files: Record<string, string> = {
      'docs/a.md': '# Title\n\n## Adding a setting\n\n<a id="kept"></a>\n',
      'docs/b.png': '',
    };
    const exists = (path: string) => relative('.', path) in files;
    const read = (path: string) => files[relative('.', path)];
    const page = [
      '[ok](a.md#adding-a-setting) [ok](a.md#kept) ![ok](b.png) [ok](#title) [web](https://example.org/x)',
      '[gone](c.md) [no heading](a.md#adding-a-view)',
      '`[in code](nowhere.md)`',
      '```\n[in a fence](nowhere.md)\n```',
      '# Title',
    ].join('\n');
    expect(brokenLinks('docs/a.md', page, exists, read)).toEqual([
      'docs/a.md: c.md (no file docs/c.md)',
      'docs/a.md: a.md#adding-a-view (no heading #adding-a-view in docs/a.md)',
    ]);
  });
});
