/** gateway/bench/RESULTS.md holds one section per benchmark; each run rewrites its own section only. */
import fs from 'node:fs';

/** Replaces the section that starts with `heading`, up to the next `# ` or `## ` heading; appends it when absent. */
export function replaceSection(file: string, heading: string, section: string): void {
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const body = `${section.trimEnd()}\n`;
  const found = doc.startsWith(heading) ? 0 : doc.indexOf(`\n${heading}`);
  if (found < 0) {
    fs.writeFileSync(file, doc === '' ? body : `${doc.trimEnd()}\n\n${body}`);
    return;
  }
  const from = found === 0 ? 0 : found + 1;
  const after = doc.slice(from + heading.length);
  const end = after.search(/\n#{1,2} /);
  const rest = end < 0 ? '' : after.slice(end + 1);
  fs.writeFileSync(file, `${doc.slice(0, from)}${body}${rest === '' ? '' : `\n${rest}`}`);
}
