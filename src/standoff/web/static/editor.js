// The scenario editor: a plain textarea with a line-number gutter and a colouring overlay.
//
// The textarea keeps the text, the caret, undo and the keyboard; its own letters are
// transparent. Behind it, a <pre> draws the same text coloured by a small YAML tokenizer
// (comments, keys, strings, numbers, booleans, list dashes, block scalars), and marks the lines
// with problems. The gutter shows the line numbers, with a marker and the message on each line
// with a problem. Both scroll with the textarea.
"use strict";

(function () {
  var KEY = /^(\s*)(- +)?((?:"[^"]*"|'[^']*'|[^\s#'"{}\[\],:][^#{}\[\],:]*?))(\s*:)(?=\s|$)/;
  var SCALAR = /^(\s*)(- *)?(.*)$/;
  var WORD = /^(true|false|yes|no|null|~)$/i;
  var NUMBER = /^[-+]?(\d[\d_]*)(\.\d+)?([eE][-+]?\d+)?$/;

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function span(kind, text) {
    return text ? '<span class="t-' + kind + '">' + escape(text) + "</span>" : "";
  }

  // A value after a key or a dash: a quoted string, a flow collection, a word, a number, or
  // plain text; a trailing comment is coloured as a comment.
  function value(text) {
    var out = "";
    var rest = text;
    while (rest.length) {
      var lead = /^\s+/.exec(rest);
      if (lead) { out += escape(lead[0]); rest = rest.slice(lead[0].length); continue; }
      if (rest[0] === "#") { out += span("comment", rest); break; }
      var quoted = /^("(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?)/.exec(rest);
      if (quoted) { out += span("string", quoted[0]); rest = rest.slice(quoted[0].length); continue; }
      if ("{}[],:".indexOf(rest[0]) >= 0) { out += span("punct", rest[0]); rest = rest.slice(1); continue; }
      var plain = /^[^\s{}\[\],#:]+(?::[^\s{}\[\],#]+)*/.exec(rest);
      var piece = plain ? plain[0] : rest[0];
      var kind = WORD.test(piece) ? "word" : NUMBER.test(piece) ? "number" :
        (piece === "|" || piece === ">" || /^[|>][-+]?$/.test(piece)) ? "block" : "plain";
      out += span(kind, piece);
      rest = rest.slice(piece.length);
    }
    return out;
  }

  // Colour every line; a block scalar (after "key: |") runs while lines are more indented.
  function colour(text) {
    var lines = text.split("\n");
    var out = [];
    var block = -1;
    for (var k = 0; k < lines.length; k++) {
      var line = lines[k];
      var indent = /^\s*/.exec(line)[0].length;
      if (block >= 0 && (line.trim() === "" || indent > block)) {
        out.push(span("text", line));
        continue;
      }
      block = -1;
      if (/^\s*#/.test(line)) { out.push(span("comment", line)); continue; }
      if (/^(---|\.\.\.)\s*$/.test(line)) { out.push(span("punct", line)); continue; }
      var key = KEY.exec(line);
      if (key) {
        var rest = line.slice(key[0].length);
        out.push(escape(key[1]) + span("dash", key[2] || "") + span("key", key[3]) +
          span("punct", key[4]) + value(rest));
        if (/^\s*[|>][-+]?\s*(#.*)?$/.test(rest)) { block = indent + (key[2] ? key[2].length : 0); }
        continue;
      }
      var scalar = SCALAR.exec(line);
      out.push(escape(scalar[1]) + span("dash", scalar[2] || "") + value(scalar[3]));
    }
    return out;
  }

  function Editor(root, onChange) {
    this.root = root;
    this.area = root.querySelector("textarea");
    this.overlay = root.querySelector(".highlight");
    this.gutter = root.querySelector(".gutter");
    this.problems = {};
    this.onChange = onChange;
    var self = this;
    this.area.addEventListener("input", function () { self.draw(); self.onChange(); });
    this.area.addEventListener("scroll", function () { self.follow(); });
    this.area.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();  // YAML indents with spaces
        document.execCommand("insertText", false, "  ");
      }
    });
  }

  Editor.prototype.text = function () { return this.area.value; };

  Editor.prototype.setText = function (text) {
    this.area.value = text;
    this.draw();
  };

  // problems: [{line, column, message, severity}]
  Editor.prototype.mark = function (problems) {
    this.problems = {};
    for (var k = 0; k < problems.length; k++) {
      var p = problems[k];
      (this.problems[p.line] = this.problems[p.line] || []).push(p);
    }
    this.draw();
  };

  Editor.prototype.draw = function () {
    var lines = colour(this.area.value);
    var html = [];
    var numbers = [];
    for (var k = 0; k < lines.length; k++) {
      var found = this.problems[k + 1];
      var kind = "";
      if (found) {
        kind = found.some(function (p) { return p.severity === "error"; }) ? " error" : " warning";
      }
      html.push('<span class="line' + kind + '">' + (lines[k] || " ") + "</span>");
      var title = found ? ' title="' + escape(found.map(function (p) {
        return p.line + ":" + p.column + ": " + p.message;
      }).join("\n")).replace(/"/g, "&quot;") + '"' : "";
      numbers.push('<span class="number' + kind + '" data-line="' + (k + 1) + '"' + title + ">" +
        (k + 1) + "</span>");
    }
    this.overlay.innerHTML = html.join("\n") + "\n";
    this.gutter.innerHTML = numbers.join("");
    this.follow();
  };

  Editor.prototype.follow = function () {
    this.overlay.scrollTop = this.area.scrollTop;
    this.overlay.scrollLeft = this.area.scrollLeft;
    this.gutter.scrollTop = this.area.scrollTop;
  };

  // Put the caret at a line and column (1-based) and bring it into view.
  Editor.prototype.reveal = function (line, column) {
    var lines = this.area.value.split("\n");
    var offset = 0;
    for (var k = 0; k < line - 1 && k < lines.length; k++) { offset += lines[k].length + 1; }
    offset += Math.max(0, (column || 1) - 1);
    this.area.focus();
    this.area.setSelectionRange(offset, offset);
    var height = parseFloat(getComputedStyle(this.area).lineHeight) || 20;
    this.area.scrollTop = Math.max(0, (line - 4) * height);
    this.follow();
  };

  window.StandoffEditor = Editor;
  window.standoffColour = colour;
})();
