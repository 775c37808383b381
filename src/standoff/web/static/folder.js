// The folder view: the scenario files with their title, last change and validity; a new
// scenario from the template; a copy of one as a variant.
"use strict";

(function () {
  var token = document.querySelector('meta[name="standoff-token"]').content;
  var message = document.getElementById("message");
  var body = document.querySelector("#files tbody");
  var from = document.getElementById("duplicate-from");

  function post(path, data) {
    return fetch(path, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-Standoff-Token": token},
      body: JSON.stringify(data)
    }).then(function (response) {
      return response.json().then(function (found) { found._status = response.status; return found; });
    });
  }

  function editLink(name) { return "/edit/" + name.split("/").map(encodeURIComponent).join("/"); }

  function cell(row, text, kind) {
    var td = document.createElement("td");
    if (kind) { td.className = kind; }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function list() {
    fetch("/api/files").then(function (r) { return r.json(); }).then(function (found) {
      body.textContent = "";
      from.textContent = "";
      if (!found.files.length) {
        var row = document.createElement("tr");
        cell(row, "No scenario file here yet: create one from the template.").colSpan = 4;
        body.appendChild(row);
      }
      found.files.forEach(function (file) {
        var row = document.createElement("tr");
        var first = document.createElement("td");
        var link = document.createElement("a");
        link.href = editLink(file.name);
        link.textContent = file.name;
        first.appendChild(link);
        row.appendChild(first);
        cell(row, file.title);
        cell(row, file.modified, "num");
        cell(row, file.valid ? "✓ valid" : "✗ " + file.problems + " problem" +
          (file.problems === 1 ? "" : "s"), file.valid ? "good" : "bad");
        body.appendChild(row);
        var option = document.createElement("option");
        option.value = option.textContent = file.name;
        from.appendChild(option);
      });
    });
  }

  document.getElementById("new-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var name = document.getElementById("new-name").value.trim();
    post("/api/new", {name: name}).then(function (found) {
      if (found._status !== 201) { message.textContent = found.error; return; }
      window.location.href = editLink(found.name);
    });
  });

  document.getElementById("duplicate-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var name = document.getElementById("duplicate-name").value.trim();
    post("/api/duplicate", {name: from.value, new: name}).then(function (found) {
      if (found._status !== 201) { message.textContent = found.error; return; }
      window.location.href = editLink(found.name);
    });
  });

  list();
})();
