/* 大字模式: one tap on the header's 大字 button makes the text larger and darker, on every page, and this phone
   remembers it (localStorage only: nothing is sent anywhere). Loaded in <head>, so the class is on <html> before
   the first paint and a page never flashes small text first. Without JavaScript the button stays hidden. */
(function () {
  var KEY = "lx.largeText";
  var root = document.documentElement;
  var stored = function () {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  };
  var store = function (on) {
    try {
      if (on) window.localStorage.setItem(KEY, "1"); else window.localStorage.removeItem(KEY);
    } catch (e) { /* storage off (private mode): the switch still works on this page */ }
  };
  var show = function (on) {
    root.classList.toggle("lx-large", on);
    var buttons = document.querySelectorAll("[data-lx-large-toggle]");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
  };
  show(stored());
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-lx-large-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () {
        var on = !root.classList.contains("lx-large");
        store(on);
        show(on);
      });
    }
    show(root.classList.contains("lx-large"));
  });
})();
