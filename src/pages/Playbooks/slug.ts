/**
 * A heading's anchor as github.com makes it from the heading's text: lower case; letters, digits, spaces, `-` and `_`
 * kept; spaces to `-`. The same rule as tests/static/markdown.ts, which checks every `#anchor` the docs link to, so a
 * fragment that works on GitHub works in the app (tested against it).
 */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Slugs for the headings of one document in order: a repeated slug is numbered -1, -2… as on GitHub. */
export function slugCounter(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const slug = headingSlug(text);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    return count === 0 ? slug : `${slug}-${count}`;
  };
}
