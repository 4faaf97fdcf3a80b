/* Click a header of a table.sortable to sort its rows (again to reverse). Cells may carry a
   data-sort value; numbers sort as numbers. No library, no outside request. */
document.addEventListener("click", function (event) {
  var th = event.target.closest && event.target.closest("table.sortable th");
  if (!th) return;
  var table = th.closest("table");
  var body = table.tBodies[0];
  var column = Array.prototype.indexOf.call(th.parentNode.children, th);
  var descending = th.getAttribute("aria-sort") !== "descending";
  Array.prototype.forEach.call(th.parentNode.children, function (other) { other.removeAttribute("aria-sort"); });
  th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  var key = function (row) {
    var cell = row.children[column];
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    var number = parseFloat(value);
    return isNaN(number) ? value : number;
  };
  var rows = Array.prototype.slice.call(body.rows);
  rows.sort(function (a, b) {
    var x = key(a), y = key(b);
    var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh");
    return descending ? -order : order;
  });
  rows.forEach(function (row) { body.appendChild(row); });
});
