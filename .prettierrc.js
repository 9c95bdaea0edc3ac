module.exports = {
  // Prettier configuration provided by Grafana scaffolding (.config/.prettierrc.js: print width 120, single quotes,
  // ES5 trailing commas), which is what Opsdeck's own settings were.
  ...require('./.config/.prettierrc.js'),
};
