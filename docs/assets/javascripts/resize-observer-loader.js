/* Old WebViews (early X5, kiosk browsers) lack ResizeObserver; Material would then fetch a polyfill
   from unpkg.com, which is blocked in mainland China. Load our own copy instead, only when needed. */
if (typeof window.ResizeObserver === "undefined") {
  var here = document.currentScript && document.currentScript.src;
  var src = here ? here.replace(/resize-observer-loader\.js.*$/, "vendor/resize-observer-polyfill.js") : "";
  if (src) document.write('<script src="' + src + '"><\/script>');
}
