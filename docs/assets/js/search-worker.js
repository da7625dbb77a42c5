// Material's search worker, with Hindi spellings folded together (loaded by search-lang.js in
// place of the worker; ?src= names Material's own worker script, on this site).
//
// A word is indexed, and a query searched, with its nukta dropped (ज़्यादा = ज्यादा, ख़र्च = खर्च)
// and chandrabindu read as anusvara (पहुँच = पहुंच). Only the index terms and the query change:
// results show the page's own text, and matches are highlighted in it.
(function () {
  var NUKTA = /\u093C/g;

  function fold(text) {
    return String(text).normalize("NFD").replace(NUKTA, "").replace(/\u0901/g, "\u0902").normalize("NFC");
  }
  self.foldHindi = fold;

  // Synonyms (hooks/data/search-synonyms.yaml and names.yaml, written into the index's config
  // as "synonyms": [[typed, word], ...], both folded): a typed form is replaced by the pages' word
  // before the search, so "मेटा" finds what "Meta" finds. Longer forms first ("एलएम अरीना").
  var synonyms = [];
  function learn(list) {
    if (!Array.isArray(list)) return;
    synonyms = list.filter(function (p) {
      return Array.isArray(p) && typeof p[0] === "string" && typeof p[1] === "string" && p[0];
    }).sort(function (a, b) { return b[0].length - a[0].length; });
  }
  function swap(query) {
    if (!synonyms.length) return query;
    var text = " " + query.toLowerCase().split(/\s+/).join(" ") + " ";
    for (var i = 0; i < synonyms.length; i++) {
      text = text.split(" " + synonyms[i][0] + " ").join(" " + synonyms[i][1] + " ");
    }
    return text.trim();
  }
  self.searchSynonyms = swap;

  // The query: Material's worker takes { type: 2 (query), data: "the query" } messages;
  // the index comes first, as { type: 0 (setup), data: the index }.
  var add = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type === "message" && typeof listener === "function") {
      var original = listener;
      listener = function (event) {
        var message = event.data;
        if (message && message.type === 0 && message.data && message.data.config) {
          learn(message.data.config.synonyms);
        }
        if (message && message.type === 2 && typeof message.data === "string") {
          return original.call(this, { data: { type: 2, data: swap(fold(message.data)) } });
        }
        return original.call(this, event);
      };
    }
    return add.call(self, type, listener, options);
  };

  var src = new URL(self.location.href).searchParams.get("src") || "";
  var url = new URL(src, self.location.href);
  if (url.origin !== self.location.origin || !/\/workers\/search\.[\w]+\.min\.js$/.test(url.pathname)) {
    throw new Error("search-worker.js: not Material's search worker: " + src);
  }
  importScripts(url.href);

  // The index: every token of every page goes through the index pipeline (lunr.Pipeline#run)
  // after Material's tokenizer has recorded where it sits in the text.
  var lunr = self.lunr;
  if (lunr && lunr.Pipeline) {
    var run = lunr.Pipeline.prototype.run;
    lunr.Pipeline.prototype.run = function (tokens) {
      for (var i = 0; i < tokens.length; i++) tokens[i].update(fold);
      return run.call(this, tokens);
    };
  }
})();
