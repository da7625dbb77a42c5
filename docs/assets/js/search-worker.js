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

  // The query: Material's worker takes { type: 2 (query), data: "the query" } messages.
  var add = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type === "message" && typeof listener === "function") {
      var original = listener;
      listener = function (event) {
        var message = event.data;
        if (message && message.type === 2 && typeof message.data === "string") {
          return original.call(this, { data: { type: 2, data: fold(message.data) } });
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
