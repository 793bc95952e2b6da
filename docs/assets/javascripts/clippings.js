// Small page behaviours, plain DOM code so they work from file://:
// the Library (filters, sort and paging over every article) and the timeline's theme filter.
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
  // The Library: the page shows its newest rows; all rows arrive in one classic
  // script (assets/library/rows.js, which calls clippingsLibrary) that is loaded
  // after the page has painted. Filters and sort live in the address.
  var PAGE_ROWS = 100;
  var FILTERS = ["q", "theme", "author", "outlet", "year"];
  function setUpLibrary() {
    var table = document.querySelector("table[data-clip-library]");
    if (!table || table.dataset.clipReady) return;
    table.dataset.clipReady = "1";
    var status = document.querySelector(".clip-library-status");
    var total = Number(table.dataset.total);
    status.textContent = "Loading all " + total.toLocaleString("en") + " articles…";
    window.clippingsLibrary = function (data) { startLibrary(table, status, data); };
    var script = document.createElement("script");
    script.src = table.dataset.rows;
    script.onerror = function () {
      status.textContent = "The full list could not be loaded; the newest articles are shown.";
    };
    document.body.appendChild(script);
  }
  function startLibrary(table, status, data) {
    var form = document.querySelector(".clip-library-filters");
    var more = document.querySelector(".clip-library-more");
    var body = table.tBodies[0];
    var collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
    var rows = data.rows.map(function (r, index) {
      var author = r[2] >= 0 ? data.authors[r[2]][0] : "";
      var outlet = r[3] >= 0 ? data.outlets[r[3]][0] : "";
      var themes = r[6].map(function (t) { return data.themes[t][1]; });
      return {
        index: index, title: r[0], url: r[1], authorIndex: r[2], outletIndex: r[3],
        author: author, outlet: outlet, date: r[4], when: r[5], themeIndexes: r[6],
        themes: themes.join(", "), words: r[7], year: r[4].slice(0, 4),
        text: [r[0], author, outlet, themes.join(" "), r[5], r[4]].join(" ").toLowerCase()
      };
    });
    var orders = {};
    function order(key) {
      if (orders[key]) return orders[key];
      var sorted = rows.slice();
      if (key === "date") return (orders[key] = sorted); // the rows come newest first
      sorted.sort(function (a, b) {
        if (key === "words") return a.words - b.words || a.index - b.index;
        return collator.compare(a[key], b[key]) || a.index - b.index;
      });
      return (orders[key] = sorted);
    }
    function options(select, pairs) {
      pairs.forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        select.appendChild(option);
      });
    }
    var controls = {};
    FILTERS.forEach(function (key) { controls[key] = form.querySelector('[data-filter="' + key + '"]'); });
    options(controls.theme, data.themes);
    options(controls.author, data.authors.map(function (a) { return [a[0], a[0]]; }));
    options(controls.outlet, data.outlets.map(function (o) { return [o[0], o[0]]; }));
    var years = {};
    rows.forEach(function (row) { if (row.year) years[row.year] = true; });
    options(controls.year, Object.keys(years).sort().reverse().map(function (y) { return [y, y]; }));
    var state = { key: "date", ascending: false, shown: PAGE_ROWS, matches: rows };
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (key) { if (params.get(key)) controls[key].value = params.get(key); });
    var sort = /^(title|author|outlet|date|words)-(asc|desc)$/.exec(params.get("sort") || "");
    if (sort) { state.key = sort[1]; state.ascending = sort[2] === "asc"; }
    var headings = Array.prototype.filter.call(table.tHead.rows[0].cells, function (cell) { return cell.dataset.key; });
    headings.forEach(function (cell) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "clip-sort";
      button.textContent = cell.textContent;
      cell.textContent = "";
      cell.appendChild(button);
      button.addEventListener("click", function () {
        var key = cell.dataset.key;
        state.ascending = state.key === key ? !state.ascending : key !== "date" && key !== "words";
        state.key = key;
        update();
      });
    });
    function matching() {
      var words = controls.q.value.toLowerCase().split(/\s+/).filter(Boolean);
      var theme = controls.theme.value, author = controls.author.value;
      var outlet = controls.outlet.value, year = controls.year.value;
      var themeIndex = theme ? data.themes.findIndex(function (t) { return t[0] === theme; }) : -1;
      var sorted = order(state.key);
      // Rows come newest first; every other order is built ascending.
      if (state.key === "date" ? state.ascending : !state.ascending) sorted = sorted.slice().reverse();
      if (state.key === "date") {
        // An unknown date stays at the end whichever way the column is sorted.
        sorted = sorted.filter(function (r) { return r.date; }).concat(sorted.filter(function (r) { return !r.date; }));
      }
      return sorted.filter(function (row) {
        return (!theme || row.themeIndexes.indexOf(themeIndex) >= 0) &&
          (!author || row.author === author) && (!outlet || row.outlet === outlet) &&
          (!year || row.year === year) &&
          words.every(function (w) { return row.text.indexOf(w) >= 0; });
      });
    }
    function cell(tr, content, right) {
      var td = document.createElement("td");
      if (right) td.style.textAlign = "right";
      if (content) td.appendChild(content);
      tr.appendChild(td);
      return td;
    }
    function anchor(text, url) {
      if (!text) return document.createTextNode("—");
      var link = document.createElement("a");
      link.href = url;
      link.textContent = text;
      return link;
    }
    function rowElement(row) {
      var tr = document.createElement("tr");
      cell(tr, anchor(row.title, row.url));
      cell(tr, anchor(row.author, row.authorIndex >= 0 ? data.authors[row.authorIndex][1] : ""));
      cell(tr, anchor(row.outlet, row.outletIndex >= 0 ? data.outlets[row.outletIndex][1] : ""));
      var time = document.createElement(row.date ? "time" : "span");
      if (row.date) time.setAttribute("datetime", row.date);
      time.textContent = row.when;
      cell(tr, time);
      cell(tr, document.createTextNode(row.themes));
      cell(tr, document.createTextNode(String(row.words)), true);
      return tr;
    }
    function render(from) {
      var fragment = document.createDocumentFragment();
      state.matches.slice(from, state.shown).forEach(function (row) { fragment.appendChild(rowElement(row)); });
      if (!from) body.textContent = "";
      body.appendChild(fragment);
      var count = state.matches.length, shown = Math.min(state.shown, count);
      var of = count === rows.length ? "" : " (of " + rows.length.toLocaleString("en") + ")";
      status.textContent = count
        ? "Showing " + shown.toLocaleString("en") + " of " + count.toLocaleString("en") + " articles" + of + "."
        : "No article matches these filters.";
      more.hidden = shown >= count;
      table.querySelector("caption").textContent = "Articles, sorted by " + state.key +
        (state.ascending ? ", ascending" : ", descending");
      headings.forEach(function (h) {
        h.setAttribute("aria-sort", h.dataset.key === state.key ? (state.ascending ? "ascending" : "descending") : "none");
      });
    }
    function remember() {
      var query = new URLSearchParams();
      FILTERS.forEach(function (key) { if (controls[key].value) query.set(key, controls[key].value); });
      if (state.key !== "date" || state.ascending) query.set("sort", state.key + (state.ascending ? "-asc" : "-desc"));
      var search = query.toString();
      try {
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      } catch (error) { /* some file:// setups refuse; the view still works */ }
    }
    function update() {
      state.matches = matching();
      state.shown = PAGE_ROWS;
      render(0);
      remember();
    }
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    more.querySelector("button").addEventListener("click", function () {
      var from = state.shown;
      state.shown += PAGE_ROWS;
      render(from);
    });
    form.hidden = false;
    update();
  }
  function setUp() {
    setUpTimeline();
    setUpLibrary();
  }
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();
