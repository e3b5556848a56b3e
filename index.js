// n8n finds this package's credentials and nodes through the "n8n" section of package.json,
// which points at the built files in dist/. Nothing needs to be exported from here.
module.exports = {};
