// A patient on the web chat, driven from a browser page on the chat's own origin.

/** Opens the chat page (same origin as the dashboard) to host patient sockets. */
export async function patientPage(b, base, slug) {
  const context = await b.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/chat/${slug}`);
  await page.evaluate(() => {
    window.__sockets = {};
    window.__frames = [];
  });
  return page;
}

/** Connects a visitor; resolves once the server said hello. */
export function connect(page, slug, visitor) {
  return page.evaluate(
    ({ slug, visitor }) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/chat/${slug}/ws?visitor=${visitor}`);
        window.__sockets[visitor] = ws;
        ws.onmessage = (e) => {
          const frame = JSON.parse(e.data);
          frame.visitor = visitor;
          frame.at = Date.now();
          window.__frames.push(frame);
          if (frame.type === 'hello') resolve();
        };
        ws.onerror = () => reject(new Error('web chat socket failed'));
      }),
    { slug, visitor },
  );
}

/** Sends a message; resolves with Date.now() at the server's acknowledgement. */
export function say(page, visitor, text) {
  return page.evaluate(
    ({ visitor, text }) =>
      new Promise((resolve, reject) => {
        const id = Math.random().toString(36).slice(2);
        const ws = window.__sockets[visitor];
        const onFrame = (e) => {
          const frame = JSON.parse(e.data);
          if (frame.type === 'ack' && frame.id === id) {
            ws.removeEventListener('message', onFrame);
            resolve(Date.now());
          } else if (frame.type === 'error') {
            ws.removeEventListener('message', onFrame);
            reject(new Error('web chat: ' + frame.reason));
          }
        };
        ws.addEventListener('message', onFrame);
        ws.send(JSON.stringify({ type: 'message', id, text }));
      }),
    { visitor, text },
  );
}

/** Frames a visitor received. */
export function framesOf(page, visitor) {
  return page.evaluate((visitor) => window.__frames.filter((f) => f.visitor === visitor), visitor);
}
