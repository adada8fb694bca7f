// Placeholder page for browser mode: a thin client of the WebSocket door.
const socket = new WebSocket(`ws://${location.host}/door`);
const pending = new Map();
let nextId = 1;

function call(command, args) {
  const id = nextId++;
  socket.send(JSON.stringify({ id, command, args }));
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

socket.addEventListener('message', (e) => {
  const msg = JSON.parse(e.data);
  if (msg.event) return;
  const waiter = pending.get(msg.id);
  pending.delete(msg.id);
  if (msg.ok) waiter?.resolve(msg.result);
  else waiter?.reject(new Error(msg.error.message));
});

const status = document.getElementById('status');
const results = document.getElementById('results');
const corrections = document.getElementById('corrections');

socket.addEventListener('open', async () => {
  const s = await call('stats.summary', {});
  status.textContent = `${s.titles.movie} movies and ${s.titles.series} series in your library, ${s.watches.events} watches logged.`;
});
socket.addEventListener('close', () => (status.textContent = 'Disconnected from Reelshelf.'));

let latest = 0;
document.getElementById('q').addEventListener('input', async (e) => {
  const mine = ++latest;
  const r = await call('catalog.search', { text: e.target.value, limit: 20 });
  if (mine !== latest) return;
  corrections.textContent = r.corrections
    .map((c) => `Showing results for "${c.to[0]}" instead of "${c.from}".`)
    .join(' ');
  results.replaceChildren(
    ...r.items.map((t) => {
      const li = document.createElement('li');
      li.textContent = `${t.title}${t.year ? ` (${t.year})` : ''}`;
      return li;
    }),
  );
});
