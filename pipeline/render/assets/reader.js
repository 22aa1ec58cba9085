/* The HTML edition's reader aids, without a server or network:
   - a note reference opens its note in place (click, or Enter on the focused link; Escape closes);
     without this script the link still leads to the note at the end of the chapter;
   - the search box looks words up in window.EDITION_SEARCH (search-index.js, built with the book). */
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

  function fold(text) {
    return text.toLowerCase();
  }

  function snippet(text, folded, word) {
    var at = folded.indexOf(word);
    var start = Math.max(0, at - 60);
    var end = Math.min(text.length, at + word.length + 60);
    var fragment = document.createDocumentFragment();
    fragment.append((start > 0 ? "…" : "") + text.slice(start, at));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + word.length);
    fragment.append(mark, text.slice(at + word.length, end) + (end < text.length ? "…" : ""));
    return fragment;
  }

  function setUpSearch() {
    var box = document.getElementById("search-box");
    var results = document.getElementById("search-results");
    var entries = window.EDITION_SEARCH || [];
    if (!box || !results) return;
    entries.forEach(function (entry) {
      entry.folded = fold(entry.x);
    });
    var limit = 50;
    function run() {
      var words = fold(box.value).split(/\s+/).filter(function (word) {
        return word.length > 1;
      });
      results.replaceChildren();
      if (!words.length) return;
      var found = entries.filter(function (entry) {
        return words.every(function (word) {
          return entry.folded.indexOf(word) >= 0;
        });
      });
      var summary = document.createElement("p");
      summary.className = "search-summary";
      summary.textContent =
        found.length === 0
          ? "No section contains " + box.value.trim() + "."
          : found.length + (found.length === 1 ? " section" : " sections") +
            (found.length > limit ? " (the first " + limit + " shown)" : "") + ":";
      results.appendChild(summary);
      if (!found.length) return;
      var list = document.createElement("ol");
      found.slice(0, limit).forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = entry.u;
        link.textContent = entry.t || entry.u;
        var text = document.createElement("span");
        text.className = "search-snippet";
        text.appendChild(snippet(entry.x, entry.folded, words[0]));
        item.append(link, " ", text);
        list.appendChild(item);
      });
      results.appendChild(list);
    }
    var timer = null;
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    box.form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
  }

  function start() {
    setUpNotes();
    setUpSearch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
