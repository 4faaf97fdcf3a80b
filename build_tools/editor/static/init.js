// Before decap-cms.js: it then skips its own CMS.init() (its last line is
// `window.CMS_MANUAL_INIT ? console.log(…) : CMS.init()`), so that admin.js registers everything first.
window.CMS_MANUAL_INIT = true;
