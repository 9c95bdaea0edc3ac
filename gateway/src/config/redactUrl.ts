/** A connection URL as logs, health and errors may show it: the password replaced, never echoed. */
export function withoutPassword(text: string, scheme: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return `${scheme}://(unparseable URL)`;
  }
}
