// Draw every <canvas data-chart="ID"> from the JSON in the element with that id (Chart.js).
(function () {
  var colours = ["#1d4ed8", "#db2777", "#059669", "#d97706", "#7c3aed"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    data.datasets.forEach(function (set, i) {
      set.borderColor = colours[i % colours.length];
      set.backgroundColor = colours[i % colours.length];
      set.tension = 0.25;
      set.spanGaps = true;
    });
    new Chart(canvas, {
      type: "line",
      data: data,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: Number(canvas.dataset.max) } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  });
})();
