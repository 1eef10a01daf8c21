// The web chat for a clinic's own website: one <script src="…/chat/<slug>/widget.js"> tag
// adds a bubble that opens the chat in a frame (the frame is ours; the channel's allowed
// origins may embed it).
(() => {
  const me = document.currentScript;
  const chat = new URL('./', me.src).href.replace(/\/$/, '') + '?embed=1';
  const label = me.dataset.label || 'Chat';
  const bubble = document.createElement('button');
  bubble.type = 'button';
  bubble.textContent = '💬';
  bubble.setAttribute('aria-label', label);
  bubble.style.cssText = 'position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#1a7f5a;color:#fff;font-size:26px;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer;z-index:2147483646';
  const frame = document.createElement('iframe');
  frame.title = label;
  frame.src = chat;
  frame.hidden = true;
  frame.style.cssText = 'position:fixed;right:20px;bottom:88px;width:min(380px,calc(100vw - 40px));height:min(560px,calc(100vh - 120px));border:0;border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff;z-index:2147483647';
  bubble.onclick = () => { frame.hidden = !frame.hidden; };
  document.body.append(frame, bubble);
})();
