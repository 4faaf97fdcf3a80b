/* Old WebViews (early X5, kiosk browsers) lack ResizeObserver; Material would then fetch a polyfill
   from unpkg.com, which is blocked in mainland China. Load our own copy instead, only when needed.
   Its address comes from the script tag (overrides/main.html): it has a content-hashed name, and
   naming it here would change this file's hash whenever the polyfill's changes. */
if (typeof window.ResizeObserver === "undefined") {
  var loader = document.currentScript || document.querySelector("script[data-polyfill]");
  var src = loader && loader.getAttribute("data-polyfill");
  if (src) document.write('<script src="' + src + '"><\/script>');
}
