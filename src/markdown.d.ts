/** Markdown files imported as text (webpack `asset/source`; tests/support/textTransform.js under Jest). */
declare module '*.md' {
  const text: string;
  export default text;
}
