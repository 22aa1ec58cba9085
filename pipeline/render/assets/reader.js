/* The HTML edition's reader aids, without a server or network:
   - a note reference opens its note in place (click, or Enter on the focused link; Escape closes);
     without this script the link still leads to the note at the end of the chapter;
   - the search box finds the places (headings, paragraphs, notes) that hold the words asked for, best
     first (BM25+, search-engine.js), its index (search-index.js) and engine loaded when it is first
     used; a result leads to the place, where the words found are marked. */
"use strict";

(function () {
  function openNote(reference) {
    var id = reference.getAttribute("href").split("#")[1];
    var note = document.getElementById(id);
    if (!note) return false;
    var popup = document.createElement("span");
    popup.className = "note-popup";
    popup.id = "popup-" + id;
    popup.setAttribute("role", "note");
    popup.setAttribute("tabindex", "-1");
    var paragraphs = note.querySelectorAll("p");
    paragraphs.forEach(function (paragraph, index) {
      var part = document.createElement("span");
      part.className = "note-popup-part";
      paragraph.childNodes.forEach(function (child) {
        part.appendChild(child.cloneNode(true));
      });
      if (index === 0) {
        var back = part.querySelector("a.footnote-back");
        if (back) {
          var number = document.createElement("span");
          number.className = "note-popup-number";
          number.textContent = back.textContent;
          back.replaceWith(number);
        }
      }
      popup.appendChild(part);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.className = "note-popup-close";
    close.textContent = "Close note";
    close.addEventListener("click", function () {
      closeNote(reference);
      reference.focus();
    });
    popup.appendChild(close);
    reference.after(popup);
    reference.setAttribute("aria-expanded", "true");
    reference.setAttribute("aria-controls", popup.id);
    return true;
  }

  function closeNote(reference) {
    var popup = document.getElementById(reference.getAttribute("aria-controls") || "");
    if (popup) popup.remove();
    reference.setAttribute("aria-expanded", "false");
  }

  function setUpNotes() {
    document.querySelectorAll("a[role='doc-noteref']").forEach(function (reference) {
      reference.setAttribute("aria-expanded", "false");
      reference.addEventListener("click", function (event) {
        if (reference.getAttribute("aria-expanded") === "true") {
          closeNote(reference);
        } else if (!openNote(reference)) {
          return;
        }
        event.preventDefault();
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var popup = event.target.closest && event.target.closest(".note-popup");
      var reference = popup
        ? document.querySelector("[aria-controls='" + popup.id + "']")
        : event.target.closest && event.target.closest("a[aria-expanded='true']");
      if (reference) {
        closeNote(reference);
        reference.focus();
      }
    });
  }

  /* --- search -------------------------------------------------------------------------------- */

  var WORD = /[^\n\r\p{Z}\p{P}]+/gu; // a word as the search engine cuts them: no space, no punctuation
  var SHOWN = 50; // results listed
  var SNIPPET = 30; // words in a snippet
  var BEFORE = 10; // of which before the first hit, where the text has them
  var BOOST = { heading: 3, text: 1, note: 0.5 }; // a heading is the best hit, a note the least
  // a word found by its start (the last word asked for, perhaps still being typed) counts far less
  // than the word itself; a word a letter or two away, sought only where the words are not found, less
  var WEIGHTS = { prefix: 0.1, fuzzy: 0.45 };
  var FUZZY = 0.2; // the share of a word's letters that may differ, where the words are not found

  function fold(term) {
    return term.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  }

  /* The text as a fragment with each word whose folded form is in the set ``terms`` marked; null if
     none is. */
  function marked(text, terms) {
    var fragment = document.createDocumentFragment();
    var done = 0;
    Array.from(text.matchAll(WORD)).forEach(function (match) {
      if (terms.has(fold(match[0]))) {
        var mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = match[0];
        fragment.append(text.slice(done, match.index), mark);
        done = match.index + match[0].length;
      }
    });
    if (!done) return null;
    fragment.append(text.slice(done));
    return fragment;
  }

  function holdsTerm(text, terms) {
    return (text.match(WORD) || []).some(function (word) {
      return terms.has(fold(word));
    });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () {
        reject(new Error(src + " did not load"));
      };
      document.head.appendChild(script);
    });
  }

  /* The index of search-index.js: base64 of deflated JSON (see pipeline/render/search.py). */
  function inflate(coded) {
    var bytes = Uint8Array.from(atob(coded), function (character) {
      return character.charCodeAt(0);
    });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(JSON.parse);
  }

  /* Every heading, paragraph and note a place of the search engine, indexed in the browser (in
     chunks of places, so that the page stays responsive meanwhile). */
  function indexed(data) {
    var places = data.sections.map(function (section, number) {
      return { section: number, id: section[1], text: section[2], kind: "heading" };
    });
    data.places.forEach(function (place) {
      var kind = place.length > 3 ? "note" : "text";
      places.push({ section: place[0], id: place[1], text: place[2], kind: kind, note: place[3] });
    });
    var texts = places.map(function (place) {
      return place.text;
    });
    return new window.EditionSearchEngine(fold).addAll(texts, 500).then(function (engine) {
      return { engine: engine, places: places, sections: data.sections };
    });
  }

  var loading = null;

  /* The search, loaded and indexed on first use: the engine and the index are not part of the page. */
  function search() {
    if (!loading) {
      loading = Promise.all([loadScript("search-engine.js"), loadScript("search-index.js")])
        .then(function () {
          return inflate(window.EDITION_SEARCH_INDEX);
        })
        .then(indexed);
    }
    return loading;
  }

  /* The places that hold every word (the last may be the start of a word), best first; where none
     does, those that hold words a letter or two away from them (misreadings, misspellings). */
  function found(index, query) {
    var options = {
      weights: WEIGHTS,
      prefixLast: true,
      boost: function (id) {
        return BOOST[index.places[id].kind];
      },
    };
    var results = index.engine.search(query, options);
    return results.length ? results : index.engine.search(query, Object.assign(options, { fuzzy: FUZZY }));
  }

  /* A section's name in a result: its label (``Chapter VI``) where its heading has one. */
  function sectionName(section) {
    return section[4] ? section[2].slice(0, section[4]).replace(/\.$/, "") : section[2];
  }

  function whereText(index, place) {
    var names = [];
    var number = place.kind === "heading" ? index.sections[place.section][3] : place.section;
    for (; number >= 0; number = index.sections[number][3]) {
      names.unshift(sectionName(index.sections[number]));
    }
    if (place.kind === "note") names.push("Note " + place.note);
    return names.join(" › ");
  }

  /* A result's words: the heading whole, else some thirty words about its first hit, cut between
     words. */
  function snippet(place, terms) {
    var words = place.text.split(" ");
    var first = place.kind === "heading" ? 0 : words.findIndex(function (word) {
      return holdsTerm(word, terms);
    });
    var start = Math.max(0, Math.min(first - BEFORE, words.length - SNIPPET));
    var end = place.kind === "heading" ? words.length : Math.min(words.length, start + SNIPPET);
    var text = (start > 0 ? "… " : "") + words.slice(start, end).join(" ") + (end < words.length ? " …" : "");
    var shown = document.createElement("span");
    shown.className = "search-snippet";
    shown.append(marked(text, terms) || text);
    return shown;
  }

  function resultItem(index, result) {
    var place = index.places[result.id];
    var terms = new Set(result.terms);
    var page = index.sections[place.section][0];
    var link = document.createElement("a");
    link.href = page + "?" + new URLSearchParams({ hl: result.terms.join(" ") }) + "#" + place.id;
    var where = document.createElement("span");
    where.className = "search-where";
    where.textContent = whereText(index, place);
    link.append(where, " ", snippet(place, terms));
    if (place.kind === "heading") link.classList.add("search-heading");
    var item = document.createElement("li");
    item.appendChild(link);
    return item;
  }

  function setUpSearch() {
    var box = document.getElementById("search-box");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!box || !results || !status) return;
    var list = document.createElement("ol");
    list.setAttribute("aria-label", "Search results");
    results.appendChild(list);
    var asked = 0;
    function show(index, query, number) {
      if (number !== asked) return; // a later query is already on its way
      list.replaceChildren();
      if (!query.trim()) {
        status.textContent = "";
        return;
      }
      var hits = found(index, query);
      status.textContent =
        hits.length === 0
          ? "Nothing found for " + query.trim() + "."
          : hits.length + (hits.length === 1 ? " place" : " places") + " found for " + query.trim() +
            (hits.length > SHOWN ? ", the best " + SHOWN + " shown." : ", best first.");
      hits.slice(0, SHOWN).forEach(function (result) {
        list.appendChild(resultItem(index, result));
      });
    }
    function run() {
      var query = box.value;
      var number = ++asked;
      if (query.trim() && !list.childElementCount) status.textContent = "Searching…";
      search().then(
        function (index) {
          show(index, query, number);
        },
        function (error) {
          status.textContent = "The search could not be loaded (" + error.message + ").";
        }
      );
    }
    var timer = null;
    box.addEventListener(
      "focus",
      function () {
        search().catch(function () {}); // loaded ahead of the words; a failure is told when they come
      },
      { once: true }
    );
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    box.form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    box.addEventListener("keydown", function (event) {
      var first = list.querySelector("a");
      if (event.key === "ArrowDown" && first) {
        event.preventDefault();
        first.focus();
      }
    });
    list.addEventListener("keydown", function (event) {
      var links = Array.from(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      var next = { ArrowDown: links[at + 1], ArrowUp: links[at - 1] || box, Escape: box }[event.key];
      if (at >= 0 && next) {
        event.preventDefault();
        next.focus();
      }
    });
  }

  /* Arriving from a search result (``page.html?hl=words#place``): the place's words marked (a
     section's: its heading's), the place outlined, focused and its first hit scrolled to the middle
     of the window. */
  function highlightArrival() {
    var words = new URLSearchParams(location.search).get("hl");
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!words || !target) return;
    var terms = new Set(words.split(" ").map(fold));
    var place = (target.tagName === "SECTION" && target.querySelector("h1, h2, h3, h4, h5, h6")) || target;
    var walker = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest(".footnote-ref, .footnote-back")) texts.push(walker.currentNode);
    }
    texts.forEach(function (text) {
      var replacement = marked(text.data, terms);
      if (replacement) text.replaceWith(replacement);
    });
    place.classList.add("search-target");
    place.setAttribute("tabindex", "-1");
    place.focus({ preventScroll: true });
    var hit = place.querySelector("mark.search-hit") || place;
    function scroll() {
      hit.scrollIntoView({ block: "center" });
    }
    // after the browser's own scroll to the place, which comes when the page has loaded
    if (document.readyState === "complete") scroll();
    else window.addEventListener("load", scroll);
  }

  function start() {
    setUpNotes();
    setUpSearch();
    highlightArrival();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
