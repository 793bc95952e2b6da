// Offline search (search: offline): Material's header search box over our prebuilt index.
//
// The index (site_dir/search/, written by scripts/clippings/site/offline_search.py) is a set
// of classic scripts that call __clippingsSearch.add(kind, number, data): classic scripts
// load from file://, where fetch, modules and workers do not. Nothing loads until the reader
// opens the box or types: then the manifest and the stemmers, and for each query only the
// term files of its words, the document-table files of the results shown and the text
// files of their snippets. Ranking is BM25, precomputed per posting at build time, so a
// query only adds numbers: all words must match, the last one also as a prefix.
//
// Queries fold and stem exactly as scripts/clippings/search_terms.py does (same rules from
// the manifest, same Snowball 3.1.1 stemmers, vendored in assets/vendor/snowball/).
// Every text from the index or the query reaches the page through textContent and DOM
// nodes, never as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var config = {
    index: script.getAttribute("data-index"),
    root: script.getAttribute("data-root"),
    results: script.getAttribute("data-results"),
    snowball: script.getAttribute("data-snowball"),
    placeholder: script.getAttribute("data-placeholder") || "Type to start searching",
    none: script.getAttribute("data-none") || "No matching documents",
    one: script.getAttribute("data-one") || "1 matching document",
    other: script.getAttribute("data-other") || "# matching documents"
  };
  var FACETS = [["theme", "Theme"], ["author", "Author"], ["outlet", "Outlet"], ["year", "Year"]];
  var WORD = /[\p{L}\p{N}_]+/gu;

  // Loading -------------------------------------------------------------------------

  var registry = {};
  var hub = (window.__clippingsSearch = window.__clippingsSearch || {});
  hub.add = function (kind, number, data) {
    registry[kind + ":" + number] = data;
  };
  var scripts = {};

  function loadScript(url) {
    if (!scripts[url]) {
      scripts[url] = new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.src = url;
        element.charset = "utf-8";
        element.onload = function () { resolve(); };
        element.onerror = function () {
          delete scripts[url];
          reject(new Error("cannot load " + url));
        };
        document.head.appendChild(element);
      });
    }
    return scripts[url];
  }

  function part(kind, number) {
    var path = kind === "manifest" || kind === "facets" ? kind + ".js" : kind + "/" + number + ".js";
    var key = kind + ":" + number;
    if (registry[key]) return Promise.resolve(registry[key]);
    return loadScript(config.index + path).then(function () { return registry[key]; });
  }

  // Terms: the same steps as search_terms.py --------------------------------------------

  var engine = null;

  function ready() {
    if (!engine) {
      engine = Promise.all([part("manifest", 0), loadScript(config.snowball)]).then(function (loaded) {
        return new Engine(loaded[0]);
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function Engine(manifest) {
    this.manifest = manifest;
    this.rules = manifest.rules;
    this.stopwords = new Set(manifest.rules.stopwords);
    this.english = new window.ClippingsSnowball.english();
    this.russian = new window.ClippingsSnowball.russian();
    this.stems = new Map();
  }

  Engine.prototype.fold = function (text) {
    text = text.toLowerCase();
    var folds = this.rules.folds;
    Object.keys(folds).forEach(function (letter) { text = text.split(letter).join(folds[letter]); });
    return text.normalize("NFD").replace(/\u0438\u0306/g, "\u0439").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  };

  Engine.prototype.words = function (text) {
    return this.fold(text).match(WORD) || [];
  };

  Engine.prototype.stem = function (word) {
    var stem = this.stems.get(word);
    if (stem === undefined) {
      if (/[\u0400-\u04ff]/.test(word)) stem = this.russian.stemWord(word);
      else if (/[a-z]/.test(word)) stem = this.english.stemWord(word);
      else stem = word;
      this.stems.set(word, stem);
    }
    return stem;
  };

  // A query as groups of alternative terms; every group must match.
  Engine.prototype.parse = function (query) {
    var rules = this.rules;
    query = String(query).slice(0, rules.max_chars);
    var typing = /[\p{L}\p{N}_]$/u.test(query);
    var self = this;
    var items = this.words(query).map(function (word) {
      return { word: word, stem: self.stem(word), stop: self.stopwords.has(word) };
    });
    var aliases = this.manifest.aliases;
    var groups = [];
    for (var at = 0; at < items.length;) {
      var matched = 0;
      for (var length = Math.min(6, items.length - at); length > 0 && !matched; length--) {
        var key = items.slice(at, at + length).map(function (item) { return item.stem; }).join(" ");
        if (Object.prototype.hasOwnProperty.call(aliases, key)) {
          var terms = [aliases[key]];
          if (length === 1 && !items[at].stop) terms.push(items[at].stem);
          groups.push({ terms: terms, words: items.slice(at, at + length), prefix: null });
          matched = length;
        }
      }
      if (matched) {
        at += matched;
        continue;
      }
      if (!items[at].stop) groups.push({ terms: [items[at].stem], words: [items[at]], prefix: null });
      at += 1;
    }
    var last = groups[groups.length - 1];
    var lastItem = items[items.length - 1];
    if (typing && last && last.words[last.words.length - 1] === lastItem && last.words.length === 1 &&
        lastItem.word.length >= rules.prefix_min) {
      last.prefix = lastItem.word;
    }
    return groups.slice(0, rules.max_words);
  };

  Engine.prototype.fileOf = function (term) {
    var firsts = this.manifest.terms;
    var low = 0, high = firsts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (firsts[middle] <= term) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  Engine.prototype.filesOf = function (group) {
    var self = this;
    var files = group.terms.map(function (term) { return self.fileOf(term); });
    if (group.prefix) {
      var first = this.fileOf(group.prefix);
      var last = Math.min(this.fileOf(group.prefix + "\uffff"), first + this.rules.prefix_shards - 1);
      for (var file = first; file <= last; file++) files.push(file);
    }
    return files;
  };

  // doc -> best impact of the group's terms (a prefix's expansions count a little less).
  Engine.prototype.scores = function (group) {
    var self = this;
    var scores = new Map();
    group.terms.forEach(function (term) {
      var postings = registry["t:" + self.fileOf(term)][term];
      if (postings) add(scores, postings, 1);
    });
    if (group.prefix) {
      var expansions = [];
      this.filesOf({ terms: [], prefix: group.prefix }).forEach(function (file) {
        var terms = registry["t:" + file];
        for (var term in terms) {
          if (term.lastIndexOf(group.prefix, 0) === 0 && group.terms.indexOf(term) < 0) {
            expansions.push(terms[term]);
          }
        }
      });
      expansions.sort(function (a, b) { return b.length - a.length; });
      expansions.slice(0, this.rules.prefix_terms).forEach(function (postings) { add(scores, postings, 0.8); });
    }
    return scores;
  };

  function add(scores, postings, weight) {
    var doc = 0;
    for (var at = 0; at < postings.length; at += 2) {
      doc += postings[at];
      var score = postings[at + 1] * weight;
      var before = scores.get(doc);
      if (before === undefined || score > before) scores.set(doc, score);
    }
  }

  function filterTerms(filters) {
    return Object.keys(filters).filter(function (key) { return filters[key]; }).map(function (key) {
      return "#" + key + ":" + filters[key];
    });
  }

  // Every matching document, best first: a list of doc numbers.
  Engine.prototype.search = function (query, filters) {
    var self = this;
    var groups = this.parse(query);
    var required = filterTerms(filters || {});
    if (!groups.length && !required.length) return Promise.resolve({ groups: groups, docs: [] });
    var files = new Set();
    groups.forEach(function (group) { self.filesOf(group).forEach(function (f) { files.add(f); }); });
    required.forEach(function (term) { files.add(self.fileOf(term)); });
    return Promise.all(Array.from(files).map(function (file) { return part("t", file); })).then(function () {
      var sets = groups.map(function (group) { return self.scores(group); });
      required.forEach(function (term) {
        var members = new Map();
        var postings = registry["t:" + self.fileOf(term)][term];
        if (postings) add(members, postings, 0);
        sets.push(members);
      });
      sets.sort(function (a, b) { return a.size - b.size; });
      var found = [];
      sets[0].forEach(function (score, doc) {
        for (var at = 1; at < sets.length; at++) {
          var other = sets[at].get(doc);
          if (other === undefined) return;
          score += other;
        }
        found.push([doc, score]);
      });
      found.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return { groups: groups, docs: found.map(function (pair) { return pair[0]; }) };
    });
  };

  Engine.prototype.documents = function (docs) {
    var size = this.manifest.docs_per_file;
    var files = new Set(docs.map(function (doc) { return Math.floor(doc / size); }));
    return Promise.all(Array.from(files).map(function (file) { return part("d", file); })).then(function () {
      return docs.map(function (doc) {
        var row = registry["d:" + Math.floor(doc / size)][doc % size];
        return { doc: doc, title: row[0], url: row[1], date: row[2], outlet: row[3], author: row[4], themes: row[5], year: row[6] };
      });
    });
  };

  Engine.prototype.textFile = function (doc) {
    var starts = this.manifest.texts;
    var low = 0, high = starts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (starts[middle] <= doc) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  Engine.prototype.paragraphs = function (doc) {
    var file = this.textFile(doc);
    var start = this.manifest.texts[file];
    return part("x", file).then(function (texts) { return texts[doc - start]; });
  };

  // Does a word of the page match the query? (its stem, or the typed prefix)
  Engine.prototype.matcher = function (groups) {
    var self = this;
    var stems = new Set(), prefixes = [];
    groups.forEach(function (group) {
      group.words.forEach(function (item) { stems.add(item.stem); });
      if (group.prefix) prefixes.push(group.prefix);
    });
    // Snippets test every word of ten articles: folding is the cost, words repeat.
    var known = new Map();
    return function (token) {
      var answer = known.get(token);
      if (answer === undefined) {
        answer = self.words(token).some(function (word) {
          return stems.has(self.stem(word)) || prefixes.some(function (p) { return word.lastIndexOf(p, 0) === 0; });
        });
        known.set(token, answer);
      }
      return answer;
    };
  };

  // Rendering ---------------------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // `text` as text nodes, with <mark> around the words that match.
  function highlighted(parent, text, matches) {
    var last = 0;
    text.replace(WORD, function (token, offset) {
      if (matches(token)) {
        if (offset > last) parent.appendChild(document.createTextNode(text.slice(last, offset)));
        parent.appendChild(element("mark", "", token));
        last = offset + token.length;
      }
      return token;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  // The paragraph with most matches, cut around its first one.
  function snippet(paragraphs, matches) {
    var best = null, bestCount = 0;
    (paragraphs || []).forEach(function (pair) {
      var count = 0, first = -1;
      pair[1].replace(WORD, function (token, offset) {
        if (matches(token)) {
          count += 1;
          if (first < 0) first = offset;
        }
        return token;
      });
      if (count > bestCount) {
        best = { text: pair[1], first: first };
        bestCount = count;
      }
    });
    if (!best) return paragraphs && paragraphs[0] ? cut(paragraphs[0][1], 0) : "";
    return cut(best.text, best.first);
  }

  function cut(text, at) {
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    var end = Math.min(text.length, start + 220);
    if (end < text.length) {
      var before = text.lastIndexOf(" ", end);
      end = before > at ? before : end;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function resultItem(doc, matches) {
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = config.root + doc.url;
    var article = element("article", "md-search-result__article md-search-result__article--document md-typeset");
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    article.appendChild(highlighted(element("h1"), doc.title, matches));
    var meta = [doc.date, doc.outlet, doc.author].filter(Boolean).join(" · ");
    if (meta) article.appendChild(element("p", "clip-search-result__meta", meta));
    var teaser = element("p", "md-search-result__teaser");
    article.appendChild(teaser);
    link.appendChild(article);
    item.appendChild(link);
    return { item: item, teaser: teaser };
  }

  // 12,345 (toLocaleString's first call sets up ICU: 30 ms on the first query).
  function thousands(number) {
    return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function count(total) {
    if (total === 0) return config.none;
    if (total === 1) return config.one;
    return config.other.replace("#", thousands(total));
  }

  // Render docs into list; snippets follow as their text files arrive.
  function renderDocs(engine, list, docs, groups, stale) {
    var matches = engine.matcher(groups);
    return engine.documents(docs).then(function (rows) {
      if (stale()) return;
      var items = rows.map(function (row) {
        var result = resultItem(row, matches);
        list.appendChild(result.item);
        return result;
      });
      rows.forEach(function (row, at) {
        engine.paragraphs(row.doc).then(function (paragraphs) {
          if (!stale()) items[at].teaser.textContent = "";
          if (!stale()) highlighted(items[at].teaser, snippet(paragraphs, matches), matches);
        }, function () {});
      });
    });
  }

  function fillFilters(container, facets, selected, onChange) {
    container.textContent = "";
    FACETS.forEach(function (pair) {
      var key = pair[0];
      var values = facets[key] || [];
      if (!values.length) return;
      var label = element("label", "clip-search-filter");
      label.appendChild(element("span", "clip-search-filter__name", pair[1]));
      var select = element("select");
      select.name = key;
      var any = element("option", "", "Any");
      any.value = "";
      select.appendChild(any);
      values.forEach(function (value) {
        var option = element("option", "", value[0] + " (" + value[1] + ")");
        option.value = value[0];
        select.appendChild(option);
      });
      select.value = selected[key] || "";
      select.addEventListener("change", function () { onChange(key, select.value); });
      label.appendChild(select);
      container.appendChild(label);
    });
    container.hidden = false;
  }

  // Latest query wins: typing before the index is ready, or while a query runs, still
  // answers the last thing typed.
  // The job is taken only once the index is ready, so keys typed while it loads cost
  // one query, not one each.
  function Queue(run) {
    var pending = null, running = false;
    function pump() {
      if (pending === null || running) return;
      running = true;
      ready().catch(function () {}).then(function () {
        var job = pending;
        pending = null;
        return run(job);
      }).catch(function (error) {
        if (window.console) console.warn("search:", error);
      }).then(function () {
        running = false;
        pump();
      });
    }
    return { push: function (job) { pending = job; pump(); }, busy: function () { return running || pending !== null; } };
  }

  function resultsLink(query, filters) {
    var params = new URLSearchParams();
    params.set("q", query);
    Object.keys(filters).forEach(function (key) { if (filters[key]) params.set(key, filters[key]); });
    return config.results + "?" + params.toString();
  }

  // The header's box ---------------------------------------------------------------------

  function setUpBox(box) {
    var toggle = document.getElementById("__search");
    var form = box.querySelector("form");
    var input = box.querySelector(".md-search__input");
    var meta = box.querySelector(".md-search-result__meta");
    var list = box.querySelector(".md-search-result__list");
    var filterBox = box.querySelector(".clip-search-filters");
    var filters = {};
    var shown = 0;

    function stale(job) { return function () { return job.serial !== shown; }; }

    var queue = Queue(function (job) {
      return ready().then(function (engine) {
        return engine.search(job.query, job.filters).then(function (found) {
          if (job.serial !== shown) return;
          list.textContent = "";
          if (!found.groups.length && !filterTerms(job.filters).length) {
            meta.textContent = config.placeholder;
            return;
          }
          meta.textContent = count(found.docs.length);
          var top = found.docs.slice(0, engine.rules.dropdown);
          return renderDocs(engine, list, top, found.groups, stale(job)).then(function () {
            // What was last shown, and when: the benchmark waits for it.
            hub.rendered = { query: job.query, total: found.docs.length, at: performance.now() };
            if (found.docs.length > top.length && job.serial === shown) {
              var more = element("li", "md-search-result__item clip-search-more");
              var link = element("a", "md-search-result__link", "Show all " + thousands(found.docs.length) + " results");
              link.href = resultsLink(job.query, job.filters);
              more.appendChild(link);
              list.appendChild(more);
            }
          });
        });
      }, function () {
        meta.textContent = "Search is not available: its index did not load.";
      });
    });

    function update() {
      shown += 1;
      queue.push({ query: input.value, filters: Object.assign({}, filters), serial: shown });
    }

    var facetsShown = false;
    function prepare() {
      ready().then(function () {
        if (facetsShown) return;
        facetsShown = true;
        return part("facets", 0).then(function (facets) {
          fillFilters(filterBox, facets, filters, function (key, value) {
            filters[key] = value;
            update();
          });
        });
      }).catch(function () {});
    }

    input.addEventListener("focus", function () {
      prepare();
      if (toggle && !toggle.checked) toggle.checked = true;
    });
    input.addEventListener("input", update);
    form.addEventListener("reset", function () {
      setTimeout(function () { update(); input.focus(); }, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.value.trim() || filterTerms(filters).length) window.location.href = resultsLink(input.value, filters);
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) {
          prepare();
          setTimeout(function () { input.focus(); }, 0);
        }
      });
    }
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!links.length) return;
        event.preventDefault();
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < 0) input.focus();
        else links[Math.min(next, links.length - 1)].focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (toggle) toggle.checked = false;
        input.blur();
      }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
        event.preventDefault();
        if (toggle) toggle.checked = true;
        input.focus();
      }
    });
    hub.box = { update: update };
  }

  // The full results page ------------------------------------------------------------------

  function setUpPage(container) {
    var params = new URLSearchParams(window.location.search);
    var filters = {};
    FACETS.forEach(function (pair) { if (params.get(pair[0])) filters[pair[0]] = params.get(pair[0]); });
    var form = element("form", "clip-search-page__form");
    form.setAttribute("role", "search");
    var label = element("label", "clip-search-page__label", "Search the collection");
    var input = element("input", "clip-search-page__input");
    input.type = "search";
    input.name = "q";
    input.maxLength = 200;
    input.value = (params.get("q") || "").slice(0, 200);
    label.appendChild(input);
    form.appendChild(label);
    var filterBox = element("div", "clip-search-filters");
    filterBox.setAttribute("role", "group");
    filterBox.setAttribute("aria-label", "Filter the results");
    form.appendChild(filterBox);
    var meta = element("p", "clip-search-page__meta");
    meta.setAttribute("aria-live", "polite");
    var list = element("ol", "clip-search-page__list md-search-result__list");
    var more = element("button", "md-button clip-search-page__more", "More results");
    more.type = "button";
    more.hidden = true;
    container.textContent = "";
    [form, meta, list, more].forEach(function (node) { container.appendChild(node); });
    var serial = 0, found = null, listed = 0;

    function stale(mine) { return function () { return mine !== serial; }; }

    function showMore(engine, mine) {
      var next = found.docs.slice(listed, listed + engine.rules.page);
      listed += next.length;
      more.hidden = listed >= found.docs.length;
      return renderDocs(engine, list, next, found.groups, stale(mine));
    }

    var queue = Queue(function (mine) {
      return ready().then(function (engine) {
        return engine.search(input.value, filters).then(function (result) {
          if (mine !== serial) return;
          found = result;
          listed = 0;
          list.textContent = "";
          meta.textContent = result.groups.length || filterTerms(filters).length ? count(result.docs.length) : config.placeholder;
          return showMore(engine, mine);
        });
      }, function () {
        meta.textContent = "Search is not available: its index did not load.";
      });
    });

    function update() {
      serial += 1;
      queue.push(serial);
      var address = resultsLink(input.value, filters).split("?")[1];
      if (window.history && window.history.replaceState) {
        try { window.history.replaceState(null, "", "?" + address); } catch (error) { /* file:// may refuse */ }
      }
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    input.addEventListener("input", update);
    more.addEventListener("click", function () { ready().then(function (engine) { showMore(engine, serial); }); });
    ready().then(function () { return part("facets", 0); }).then(function (facets) {
      fillFilters(filterBox, facets, filters, function (key, value) { filters[key] = value; update(); });
    }).catch(function () {});
    update();
  }

  // Known-item checks and benchmarks call the engine directly: a query's results as URLs.
  hub.query = function (query, filters, limit) {
    return ready().then(function (engine) {
      return engine.search(query, filters || {}).then(function (found) {
        return engine.documents(found.docs.slice(0, limit || 10)).then(function (rows) {
          return { total: found.docs.length, urls: rows.map(function (row) { return row.url; }) };
        });
      });
    });
  };
  hub.ready = function () {
    return ready().then(function () { return true; });
  };
  hub.terms = function (text) {
    return ready().then(function (engine) {
      return engine.words(text).map(function (word) { return engine.stem(word); });
    });
  };

  function start() {
    var box = document.querySelector("[data-clip-search]");
    if (box) setUpBox(box);
    var page = document.querySelector("[data-clip-search-page]");
    if (page) setUpPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
