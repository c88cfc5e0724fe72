// Draws every <canvas data-chart-table|data-chart-json> that the <chart> tag helper wrote, with chart.js
// (loaded just before, as a static file). The figures come from the page: a table's cells or a JSON data
// block, never from code. Sizes and colours are set through CSSOM and canvas attributes, which the
// portal's Content-Security-Policy (style-src 'self') allows. See docs/building-blocks/charts.md.
(function () {
  "use strict";
  if (typeof window.Chart !== "function") {
    return;
  }

  var rootStyle = getComputedStyle(document.documentElement);
  function cssColour(name, fallback) {
    var value = rootStyle.getPropertyValue(name).trim();
    return value || fallback;
  }

  // Distinct, dark enough on white (WCAG 1.4.11 asks 3:1 for graphics).
  var palette = [cssColour("--color-primary", "#00508a"), "#b34700", "#1e5e2f", "#6b2c91", "#8a1538", "#4a4a55"];

  // "1 234", "3,5", "–": Swedish number text in a cell; anything else is no value.
  function parseNumber(text) {
    var cleaned = text.replace(/[\s\u00a0\u202f]/g, "").replace("\u2212", "-").replace(",", ".");
    if (cleaned === "" || !/^-?\d+(\.\d+)?%?$/.test(cleaned)) {
      return null;
    }
    return parseFloat(cleaned);
  }

  function fromTable(table, columns) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    var labels = [];
    var datasets = columns.map(function (column) {
      return { label: headers[column] ? headers[column].textContent.trim() : "", data: [] };
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        labels.push(row.cells[0] ? row.cells[0].textContent.trim() : "");
        columns.forEach(function (column, i) {
          datasets[i].data.push(row.cells[column] ? parseNumber(row.cells[column].textContent) : null);
        });
      });
    });
    return { labels: labels, datasets: datasets };
  }

  function fromJson(element) {
    var data = JSON.parse(element.textContent);
    return { labels: data.labels || [], datasets: data.datasets || [] };
  }

  function draw(canvas) {
    var tableId = canvas.getAttribute("data-chart-table");
    var source = document.getElementById(tableId || canvas.getAttribute("data-chart-json"));
    if (!source) {
      return;
    }
    var columns = (canvas.getAttribute("data-chart-columns") || "1").split(/[\s,]+/).filter(Boolean).map(Number);
    var data = tableId ? fromTable(source, columns) : fromJson(source);
    var kind = canvas.getAttribute("data-chart-kind") || "bar";
    data.datasets.forEach(function (set, i) {
      set.backgroundColor = set.borderColor = palette[i % palette.length];
    });

    // Horizontal bars grow with the rows so that each label keeps its line.
    var box = canvas.parentElement;
    if (kind === "bar") {
      box.style.height = Math.max(6, 2.2 * data.labels.length * Math.max(1, data.datasets.length / 2) + 4) + "rem";
    }

    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var text = cssColour("--color-text", "#1b1b1f");
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = text;
    // Counts get whole-number ticks; medians and shares keep their decimals.
    var whole = data.datasets.every(function (set) {
      return set.data.every(function (value) { return value === null || Number.isInteger(value); });
    });
    var valueAxis = { beginAtZero: true, ticks: whole ? { precision: 0 } : {} };
    var options = {
      indexAxis: kind === "bar" ? "y" : "x",
      locale: document.documentElement.lang || "sv",
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: data.datasets.length > 1 } },
      scales: kind === "bar" ? { x: valueAxis } : { y: valueAxis }
    };
    if (reduceMotion) {
      options.animation = false;
    }
    new window.Chart(canvas, { type: kind === "line" ? "line" : "bar", data: data, options: options });
    canvas.setAttribute("data-chart-drawn", "true");
  }

  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart-table], canvas[data-chart-json]"), draw);
})();
