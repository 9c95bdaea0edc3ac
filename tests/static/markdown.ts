// What the docs tests read out of Markdown: links, inline code and the anchors GitHub gives headings. Small on
// purpose: fenced code blocks are skipped, and headings are slugged the way github.com does it (lower case, letters,
// digits, spaces, `-` and `_` kept, spaces to `-`, a repeated slug numbered -1, -2…).
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface MarkdownLink {
  text: string;
  target: string;
  line: number;
}

export interface MarkdownFile {
  /** Repository-relative path. */
  file: string;
  links: MarkdownLink[];
  /** Inline code spans outside fenced blocks, with their line. */
  code: Array<{ text: string; line: number }>;
  anchors: Set<string>;
}

/** The lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): Array<{ line: string; number: number }> {
  const lines: Array<{ line: string; number: number }> = [];
  let fence: string | undefined;
  text.split('\n').forEach((line, index) => {
    const marker = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return;
    }
    if (fence === undefined) lines.push({ line, number: index + 1 });
  });
  return lines;
}

export function githubSlug(heading: string): string {
  const text = heading
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

export function readMarkdown(file: string): MarkdownFile {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const links: MarkdownLink[] = [];
  const code: Array<{ text: string; line: number }> = [];
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { line, number } of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading !== undefined) {
      const slug = githubSlug(heading);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]);
    for (const match of line.matchAll(/`([^`]+)`/g)) code.push({ text: match[1], line: number });
    // Links outside inline code: `[x](y)` inside backticks is an example, not a link.
    const outside = line.replace(/`[^`]*`/g, '');
    for (const match of outside.matchAll(/!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ text: match[1], target: match[2], line: number });
    }
  }
  return { file, links, code, anchors };
}

/** README.md, docs/*.md and docs/playbooks/*.md. */
export function docsFiles(): string[] {
  const md = (dir: string) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((name) => name.endsWith('.md'))
      .map((name) => path.posix.join(dir, name))
      .sort();
  return ['README.md', ...md('docs'), ...md('docs/playbooks')];
}
