// Run by DashboardIT in the real browser (executeAsyncScript): 1,000 entities, each updated 5 times a
// second for 3 s, through the board's entry point for decoded STOMP messages; reports the script time
// of each render and of each batch of 1,000 updates, and how many renders the updates cost.
const done = arguments[arguments.length - 1];
const board = window.vigil.board;
board.renderMs.length = 0;
const rendersBefore = board.renders;
let frames = 0; let running = true;
const frame = () => { frames++; if (running) requestAnimationFrame(frame); };
requestAnimationFrame(frame);
let version = 1; const started = performance.now(); let updates = 0; const tickMs = [];
const tick = setInterval(() => {
  const t0 = performance.now();
  version++;
  for (let i = 0; i < 1000; i++) {
    board.upsert('load/host/h' + i, {tenant: 'load', entityType: 'HOST', entityId: 'h' + i,
        score: (i * 7 + version * 13) % 100, level: 'HIGH', topFactors: [], lastSeen: null}, {version});
    updates++;
  }
  tickMs.push(performance.now() - t0);
  if (performance.now() - started > 3000) {
    clearInterval(tick); running = false;
    const rows = document.querySelectorAll('#board-rows tr').length;
    for (let i = 0; i < 1000; i++) board.remove('load/host/h' + i);
    const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length * p)] || 0; };
    done({rows, updates, frames, renders: board.renders - rendersBefore, renderP50: q(board.renderMs, 0.5),
          renderP90: q(board.renderMs, 0.9), renderMax: Math.max(...board.renderMs), tickP95: q(tickMs, 0.95)});
  }
}, 200);
