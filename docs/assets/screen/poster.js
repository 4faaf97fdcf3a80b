/* The poster's print button: a file of its own, since the site's pages carry no inline event handlers. */
(function () {
  "use strict";
  var button = document.getElementById("print");
  if (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  }
})();
