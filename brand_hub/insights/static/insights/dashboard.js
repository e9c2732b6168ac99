/* The Insights dashboard's charts: each <canvas data-insights-chart="ID"> is drawn from the
   json_script element with that id ({type, stacked, labels, secondary, series: [{key, label, data}]}).
   Lines named in `secondary` get an axis of their own on the right (page views beside reactions). */
(function () {
  'use strict';

  // Colours by line key, so a figure keeps its colour from chart to chart; others take the palette.
  var COLOURS = {
    positive: '#0f7a4a',
    neutral: '#8a8a8a',
    negative: '#cd4444',
    received: '#2e1f5e',
    resolved: '#0f7a4a',
    implemented: '#0f7a4a',
  };
  var PALETTE = ['#007d7e', '#e9b04d', '#2e1f5e', '#cd4444', '#0f7a4a', '#8a8a8a'];

  function colour(key, index) {
    return COLOURS[key] || PALETTE[index % PALETTE.length];
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.insightsChart);
    if (!source) {
      return;
    }
    var chart = JSON.parse(source.textContent);
    var isBar = chart.type === 'bar';
    var text = getComputedStyle(document.body).color;
    new window.Chart(canvas, {
      type: isBar ? 'bar' : 'line',
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (line, index) {
          var lineColour = colour(line.key, index);
          return {
            label: line.label,
            data: line.data,
            borderColor: lineColour,
            backgroundColor: lineColour,
            borderWidth: 2,
            pointRadius: chart.labels.length > 60 ? 0 : 2,
            tension: 0.2,
            yAxisID: (chart.secondary || []).indexOf(line.key) >= 0 ? 'y1' : 'y',
          };
        }),
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { color: text } } },
        scales: {
          x: { stacked: chart.stacked, ticks: { color: text, maxRotation: 0, autoSkip: true } },
          y: {
            stacked: chart.stacked,
            beginAtZero: true,
            ticks: { color: text, precision: 0 },
          },
          y1: {
            display: (chart.secondary || []).length > 0,
            position: 'right',
            beginAtZero: true,
            grid: { drawOnChartArea: false },
            ticks: { color: text, precision: 0 },
          },
        },
      },
    });
  }

  function drawAll() {
    if (!window.Chart) {
      return;
    }
    document.querySelectorAll('canvas[data-insights-chart]').forEach(draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
