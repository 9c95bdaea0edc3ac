// Jest transform for text assets (Markdown templates): the module's default export is the file's text, as
// webpack's `asset/source` gives it in the bundle.
module.exports = {
  process(sourceText) {
    return { code: `module.exports = ${JSON.stringify(sourceText)};` };
  },
};
