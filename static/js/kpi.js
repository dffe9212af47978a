// KPI dashboard charts (Chart.js from npm). The numbers come from a JSON block, never from inline script.
(function () {
  "use strict";
  var PALETTE = ["#3949ab", "#00897b", "#f4511e", "#8e24aa", "#fdd835", "#6d4c41", "#546e7a"];
  function draw() {
    var source = document.getElementById("kpi-data");
    if (!source || typeof Chart === "undefined") return;
    var specs = JSON.parse(source.textContent);
    document.querySelectorAll("canvas.kpi-chart").forEach(function (canvas) {
      var spec = specs[canvas.getAttribute("data-chart")];
      if (!spec) return;
      var funnel = spec.kind === "funnel";
      var series = funnel ? spec.series.slice(0, 1) : spec.series;
      new Chart(canvas, {
        type: spec.kind === "line" ? "line" : "bar",
        data: {
          labels: spec.labels,
          datasets: series.map(function (s, i) {
            return { label: s.label, data: s.data, borderColor: PALETTE[i % PALETTE.length],
                     backgroundColor: PALETTE[i % PALETTE.length], spanGaps: true, tension: 0.25 };
          })
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          indexAxis: funnel ? "y" : "x",
          plugins: { legend: { display: !funnel } },
          scales: { x: { stacked: spec.stacked, beginAtZero: funnel }, y: { stacked: spec.stacked } }
        }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
