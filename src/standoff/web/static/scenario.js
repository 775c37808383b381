// The scenario view: load the file, validate as one types (debounced), update the panels after
// each valid change, explore the state graph, save safely, compare versions, simulate talks.
"use strict";

(function () {
  var token = document.querySelector('meta[name="standoff-token"]').content;
  var name = document.getElementById("file-name").dataset.name;
  var statusLine = document.getElementById("status");
  var saveButton = document.getElementById("save");
  var tabs = document.getElementById("tabs");
  var panels = document.getElementById("panels");
  var problemsBox = document.getElementById("problems");
  var fixed = {
    State: document.getElementById("panel-state"),
    Talks: document.getElementById("panel-talks"),
    Versions: document.getElementById("panel-versions")
  };
  var version = null;      // the version of the file on disk the editor started from
  var savedText = null;    // the text of that version
  var generation = 0;      // the latest change; answers about older ones are dropped
  var timer = null;
  var chosenTab = "conflict";
  var sections = {};       // key -> {title, html}
  var order = [];
  var equilibria = {};     // concept -> [state ids]
  var highlighted = "";
  var lastValid = null;    // the last text that was valid (the state view uses it)

  var editor = new window.StandoffEditor(document.getElementById("editor"), changed);

  ["html", "markdown", "json"].forEach(function (kind) {
    document.getElementById("export-" + kind).href =
      "/export/" + kind + "?name=" + encodeURIComponent(name);
  });

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-Standoff-Token": token},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        data._status = response.status;
        return data;
      });
    });
  }

  function get(path) {
    return fetch(path).then(function (response) {
      return response.json().then(function (data) { data._status = response.status; return data; });
    });
  }

  function say(text, kind) {
    statusLine.textContent = text;
    statusLine.className = "status" + (kind ? " " + kind : "");
  }

  function dirty() { return savedText !== null && editor.text() !== savedText; }

  function showSaveState() {
    saveButton.disabled = !dirty();
    document.title = (dirty() ? "• " : "") + name + " · standoff";
  }

  function changed() {
    showSaveState();
    generation += 1;
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  }

  function showProblems(list) {
    problemsBox.textContent = "";
    editor.mark(list);
    if (!list.length) { return; }
    var heading = document.createElement("p");
    var errors = list.filter(function (p) { return p.severity === "error"; }).length;
    heading.className = "problems-heading";
    heading.textContent = errors ? errors + (errors === 1 ? " problem" : " problems") +
      " — the panels show the last valid version" : "Warnings";
    problemsBox.appendChild(heading);
    var items = document.createElement("ul");
    list.forEach(function (p) {
      var item = document.createElement("li");
      var link = document.createElement("button");
      link.type = "button";
      link.className = "problem " + p.severity;
      link.dataset.line = p.line;
      link.textContent = "line " + p.line + ", column " + p.column + ": " + p.message;
      link.addEventListener("click", function () { editor.reveal(p.line, p.column); });
      item.appendChild(link);
      items.appendChild(item);
    });
    problemsBox.appendChild(items);
  }

  function check() {
    var mine = generation;
    var text = editor.text();
    post("/api/validate", {name: name, text: text}).then(function (found) {
      if (mine !== generation) { return; }
      if (found._status !== 200) { say(found.error, "bad"); return; }
      showProblems(found.diagnostics);
      if (found.valid) {
        say(dirty() ? "Valid · unsaved changes" : "Valid", "good");
        analyse(text, mine);
      } else {
        document.body.classList.remove("busy");
        say("Not valid: " + found.diagnostics.length + " problem" +
          (found.diagnostics.length === 1 ? "" : "s"), "bad");
      }
    }).catch(function () { say("The workspace server does not answer", "bad"); });
  }

  function analyse(text, mine) {
    document.body.classList.add("busy");
    post("/api/analyse", {name: name, text: text, part: "core"}).then(function (found) {
      if (mine !== generation) { return; }
      document.body.classList.remove("busy");
      if (found._status !== 200) { say(found.error, "bad"); return; }
      if (!found.valid) { showProblems(found.diagnostics); say("Not valid", "bad"); return; }
      lastValid = text;
      if (found.diagnostics.length) { showProblems(found.diagnostics); }
      equilibria = found.equilibria || {};
      sections = {};
      order = [];
      found.sections.forEach(function (s) { sections[s.key] = s; order.push(s.key); });
      drawTabs();
      post("/api/analyse", {name: name, text: text, part: "more"}).then(function (more) {
        if (mine !== generation || more._status !== 200 || !more.valid) { return; }
        more.sections.forEach(function (s) {
          if (!sections[s.key]) { order.push(s.key); }
          sections[s.key] = s;
        });
        drawTabs();
      });
    }).catch(function () {
      document.body.classList.remove("busy");
      say("The workspace server does not answer", "bad");
    });
  }

  function tabLabel(key) {
    return {situation: "Situation", states: "States", conflict: "Stability & graph",
      evolution: "Evolution", coalitions: "Coalitions", perceptions: "Perceptions",
      robustness: "Robustness", bargaining: "Bargaining", forecast: "Forecast",
      simulation: "Talks"}[key] || (sections[key] ? sections[key].title : key);
  }

  function drawTabs() {
    var keys = order.concat(["State", "Talks", "Versions"]);
    if (keys.indexOf(chosenTab) < 0) { chosenTab = order.indexOf("conflict") >= 0 ? "conflict" : keys[0]; }
    tabs.textContent = "";
    keys.forEach(function (key) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("role", "tab");
      button.dataset.tab = key;
      button.setAttribute("aria-selected", key === chosenTab ? "true" : "false");
      button.textContent = fixed[key] ? key : tabLabel(key);
      button.addEventListener("click", function () { chosenTab = key; drawTabs(); });
      tabs.appendChild(button);
    });
    drawPanel();
  }

  function drawPanel() {
    var hold = document.getElementById("fixed-panels");
    Object.keys(fixed).forEach(function (key) { hold.appendChild(fixed[key]); });
    panels.textContent = "";
    if (fixed[chosenTab]) {
      panels.appendChild(fixed[chosenTab]);
      if (chosenTab === "Versions") { listVersions(); listFiles(); }
      return;
    }
    var section = sections[chosenTab];
    if (!section) { return; }
    panels.insertAdjacentHTML("beforeend", section.html);
    keepLegible();
    if (chosenTab === "conflict") { wireGraph(); }
  }

  // As in the briefing, a chart shrinks to its panel but never below the width its figure names
  // (class legible-N: its text stays at 9 px or more); one that needs more scrolls in its own
  // box under its hint. The briefing does this with rules of its style sheet; here the widths
  // are only known once a panel is drawn, and the policy forbids inline style sheets.
  function keepLegible() {
    panels.querySelectorAll("figure").forEach(function (figure) {
      var found = /(?:^|\s)legible-([0-9]+)(?:\s|$)/.exec(figure.className);
      var svg = figure.querySelector(".chart-scroll svg");
      var hint = figure.querySelector(".scroll-hint");
      if (!found || !svg) { return; }
      var least = parseInt(found[1], 10);
      svg.style.minWidth = least + "px";
      if (hint) { hint.style.display = figure.clientWidth < least ? "block" : "none"; }
    });
  }
  window.addEventListener("resize", keepLegible);

  // The state graph: every node a button; a concept picker highlights its equilibria.
  function wireGraph() {
    var svg = panels.querySelector('svg[data-chart="state-graph"]');
    if (!svg) { return; }
    var picker = document.createElement("div");
    picker.className = "concept-picker";
    var label = document.createElement("label");
    label.textContent = "Highlight the equilibria under ";
    var select = document.createElement("select");
    select.id = "highlight-concept";
    [""].concat(Object.keys(equilibria)).forEach(function (concept) {
      var option = document.createElement("option");
      option.value = concept;
      option.textContent = concept ? concept.toUpperCase().replace("SEQSIM", "SEQ+SIM") : "no concept";
      select.appendChild(option);
    });
    select.value = highlighted;
    label.appendChild(select);
    picker.appendChild(label);
    var hint = document.createElement("span");
    hint.className = "note";
    hint.textContent = " · click a state to see why it is or is not stable";
    picker.appendChild(hint);
    svg.closest("figure").before(picker);
    select.addEventListener("change", function () { highlighted = select.value; mark(svg); });
    svg.querySelectorAll("g").forEach(function (group) {
      var title = group.firstElementChild;
      if (!title || title.tagName.toLowerCase() !== "title") { return; }
      var id = /^(\d+) /.exec(title.textContent);
      if (!id) { return; }
      group.classList.add("state-node");
      group.dataset.state = id[1];
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "button");
      group.addEventListener("click", function () { showState(id[1]); });
      group.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); showState(id[1]); }
      });
    });
    mark(svg);
  }

  function mark(svg) {
    var chosen = (equilibria[highlighted] || []).map(String);
    svg.querySelectorAll("g.state-node").forEach(function (group) {
      group.classList.toggle("highlight", chosen.indexOf(group.dataset.state) >= 0);
    });
  }

  function showState(id) {
    var text = lastValid || editor.text();
    var box = fixed.State;
    box.textContent = "";
    var waiting = document.createElement("p");
    waiting.className = "note";
    waiting.textContent = "Explaining state " + id + "…";
    box.appendChild(waiting);
    chosenTab = "State";
    drawTabs();
    post("/api/state", {name: name, text: text, state: id}).then(function (found) {
      box.textContent = "";
      if (found._status !== 200) {
        waiting.textContent = found.error;
        box.appendChild(waiting);
        return;
      }
      var heading = document.createElement("h2");
      heading.textContent = "State " + found.title;
      box.appendChild(heading);
      var path = document.createElement("p");
      path.className = "path";
      path.textContent = found.path;
      box.appendChild(path);
      box.insertAdjacentHTML("beforeend", found.stability);
      found.explanations.forEach(function (e) { box.insertAdjacentHTML("beforeend", e.html); });
      var inverse = document.createElement("div");
      inverse.className = "inverse";
      var ask = document.createElement("button");
      ask.type = "button";
      ask.id = "ask-inverse";
      ask.textContent = "What would make it an equilibrium under SEQ?";
      ask.addEventListener("click", function () {
        ask.disabled = true;
        ask.textContent = "Working out what would make it stable…";
        post("/api/inverse", {name: name, text: text, state: id, concept: "seq"})
          .then(function (answer) {
            ask.remove();
            if (answer._status !== 200) {
              var failed = document.createElement("p");
              failed.className = "note";
              failed.textContent = answer.error;
              inverse.appendChild(failed);
              return;
            }
            inverse.insertAdjacentHTML("beforeend", answer.html);
          });
      });
      inverse.appendChild(ask);
      box.appendChild(inverse);
      var back = document.createElement("button");
      back.type = "button";
      back.id = "back-to-graph";
      back.textContent = "Back to the state graph";
      back.addEventListener("click", function () { chosenTab = "conflict"; drawTabs(); });
      box.appendChild(back);
    });
  }

  function load() {
    get("/api/file?name=" + encodeURIComponent(name)).then(function (found) {
      if (found._status !== 200) { say(found.error, "bad"); return; }
      version = found.version;
      savedText = found.text;
      editor.setText(found.text);
      showSaveState();
      changed();
    });
  }

  function save(base) {
    var text = editor.text();
    say("Saving…");
    post("/api/save", {name: name, text: text, base: base}).then(function (found) {
      if (found._status === 409) {
        var diff = document.getElementById("stale-diff");
        diff.textContent = "";
        (found.diff || []).forEach(function (line) {
          var row = document.createElement("span");
          row.className = line[0] === "+" && line.slice(0, 3) !== "+++" ? "added" :
            line[0] === "-" && line.slice(0, 3) !== "---" ? "removed" : "";
          row.textContent = line + "\n";
          diff.appendChild(row);
        });
        document.getElementById("stale-disk").textContent = found.text;
        document.getElementById("stale-mine").textContent = text;
        document.getElementById("stale").hidden = false;
        document.getElementById("stale").dataset.version = found.version;
        document.getElementById("stale").dataset.text = found.text;
        say("Not saved: the file changed on disk", "bad");
        return;
      }
      if (found._status !== 200) { say("Not saved: " + found.error, "bad"); return; }
      version = found.version;
      savedText = text;
      document.getElementById("stale").hidden = true;
      showSaveState();
      say("Saved", "good");
      if (chosenTab === "Versions") { listVersions(); }
    }).catch(function () { say("Not saved: the workspace server does not answer", "bad"); });
  }

  saveButton.addEventListener("click", function () { save(version); });
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      if (dirty()) { save(version); }
    }
  });
  document.getElementById("keep-mine").addEventListener("click", function () {
    save(document.getElementById("stale").dataset.version);
  });
  document.getElementById("take-disk").addEventListener("click", function () {
    var stale = document.getElementById("stale");
    version = stale.dataset.version;
    savedText = stale.dataset.text;
    editor.setText(savedText);
    stale.hidden = true;
    changed();
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty()) { event.preventDefault(); event.returnValue = ""; }
  });

  // Versions and comparison.
  function listVersions() {
    get("/api/versions?name=" + encodeURIComponent(name)).then(function (found) {
      var list = document.getElementById("versions");
      list.textContent = "";
      ["compare-from", "compare-to"].forEach(function (id, k) {
        var select = document.getElementById(id);
        var chosen = select.value;
        select.textContent = "";
        var choices = [["editor", "your text"], ["disk", "the saved file"]].concat(
          (found.versions || []).map(function (v) { return [v.version, "as saved before " + v.saved]; }));
        choices.forEach(function (pair) {
          var option = document.createElement("option");
          option.value = pair[0];
          option.textContent = pair[1];
          select.appendChild(option);
        });
        select.value = chosen || (k === 0 ? (choices.length > 2 ? choices[2][0] : "disk") : "editor");
      });
      if (!found.versions || !found.versions.length) {
        var none = document.createElement("li");
        none.textContent = "No earlier version yet: each save keeps the one it replaces.";
        list.appendChild(none);
        return;
      }
      found.versions.forEach(function (v) {
        var item = document.createElement("li");
        item.textContent = "Saved over at " + v.saved + " (" + v.size + " bytes) ";
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = "Compare with yours";
        button.dataset.version = v.version;
        button.addEventListener("click", function () { compare(v.version); });
        item.appendChild(button);
        list.appendChild(item);
      });
    });
  }

  function compare(against, after) {
    var box = document.getElementById("comparison");
    box.textContent = "Comparing…";
    post("/api/compare", {name: name, text: editor.text(), against: against,
      after: after || "editor"}).then(function (found) {
      box.textContent = "";
      if (found._status !== 200) {
        box.textContent = found.error + (found.diagnostics ? ": " +
          found.diagnostics.map(function (d) { return d.text; }).join("; ") : "");
        return;
      }
      var heading = document.createElement("h3");
      heading.textContent = found.before + " → " + found.after;
      box.appendChild(heading);
      var changes = document.createElement("ul");
      changes.className = "changes";
      if (!found.changes.length) {
        var same = document.createElement("li");
        same.textContent = "The conclusions are the same.";
        changes.appendChild(same);
      }
      found.changes.forEach(function (c) {
        var item = document.createElement("li");
        var what = document.createElement("strong");
        what.textContent = c.what + ": ";
        item.appendChild(what);
        if (!c.gained.length && !c.lost.length) {
          var arrowed = (c.before + c.after).indexOf("→") >= 0;  // a path of moves
          item.appendChild(document.createTextNode(arrowed ?
            "before " + c.before + "; after " + c.after : c.before + " → " + c.after));
        }
        [["gained", c.gained], ["lost", c.lost]].forEach(function (pair) {
          if (!pair[1].length) { return; }
          var tag = document.createElement("span");
          tag.className = pair[0];
          tag.textContent = " " + pair[0] + ": " + pair[1].join(", ");
          item.appendChild(tag);
        });
        changes.appendChild(item);
      });
      box.appendChild(changes);
      if (found.simulated) {
        var talks = document.createElement("p");
        talks.textContent = found.simulated.title + ":";
        box.appendChild(talks);
        var outcomes = document.createElement("ul");
        outcomes.className = "changes simulated";
        found.simulated.outcomes.forEach(function (o) {
          var item = document.createElement("li");
          var what = document.createElement("strong");
          what.textContent = o.what + ": ";
          item.appendChild(what);
          item.appendChild(document.createTextNode(o.text));
          outcomes.appendChild(item);
        });
        box.appendChild(outcomes);
      }
      var diff = document.createElement("pre");
      diff.className = "diff";
      if (!found.diff.length) { diff.textContent = "The files are the same."; }
      found.diff.forEach(function (line) {
        var row = document.createElement("span");
        row.className = line[0] === "+" && line.slice(0, 3) !== "+++" ? "added" :
          line[0] === "-" && line.slice(0, 3) !== "---" ? "removed" : "";
        row.textContent = line + "\n";
        diff.appendChild(row);
      });
      box.appendChild(diff);
    });
  }
  document.getElementById("compare-disk").addEventListener("click", function () { compare("disk"); });
  document.getElementById("compare-two-form").addEventListener("submit", function (event) {
    event.preventDefault();
    compare(document.getElementById("compare-from").value,
      document.getElementById("compare-to").value);
  });
  document.getElementById("compare-file-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var other = document.getElementById("compare-file").value;
    if (other) { compare("file:" + other); }
  });

  function listFiles() {
    get("/api/files").then(function (found) {
      var select = document.getElementById("compare-file");
      var chosen = select.value;
      select.textContent = "";
      (found.files || []).forEach(function (file) {
        if (file.name === name) { return; }
        var option = document.createElement("option");
        option.value = option.textContent = file.name;
        select.appendChild(option);
      });
      if (chosen) { select.value = chosen; }
    });
  }

  // Simulated talks, on request.
  document.getElementById("talks-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var runs = parseInt(document.getElementById("talks-runs").value, 10);
    var seed = parseInt(document.getElementById("talks-seed").value, 10);
    var status = document.getElementById("talks-status");
    var result = document.getElementById("talks-result");
    status.textContent = "Simulating " + runs + " runs with seed " + seed + "…";
    result.textContent = "";
    bar.hidden = false;
    bar.removeAttribute("value");
    post("/api/talks", {name: name, text: lastValid || editor.text(), runs: runs, seed: seed})
      .then(function (started) {
        if (started._status !== 202) { status.textContent = started.error; bar.hidden = true; return; }
        poll(started.job, runs, seed);
      });
  });

  var bar = document.getElementById("talks-progress");

  function poll(job, runs, seed) {
    var status = document.getElementById("talks-status");
    var result = document.getElementById("talks-result");
    get("/api/talks?job=" + encodeURIComponent(job)).then(function (found) {
      if (found._status !== 200) { status.textContent = found.error; bar.hidden = true; return; }
      if (!found.finished) {
        if (found.total) { bar.max = found.total; bar.value = found.done; }
        setTimeout(function () { poll(job, runs, seed); }, 300);
        return;
      }
      bar.hidden = true;
      if (found.error) { status.textContent = found.error; return; }
      var answer = found.result;
      if (!answer.valid) { status.textContent = "The scenario is not valid."; return; }
      if (!answer.sections.length) {
        status.textContent = "This scenario has no negotiation protocol to simulate.";
        return;
      }
      status.textContent = runs + " runs, seed " + seed + ".";
      answer.sections.forEach(function (s) { result.insertAdjacentHTML("beforeend", s.html); });
    });
  }

  load();
})();
