// Sentiment trend charts (Chart.js from npm). Data comes from a JSON block, never from inline script.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("trend-data");
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    document.querySelectorAll("canvas.trend-chart").forEach(function (canvas) {
      var s = data[canvas.getAttribute("data-series")];
      if (!s) return;
      new Chart(canvas, {
        data: {
          labels: s.months,
          datasets: [
            { type: "line", label: "Average polarity", data: s.average, yAxisID: "polarity", borderColor: "#3949ab", backgroundColor: "#3949ab", tension: 0.3 },
            { type: "bar", label: "Positive", data: s.positive, stack: "n", yAxisID: "count", backgroundColor: "#81c784" },
            { type: "bar", label: "Neutral", data: s.neutral, stack: "n", yAxisID: "count", backgroundColor: "#cfd8dc" },
            { type: "bar", label: "Negative", data: s.negative, stack: "n", yAxisID: "count", backgroundColor: "#e57373" }
          ]
        },
        options: {
          animation: false,
          scales: {
            polarity: { position: "left", min: -1, max: 1, title: { display: true, text: "polarity" } },
            count: { position: "right", stacked: true, beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "contributions" } },
            x: { stacked: true }
          }
        }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
