/* newsgraph network page: draws the graph with vis-network, then adds a legend
 * that filters by type, a name search and a neighbourhood highlight on click.
 *
 * Safety: every string from the graph (names, aliases, evidence) comes from
 * untrusted articles. It is read from a JSON data block and only ever reaches
 * the page as text: vis-network draws labels on a canvas and sets string
 * tooltips with innerText, and this script only uses textContent, .value and
 * createElement. Never innerHTML, never a string passed to a DOM parser.
 */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var state = window.newsgraph = {
    ready: false, built: false, buildMs: null, stabilizeMs: null,
    expected: { nodes: data.nodes.length, edges: data.edges.length }
  };
  var status = document.getElementById("status");
  function say(text) { status.textContent = text; }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  state.network = network; state.nodes = nodes; state.edges = edges;
  state.built = true;
  state.buildMs = performance.now() - t0;

  state.drawn = function () {
    // what vis-network holds in its drawing body (visible items)
    var body = network.body;
    return { nodes: body.nodeIndices.length, edges: body.edgeIndices.length };
  };

  function done() {
    if (state.ready) { return; }
    network.setOptions({ physics: false });  // stay still and responsive from here on
    if (!settles) { network.fit(); }  // positions came with the data: show them all
    state.stabilizeMs = performance.now() - t0 - state.buildMs;
    state.ready = true;
    var drawn = state.drawn();
    say(drawn.nodes + " nodes, " + drawn.edges + " edges");
    document.body.setAttribute("data-ready", "true");
  }
  var settles = !!(data.options.physics && data.options.physics.enabled !== false);
  if (data.nodes.length && settles) {
    network.on("stabilizationProgress", function (p) {
      say("Laying out the network… " + Math.round(100 * p.iterations / p.total) + "%");
    });
    network.once("stabilizationIterationsDone", done);
    network.once("stabilized", done);
  } else {
    setTimeout(done, 0);
  }

  // ---------------------------------------------------------------- legend and type filter
  var hiddenTypes = {};
  var legend = document.getElementById("legend");
  data.legend.forEach(function (entry) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.value = entry.key;
    box.setAttribute("data-type", entry.key);
    var swatch = document.createElement("span");
    swatch.className = "swatch " + entry.shape;
    swatch.style.backgroundColor = entry.color;
    swatch.style.color = entry.color;
    if (entry.shape === "triangle") { swatch.style.backgroundColor = "transparent"; }
    var text = document.createElement("span");
    text.textContent = entry.label;
    var count = document.createElement("span");
    count.className = "count";
    count.textContent = "(" + entry.count + ")";
    label.appendChild(box); label.appendChild(swatch); label.appendChild(text); label.appendChild(count);
    legend.appendChild(label);
    box.addEventListener("change", function () {
      hiddenTypes[entry.key] = !box.checked;
      applyVisibility();
    });
  });
  if (data.legendNote) {
    var note = document.createElement("span");
    note.className = "count";
    note.textContent = data.legendNote;
    legend.appendChild(note);
  }

  function applyVisibility() {
    var changes = [];
    nodes.forEach(function (n) {
      var hide = !!hiddenTypes[n.category];
      if (!!n.hidden !== hide) { changes.push({ id: n.id, hidden: hide }); }
    });
    nodes.update(changes);
    var drawn = state.drawn();
    if (state.ready) { say(drawn.nodes + " nodes, " + drawn.edges + " edges shown"); }
  }

  // ---------------------------------------------------------------- neighbourhood highlight
  var original = {};
  nodes.forEach(function (n) { original[n.id] = { color: n.color, label: n.label }; });
  var dimmed = false;
  var DIM = "rgba(190,196,202,0.45)";

  function highlight(centre) {
    var keep = {};
    keep[centre] = true;
    network.getConnectedNodes(centre).forEach(function (id) { keep[id] = true; });
    var changes = [];
    nodes.forEach(function (n) {
      var o = original[n.id];
      changes.push(keep[n.id] ? { id: n.id, color: o.color, label: o.label }
                              : { id: n.id, color: DIM, label: " " });
    });
    nodes.update(changes);
    dimmed = true;
  }

  function restore() {
    if (!dimmed) { return; }
    var changes = [];
    nodes.forEach(function (n) {
      changes.push({ id: n.id, color: original[n.id].color, label: original[n.id].label });
    });
    nodes.update(changes);
    dimmed = false;
  }
  state.highlight = highlight; state.restore = restore;

  // a node that carries a page of its own (an actor page's neighbours: a local /id/ path) opens it
  network.on("click", function (params) {
    if (params.nodes.length) {
      var clicked = nodes.get(params.nodes[0]);
      if (clicked && typeof clicked.href === "string" && /^\/id\/[^\/]/.test(clicked.href)) {
        window.location.assign(clicked.href);
        return;
      }
      highlight(params.nodes[0]);
    } else { restore(); }
  });

  // ---------------------------------------------------------------- search
  var input = document.getElementById("search");
  var list = document.getElementById("names");
  var seen = {};
  data.nodes.forEach(function (n) {
    (n.names || [n.label]).forEach(function (name) {
      if (seen[name]) { return; }
      seen[name] = true;
      var option = document.createElement("option");
      option.value = name;
      list.appendChild(option);
    });
  });

  function fold(s) { return String(s).toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, ""); }

  function find(query) {
    var q = fold(query).trim();
    if (!q) { return []; }
    var exact = [], partial = [];
    data.nodes.forEach(function (n) {
      var names = (n.names || [n.label]).map(fold);
      if (names.indexOf(q) >= 0) { exact.push(n.id); }
      else if (names.some(function (s) { return s.indexOf(q) >= 0; })) { partial.push(n.id); }
    });
    return exact.length ? exact : partial;
  }
  state.find = find;

  function go() {
    var found = find(input.value);
    if (!found.length) { say("No node named “" + input.value + "”"); return; }
    var id = found[0];
    var n = nodes.get(id);
    if (n && n.hidden) { hiddenTypes[n.category] = false; resetBoxes(); applyVisibility(); }
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: 1.2, animation: { duration: 400 } });
    say(found.length > 1 ? found.length + " matches; showing the first" : "Found");
  }
  input.addEventListener("change", go);
  input.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });

  function resetBoxes() {
    Array.prototype.forEach.call(legend.querySelectorAll("input[type=checkbox]"), function (box) {
      box.checked = !hiddenTypes[box.value];
    });
  }

  document.getElementById("reset").addEventListener("click", function () {
    hiddenTypes = {};
    resetBoxes();
    applyVisibility();
    restore();
    network.unselectAll();
    input.value = "";
    network.fit({ animation: { duration: 300 } });
  });
})();
