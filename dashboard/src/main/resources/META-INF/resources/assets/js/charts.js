/**
 * Metrics charts: events per minute by severity and by category over the last hour, from the
 * metrics stream (one MetricsWindow per tenant, dimension and minute). Redrawn at most once a second
 * and without animation, however many windows change.
 */
const HOUR_MINUTES = 60;
const SEVERITY_COLOURS = { INFO: '#5a8dd6', LOW: '#3fa66a', MEDIUM: '#d8b23a', HIGH: '#e8792b', CRITICAL: '#e0413d' };
const PALETTE = ['#5a8dd6', '#3fa66a', '#d8b23a', '#e8792b', '#e0413d', '#9b6ad6', '#4cc3c3', '#c36aa8', '#8a96a3', '#b0c75a'];

export class MetricsCharts {
  constructor({ severityCanvas, categoryCanvas }) {
    this.windows = new Map(); // key -> MetricsWindow
    this.charts = { severity: this.chart(severityCanvas), category: this.chart(categoryCanvas) };
    this.pending = false;
    this.lastDraw = 0;
    setInterval(() => this.redraw(), 15000); // the hour moves on even without data
  }

  chart(canvas) {
    return new window.Chart(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, ticks: { color: '#8a96a3', maxTicksLimit: 8 }, grid: { color: '#1e262f' } },
          y: { stacked: true, beginAtZero: true, ticks: { color: '#8a96a3' }, grid: { color: '#1e262f' } },
        },
        plugins: { legend: { labels: { color: '#d8dee6', boxWidth: 10 } } },
      },
    });
  }

  reset(items) {
    this.windows = new Map([...items].map(([k, item]) => [k, item.value]));
    this.changed();
  }

  upsert(key, value) {
    this.windows.set(key, value);
    this.changed();
  }

  remove(key) {
    this.windows.delete(key);
    this.changed();
  }

  changed() {
    if (this.pending) return;
    this.pending = true;
    const wait = Math.max(0, 1000 - (Date.now() - this.lastDraw));
    setTimeout(() => requestAnimationFrame(() => this.redraw()), wait);
  }

  redraw() {
    this.pending = false;
    this.lastDraw = Date.now();
    const now = Math.floor(Date.now() / 60000) * 60000;
    const minutes = Array.from({ length: HOUR_MINUTES }, (_, i) => now - (HOUR_MINUTES - 1 - i) * 60000);
    const labels = minutes.map((m) => new Date(m).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false }));
    for (const dimension of ['severity', 'category']) {
      const series = new Map(); // value -> counts per minute
      for (const w of this.windows.values()) {
        if (w.dimension !== dimension) continue;
        const index = minutes.indexOf(Date.parse(w.windowStart));
        if (index < 0) continue;
        for (const [value, count] of Object.entries(w.counts || {})) {
          if (!series.has(value)) series.set(value, new Array(HOUR_MINUTES).fill(0));
          series.get(value)[index] = count;
        }
      }
      const names = [...series.keys()].sort(dimension === 'severity' ? bySeverity : undefined);
      const chart = this.charts[dimension];
      chart.data.labels = labels;
      chart.data.datasets = names.map((name, i) => ({
        label: name,
        data: series.get(name),
        backgroundColor: dimension === 'severity' ? SEVERITY_COLOURS[name.toUpperCase()] || PALETTE[i % PALETTE.length] : PALETTE[i % PALETTE.length],
        borderWidth: 0,
      }));
      chart.update('none');
    }
  }
}

const ORDER = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
function bySeverity(a, b) {
  return ORDER.indexOf(a.toUpperCase()) - ORDER.indexOf(b.toUpperCase());
}
