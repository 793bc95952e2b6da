// Small page behaviours, plain DOM code so they work from file://:
// the library table (filter as you type, sort by column) and the timeline's theme filter.
(function () {
  function setUpTimeline() {
    var select = document.querySelector(".clip-theme-filter");
    if (!select || select.dataset.clipReady) return;
    select.dataset.clipReady = "1";
    select.addEventListener("change", function () {
      var theme = select.value;
      document.querySelectorAll(".clip-timeline > li").forEach(function (item) {
        item.hidden = theme !== "" && (" " + item.dataset.themes + " ").indexOf(" " + theme + " ") < 0;
      });
    });
  }
  // A cell's data-sort (an ISO date, a number) when it has one, else its text.
  function sortValue(cell) {
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  }
  function setUp() {
    setUpTimeline();
    var input = document.querySelector(".clip-filter");
    var table = document.querySelector(".md-typeset table");
    if (!input || !table || table.dataset.clipReady) return;
    table.dataset.clipReady = "1";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    function filter() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    }
    input.addEventListener("input", filter);
    // Listing pages link here with ?q=<name> for their full list.
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { input.value = query; filter(); }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "clip-sort";
      button.textContent = cell.textContent;
      cell.textContent = "";
      cell.appendChild(button);
      cell.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = cell.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.setAttribute("aria-sort", "none"); });
        cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var type = cell.dataset.sortType;
        rows.sort(function (a, b) {
          var x = sortValue(a.cells[column]), y = sortValue(b.cells[column]);
          // An unknown date stays at the end whichever way the column is sorted.
          if (type === "date" && (x === "" || y === "")) return (x === "") - (y === "");
          var order = type === "number" ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();
