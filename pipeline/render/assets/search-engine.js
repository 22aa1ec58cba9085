/* The HTML edition's search engine (loaded by reader.js when the reader first uses the search box):
   an inverted index of the book's places built in the browser, ranked by BM25+ (Lv and Zhai, "Lower-
   bounding term frequency normalization", CIKM 2011), every word asked for required, the last also
   found as the start of longer words, words a letter or two away sought where the words are not found.
   Why the project's own code and not a library's: README.md, "Search in the HTML edition". */
"use strict";

(function () {
  var K1 = 1.2; // how soon a word's count in a place stops adding to its score
  var B = 0.7; // how much a place's length lowers its score
  var DELTA = 0.5; // BM25+'s floor: a long place that holds the word still scores for it
  var WORD = /[^\n\r\p{Z}\p{P}]+/gu; // a word: no space, no punctuation

  /* An index of places, each term folded by ``fold`` (accents off, lower case). */
  function Engine(fold) {
    this.fold = fold;
    this.postings = new Map(); // term -> [place, count, place, count, ...]
    this.lengths = [];
    this.words = 0;
    this.vocabulary = null; // the terms, sorted (made when first asked for)
  }

  Engine.prototype.terms = function (text) {
    var fold = this.fold;
    return Array.from(text.matchAll(WORD), function (match) {
      return fold(match[0]);
    });
  };

  Engine.prototype.add = function (id, text) {
    var counts = new Map();
    var terms = this.terms(text);
    terms.forEach(function (term) {
      counts.set(term, (counts.get(term) || 0) + 1);
    });
    var postings = this.postings;
    counts.forEach(function (count, term) {
      var list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push(id, count);
    });
    this.lengths[id] = terms.length;
    this.words += terms.length;
    this.vocabulary = null;
  };

  /* Index ``texts`` (place number -> text), ``chunk`` at a time, letting the page run between. */
  Engine.prototype.addAll = function (texts, chunk) {
    var engine = this;
    return new Promise(function (resolve) {
      var next = 0;
      (function step() {
        var end = Math.min(texts.length, next + chunk);
        for (; next < end; next++) engine.add(next, texts[next]);
        if (next < texts.length) setTimeout(step, 0);
        else resolve(engine);
      })();
    });
  };

  Engine.prototype.sortedTerms = function () {
    if (!this.vocabulary) this.vocabulary = Array.from(this.postings.keys()).sort();
    return this.vocabulary;
  };

  /* The index's terms a word asked for stands for, each with its weight: the word itself (1), with
     ``prefix`` the longer words it starts (``weights.prefix``), with ``edits`` the words that many
     letters away (``weights.fuzzy``). */
  Engine.prototype.expand = function (word, prefix, edits, weights) {
    var found = new Map();
    if (this.postings.has(word)) found.set(word, 1);
    var terms = this.sortedTerms();
    if (prefix) {
      for (var at = firstFrom(terms, word); at < terms.length && terms[at].startsWith(word); at++) {
        if (!found.has(terms[at])) found.set(terms[at], weights.prefix);
      }
    }
    if (edits) {
      terms.forEach(function (term) {
        if (!found.has(term) && Math.abs(term.length - word.length) <= edits && distance(word, term, edits) <= edits) {
          found.set(term, weights.fuzzy);
        }
      });
    }
    return found;
  };

  /* The places holding every word of ``query`` (as :func:`expand` widens them), best first:
     ``{id, score, terms}``, ``terms`` the index's terms found in the place. ``options``: ``weights``,
     ``prefixLast`` (the last word also as a word's start), ``fuzzy`` (the share of a word's letters
     that may differ, 0 for none), ``boost`` (a place's number -> its factor). */
  Engine.prototype.search = function (query, options) {
    var engine = this;
    var words = this.terms(query);
    if (!words.length) return [];
    var places = this.lengths.length;
    var average = this.words / Math.max(1, places);
    var scores = new Map(); // place -> {score, terms, words: how many of the words asked for it holds}
    words.forEach(function (word, number) {
      var edits = options.fuzzy ? Math.max(1, Math.round(word.length * options.fuzzy)) : 0;
      var prefix = options.prefixLast && number === words.length - 1;
      var held = new Set();
      engine.expand(word, prefix, edits, options.weights).forEach(function (weight, term) {
        var list = engine.postings.get(term);
        var rarity = Math.log(1 + (places - list.length / 2 + 0.5) / (list.length / 2 + 0.5));
        for (var at = 0; at < list.length; at += 2) {
          var place = list[at];
          var count = list[at + 1];
          var norm = count + K1 * (1 - B + (B * engine.lengths[place]) / average);
          var score = weight * rarity * ((count * (K1 + 1)) / norm + DELTA);
          var entry = scores.get(place);
          if (!entry) scores.set(place, (entry = { score: 0, terms: new Set(), words: 0 }));
          entry.score += score;
          entry.terms.add(term);
          if (!held.has(place)) {
            held.add(place);
            entry.words += 1;
          }
        }
      });
    });
    var results = [];
    scores.forEach(function (entry, place) {
      if (entry.words === words.length) {
        var factor = options.boost ? options.boost(place) : 1;
        results.push({ id: place, score: entry.score * factor, terms: Array.from(entry.terms) });
      }
    });
    return results.sort(function (one, other) {
      return other.score - one.score || one.id - other.id;
    });
  };

  /* The first position in the sorted ``terms`` at or after ``word``. */
  function firstFrom(terms, word) {
    var low = 0;
    var high = terms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (terms[middle] < word) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /* The edit distance between two words (letters put in, left out or changed), or more than
     ``most`` as soon as it must be. */
  function distance(one, other, most) {
    var previous = [];
    for (var column = 0; column <= other.length; column++) previous.push(column);
    for (var row = 1; row <= one.length; row++) {
      var current = [row];
      var least = row;
      for (column = 1; column <= other.length; column++) {
        var change = previous[column - 1] + (one[row - 1] === other[column - 1] ? 0 : 1);
        current.push(Math.min(previous[column] + 1, current[column - 1] + 1, change));
        least = Math.min(least, current[column]);
      }
      if (least > most) return most + 1;
      previous = current;
    }
    return previous[other.length];
  }

  window.EditionSearchEngine = Engine;
})();
