/** Serves the built plugin files (dist/) the way Grafana serves public/plugins/<id>/: read-only, no listing. */
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Sends `relativePath` from `root`, or answers 404 when it is missing or would escape `root`. */
export function sendStaticFile(res: ServerResponse, root: string, relativePath: string): void {
  const base = resolve(root);
  const file = resolve(base, relativePath);
  let size = -1;
  if (file.startsWith(base + sep)) {
    try {
      const st = statSync(file);
      size = st.isFile() ? st.size : -1;
    } catch {
      size = -1;
    }
  }
  if (size < 0) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(res);
}
