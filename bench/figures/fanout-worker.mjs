/**
 * A worker thread holding a share of the socket.io clients of the fan-out figure. It records, per
 * `card.moved` event (keyed by card id and new version), when each of its sockets received it, on
 * the clock shared by all threads (performance.timeOrigin + performance.now()).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';

const { url, tokens, count, batch } = workerData;
const now = () => performance.timeOrigin + performance.now();
const sockets = [];
const received = new Map();
let recording = false;
let disconnects = 0;

function connectOne(i) {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: tokens[i % tokens.length] },
      reconnection: false,
      timeout: 20_000,
    });
    socket.on('card.moved', (e) => {
      if (!recording) return;
      const at = now();
      const key = `${e.card.id}:${e.card.version}`;
      let list = received.get(key);
      if (!list) received.set(key, (list = []));
      list.push(at);
    });
    socket.on('disconnect', () => disconnects++);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

parentPort.on('message', async (msg) => {
  if (msg.cmd === 'connect') {
    try {
      for (let i = 0; i < count; i += batch) {
        const part = await Promise.all(Array.from({ length: Math.min(batch, count - i) }, (_, k) => connectOne(i + k)));
        sockets.push(...part);
      }
      parentPort.postMessage({ cmd: 'connected', count: sockets.length });
    } catch (err) {
      parentPort.postMessage({ cmd: 'error', message: String(err?.message ?? err) });
    }
  } else if (msg.cmd === 'record') {
    received.clear();
    recording = true;
    parentPort.postMessage({ cmd: 'recording' });
  } else if (msg.cmd === 'report') {
    recording = false;
    parentPort.postMessage({
      cmd: 'report',
      received: [...received.entries()],
      connected: sockets.filter((s) => s.connected).length,
      disconnects,
    });
  } else if (msg.cmd === 'close') {
    for (const s of sockets) s.disconnect();
    parentPort.postMessage({ cmd: 'closed' });
  }
});
