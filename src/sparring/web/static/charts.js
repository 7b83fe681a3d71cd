// Draw every <canvas data-chart="ID"> from the JSON in the element with that id (Chart.js).
// data-type picks "line" (default) or "bar"; data-stacked and data-horizontal shape bars.
(function () {
  var colours = ["#1d4ed8", "#db2777", "#059669", "#d97706", "#7c3aed"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var type = canvas.dataset.type || "line";
    var stacked = canvas.dataset.stacked === "true";
    var horizontal = canvas.dataset.horizontal === "true";
    data.datasets.forEach(function (set, i) {
      var colour = set.colour || colours[i % colours.length];
      set.borderColor = colour;
      set.backgroundColor = colour;
      set.tension = 0.25;
      set.spanGaps = true;
    });
    var value = { min: 0, max: Number(canvas.dataset.max), stacked: stacked };
    var category = { stacked: stacked };
    new Chart(canvas, {
      type: type,
      data: data,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: horizontal ? "y" : "x",
        scales: horizontal ? { x: value, y: category } : { x: category, y: value },
        plugins: { legend: { position: "bottom" } },
      },
    });
  });
})();
