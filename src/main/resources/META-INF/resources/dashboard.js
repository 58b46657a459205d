// The cluster dashboard: lists nodes and reports once, then follows the watch stream
// (/api/v1/watch, Server-Sent Events). Every event carries the whole node (and report), so an
// event is applied by replacing what the page holds, never by patching it. The charts redraw
// the last hour the server samples (/api/v1/cluster/stats/history) at its sampling interval.
"use strict";

const API = "/api/v1";
const HIGH = 80; // a bar turns red above this percentage
const nodes = new Map(); // uuid -> {node, resource}
let lastRevision = null;

const $ = (selector) => document.querySelector(selector);
const tbody = $("#nodes tbody");

function text(tag, content, attributes = {}) {
  const element = document.createElement(tag);
  element.textContent = content;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

async function getJson(path) {
  const response = await fetch(API + path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(path + " answered " + response.status);
  return response.json();
}

async function loadAll(path, field) {
  const items = [];
  let token = null;
  do {
    const page = await getJson(path + "?limit=1000" + (token ? "&page_token=" + encodeURIComponent(token) : ""));
    items.push(...page[field]);
    token = page.next_page_token;
  } while (token && items.length < 20000);
  return items;
}

// ---- applying what the server says ---------------------------------------------------------

function putNode(node) {
  const held = nodes.get(node.uuid);
  if (held && held.node && held.node.revision > node.revision) return; // an older copy
  nodes.set(node.uuid, { node, resource: held ? held.resource : null });
}

function putResource(resource) {
  const held = nodes.get(resource.node_uuid);
  if (!held) return;
  if (held.resource && held.resource.updated_at > resource.updated_at) return;
  held.resource = resource;
}

function apply(event) {
  const data = JSON.parse(event.data);
  lastRevision = data.revision;
  if (data.type === "node_removed") {
    nodes.delete(data.node_uuid);
  } else {
    if (data.node) putNode(data.node);
    if (data.resource) putResource(data.resource);
  }
  render();
  refreshStats();
}

// ---- rendering -------------------------------------------------------------------------------

function matchesFilters(entry) {
  const form = $("#filters");
  const status = form.status.value;
  if (status && entry.node.status !== status) return false;
  const label = form.label.value.trim();
  if (label.includes("=")) {
    const at = label.indexOf("=");
    if ((entry.node.metadata || {})[label.slice(0, at)] !== label.slice(at + 1)) return false;
  }
  return true;
}

function age(epochSeconds) {
  const seconds = Math.max(0, Math.round(Date.now() / 1000 - epochSeconds));
  if (seconds < 90) return seconds + " s ago";
  if (seconds < 5400) return Math.round(seconds / 60) + " min ago";
  return Math.round(seconds / 3600) + " h ago";
}

function bar(label, percent) {
  const cell = document.createElement("div");
  cell.className = "bar";
  if (percent == null) {
    cell.append(text("span", "–", { class: "value" }));
    return cell;
  }
  cell.dataset.level = percent > HIGH ? "high" : "normal";
  const track = text("span", "", { class: "track", role: "meter", "aria-label": label, "aria-valuemin": "0",
    "aria-valuemax": "100", "aria-valuenow": String(percent) });
  const fill = text("span", "", { class: "fill" });
  fill.style.width = Math.min(100, percent) + "%";
  track.append(fill);
  cell.append(track, text("span", percent.toFixed(1) + "%", { class: "value" }));
  return cell;
}

function cell(label, content) {
  const td = document.createElement("td");
  td.dataset.label = label;
  if (content instanceof Node) td.append(content); else td.textContent = content;
  return td;
}

function render() {
  const rows = [...nodes.values()].filter(matchesFilters)
    .sort((a, b) => (a.node.name || a.node.uuid).localeCompare(b.node.name || b.node.uuid));
  tbody.replaceChildren(...rows.map(({ node, resource }) => {
    const row = document.createElement("tr");
    row.tabIndex = 0;
    row.dataset.uuid = node.uuid;
    const name = document.createElement("div");
    name.append(text("span", node.name || "(unnamed)"), text("span", node.uuid, { class: "uuid" }));
    row.append(
      cell("Node", name),
      cell("Status", text("span", node.status, { class: "status", "data-status": node.status })),
      cell("Address", node.ip_address + ":" + node.port),
      cell("Last heartbeat", age(node.last_heartbeat)),
      cell("CPU", bar("CPU", resource ? resource.cpu_usage_percent : null)),
      cell("Memory", bar("Memory", resource ? resource.memory_usage_percent : null)),
      cell("Disk", bar("Disk", resource ? resource.disk_usage_percent : null)),
      cell("Load (1m)", resource && resource.load_average_1m != null ? resource.load_average_1m.toFixed(2) : "–"));
    row.addEventListener("click", () => showDetail(node.uuid));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") showDetail(node.uuid); });
    return row;
  }));
  $("#empty").hidden = rows.length > 0;
  $("#shown").textContent = "(" + rows.length + " of " + nodes.size + ")";
}

function definitions(pairs) {
  const list = document.createElement("dl");
  for (const [key, value] of pairs) list.append(text("dt", key), text("dd", value == null ? "–" : String(value)));
  return list;
}

function showDetail(uuid) {
  const entry = nodes.get(uuid);
  if (!entry) return;
  const { node, resource } = entry;
  $("#detail-title").textContent = node.name || node.uuid;
  const body = $("#detail-body");
  body.replaceChildren(
    definitions([["UUID", node.uuid], ["Status", node.status], ["Address", node.ip_address + ":" + node.port],
      ["HTTP port", node.http_port], ["Registered", new Date(node.registered_at * 1000).toISOString()],
      ["Last heartbeat", age(node.last_heartbeat)], ["Revision", node.revision]]),
    text("h3", "Metadata"), definitions(Object.entries(node.metadata || {})),
    text("h3", "Health"), definitions(Object.entries(node.health_info || {})));
  if (resource) {
    body.append(text("h3", "Resources"), definitions([
      ["CPU", resource.cpu_usage_percent + " %"], ["Memory", resource.memory_usage_percent + " %"],
      ["Disk", resource.disk_usage_percent == null ? null : resource.disk_usage_percent + " %"],
      ["Load", [resource.load_average_1m, resource.load_average_5m, resource.load_average_15m].join(" / ")]]));
    const gpus = resource.gpus || [];
    body.append(text("h3", "GPUs (" + gpus.length + ")"));
    for (const gpu of gpus) {
      body.append(definitions([["GPU " + gpu.index, gpu.model], ["Utilisation", gpu.utilization_percent + " %"],
        ["Memory", gpu.memory_used_bytes + " of " + gpu.memory_total_bytes + " bytes"]]));
    }
  }
  const dialog = $("#detail");
  if (!dialog.open) dialog.showModal();
}

let statsPending = false;
function refreshStats() {
  if (statsPending) return;
  statsPending = true;
  setTimeout(async () => {
    statsPending = false;
    try {
      const stats = await getJson("/cluster/stats");
      for (const dd of document.querySelectorAll("[data-stat]")) {
        const value = stats[dd.dataset.stat];
        dd.textContent = value == null ? "–" : dd.dataset.unit ? value.toFixed(1) + dd.dataset.unit : String(value);
      }
    } catch (e) {
      setConnection("lost", "Statistics unavailable: " + e.message);
    }
  }, 250);
}

// ---- history charts (GET /cluster/stats/history: the last hour, sampled by the server) ----------

const COLORS = ["#3b82c4", "#8250df", "#bf3989", "#1b7c83"]; // a figure's data-colors take precedence
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function formatValue(value, unit) {
  const rounded = unit === "%" || !Number.isInteger(value) ? value.toFixed(1) : String(value);
  return unit ? rounded + (unit === "%" ? "%" : " " + unit) : rounded;
}

// One line per series over the samples' time span; the y axis runs from 0 to the data-max of the
// figure, or to the largest value shown.
function drawChart(figure, samples) {
  const colors = figure.dataset.colors ? figure.dataset.colors.split(",") : COLORS;
  const series = figure.dataset.series.split(",").map((pair, i) => {
    const [key, label] = pair.split(":");
    return { key, label, color: colors[i % colors.length] };
  });
  const unit = figure.dataset.unit || "";
  const width = 600, height = 160, top = 8, bottom = 18, left = 34;
  const values = samples.flatMap((sample) => series.map((line) => sample[line.key]));
  const max = Number(figure.dataset.max) || Math.ceil(Math.max(1, ...values) * 1.1);
  const first = samples.length ? samples[0].at : 0;
  const span = samples.length > 1 ? samples[samples.length - 1].at - first : 1;
  const x = (at) => left + (width - left) * (at - first) / span;
  const y = (value) => top + (height - top - bottom) * (1 - value / max);

  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" });
  for (const fraction of [0, 0.5, 1]) {
    chart.append(svg("line", { class: "grid", x1: left, x2: width, y1: y(max * fraction), y2: y(max * fraction) }));
    const label = svg("text", { class: "axis", x: 0, y: y(max * fraction) + 4 });
    label.textContent = formatValue(Math.round(max * fraction), unit === "%" ? "%" : "");
    chart.append(label);
  }
  const since = svg("text", { class: "axis", x: left, y: height - 2 });
  since.textContent = samples.length ? Math.round(span / 60) + " min ago" : "no samples yet";
  const now = svg("text", { class: "axis", x: width, y: height - 2, "text-anchor": "end" });
  now.textContent = "now";
  chart.append(since, now);
  for (const line of series) {
    chart.append(svg("polyline", { "data-series": line.key, stroke: line.color,
      points: samples.map((sample) => x(sample.at).toFixed(1) + "," + y(sample[line.key]).toFixed(1)).join(" ") }));
  }

  const latest = samples[samples.length - 1];
  const legend = document.createElement("ul");
  legend.className = "legend";
  const said = [];
  for (const line of series) {
    const value = latest ? formatValue(latest[line.key], unit) : "–";
    const item = text("li", line.label + " " + value, { "data-series": line.key });
    const swatch = document.createElement("span");
    swatch.style.background = line.color;
    item.prepend(swatch);
    legend.append(item);
    said.push(line.label + " " + value);
  }
  const title = svg("title", {});
  title.textContent = figure.querySelector("figcaption").textContent + ", last hour; now: " + said.join(", ");
  chart.prepend(title);
  chart.setAttribute("aria-label", title.textContent);
  figure.querySelector("svg")?.remove();
  figure.querySelector(".legend")?.remove();
  figure.append(chart, legend);
}

async function refreshHistory() {
  let wait = 15;
  try {
    const history = await getJson("/cluster/stats/history");
    wait = Math.max(1, history.interval_seconds);
    for (const figure of document.querySelectorAll(".chart")) drawChart(figure, history.samples);
    $("#history-note").textContent = "(a sample every " + history.interval_seconds + " s)";
  } catch (e) {
    $("#history-note").textContent = "(history unavailable: " + e.message + ")";
  }
  setTimeout(refreshHistory, wait * 1000);
}

function setConnection(state, message) {
  const element = $("#connection");
  element.dataset.state = state;
  element.textContent = message;
}

// ---- start: watch first (events are held until the lists are in), then list ------------------

function start() {
  const held = [];
  let listed = false;
  const source = new EventSource(API + "/watch");
  const onEvent = (event) => (listed ? apply(event) : held.push(event));
  for (const type of ["node_registered", "node_updated", "node_status_changed", "node_removed", "resource_updated"]) {
    source.addEventListener(type, onEvent);
  }
  // dropped as too slow, or the resume point is gone (410): list again from scratch
  const reload = () => { source.close(); setTimeout(() => location.reload(), 2000); };
  source.addEventListener("watch_dropped", () => { setConnection("lost", "Fell behind; reloading…"); reload(); });
  source.onopen = () => setConnection("live", "Live");
  source.onerror = () => {
    // EventSource reconnects by itself with Last-Event-ID; it gives up only on an error status
    if (source.readyState === EventSource.CLOSED) { setConnection("lost", "Watch refused; reloading…"); reload(); }
    else setConnection("lost", "Connection lost; reconnecting…");
  };

  Promise.all([loadAll("/nodes", "nodes"), loadAll("/resources", "resources")]).then(([list, reports]) => {
    list.forEach(putNode);
    reports.forEach(putResource);
    listed = true;
    held.forEach(apply);
    render();
    refreshStats();
  }).catch((e) => setConnection("lost", "Cannot list the nodes: " + e.message));
}

$("#filters").addEventListener("input", render);
$("#filters").addEventListener("submit", (e) => e.preventDefault());
setInterval(render, 5000); // heartbeat ages
start();
refreshHistory();
