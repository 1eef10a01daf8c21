// The patient's web chat (served at /chat/assets/chat.js; no inline script, so the page's
// policy can forbid them). The page carries the clinic's slug and the texts in its language.
(() => {
  const root = document.getElementById('chat');
  const slug = root.dataset.slug;
  const text = JSON.parse(document.getElementById('texts').textContent);
  const log = document.getElementById('log');
  const status = document.getElementById('status');
  const typing = document.getElementById('typing');
  const form = document.getElementById('f');
  const input = document.getElementById('t');
  const quick = document.getElementById('quick');
  const key = 'frontdesk-visitor:' + slug;
  let visitor = localStorage.getItem(key);
  let ws = null;
  let retry = 0;
  let typingTimer = null;
  const streams = {};
  const unsent = [];

  function showTyping(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(() => showTyping(false), 45000);
  }

  // "1. Tuesday 9 March at 08:30 with …" lines of the latest reply become buttons.
  function offerQuickReplies(message) {
    quick.replaceChildren();
    for (const line of message.split('\n')) {
      const m = line.match(/^\s*(\d{1,2})[.)]\s+(.+)$/);
      if (!m) continue;
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = m[2];
      b.onclick = () => { quick.replaceChildren(); send(m[2]); };
      quick.appendChild(b);
    }
  }

  function add(message, mine, id, from) {
    let d = id && document.getElementById('m' + id);
    if (!d) {
      d = document.createElement('div');
      d.className = 'm ' + (mine ? 'mine' : from === 'staff' ? 'staff' : 'them');
      if (id) d.id = 'm' + id;
      log.appendChild(d);
    }
    d.textContent = message;
    log.scrollTop = log.scrollHeight;
  }

  function connect() {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host +
      '/chat/' + encodeURIComponent(slug) + '/ws' + (visitor ? '?visitor=' + visitor : '');
    ws = new WebSocket(url);
    ws.onopen = () => { retry = 0; status.textContent = ''; };
    ws.onmessage = (e) => {
      const f = JSON.parse(e.data);
      if (f.type === 'hello') {
        visitor = f.visitor;
        localStorage.setItem(key, visitor);
        while (unsent.length) ws.send(JSON.stringify(unsent.shift()));
      } else if (f.type === 'history') {
        // A reconnect sends the history again: show it once.
        log.querySelectorAll('.m:not(.greeting)').forEach((n) => n.remove());
        f.messages.forEach((m) => add(m.text, m.mine, m.id, m.from));
      } else if (f.type === 'message') {
        showTyping(false);
        add(f.text, false, f.stream || f.id, f.from);
        offerQuickReplies(f.text);
      } else if (f.type === 'delta') {
        showTyping(false);
        streams[f.stream] = (streams[f.stream] || '') + f.text;
        add(streams[f.stream], false, f.stream, 'assistant');
      } else if (f.type === 'ack') {
        status.textContent = '';
        showTyping(true);
      } else if (f.type === 'error') {
        showTyping(false);
        status.textContent = f.reason;
      }
    };
    ws.onclose = () => {
      showTyping(false);
      status.textContent = text.reconnecting;
      retry = Math.min(retry + 1, 5);
      setTimeout(connect, 500 * 2 ** retry);
    };
  }

  function send(message) {
    const frame = { type: 'message', id: Date.now().toString(36) + Math.random().toString(36).slice(2, 8), text: message };
    add(message, true);
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    else unsent.push(frame);
  }

  form.onsubmit = (ev) => {
    ev.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    input.value = '';
    quick.replaceChildren();
    send(message);
  };
  connect();
})();
