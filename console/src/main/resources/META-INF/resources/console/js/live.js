// Server-sent events read with fetch() and a ReadableStream, parsed here. Why not EventSource: it cannot send an
// Authorization header, and the stream needs the bearer token (a token in the URL would end up in access logs).
// The parser follows the SSE format (https://html.spec.whatwg.org/multipage/server-sent-events.html): lines of
// "field: value", events separated by a blank line; only "data" and "event" are used here.
import {api, session} from './core.js';

/**
 * Opens a stream on the moderation service and keeps it open: reconnects with backoff (1 s, 2 s, 4 s … 30 s) after
 * errors, and when nothing (not even a heartbeat) arrived for 45 s. onEvent gets each event's parsed JSON data;
 * onStatus gets 'connecting' | 'open' | 'retrying'. Returns {close()}.
 */
export function openStream(path, onEvent, onStatus = () => {}) {
  let closed = false;
  let controller = null;
  let attempt = 0;
  let silenceTimer = null;
  let retryTimer = null;

  const resetSilence = () => {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => controller && controller.abort(), 45000);
  };

  async function connect() {
    if (closed) {
      return;
    }
    onStatus(attempt === 0 ? 'connecting' : 'retrying');
    controller = new AbortController();
    try {
      const s = session();
      if (!s) {
        return;
      }
      const response = await fetch(path, {headers: {Accept: 'text/event-stream', Authorization: `Bearer ${s.token}`},
        signal: controller.signal, cache: 'no-store'});
      if (response.status === 401) {
        // Let the shared API path end the session and send the person to sign-in.
        await api('moderation', '/api/cases?size=1').catch(() => {});
        return;
      }
      if (!response.ok || !response.body) {
        // 403 and 429 keep the session (core.js): the stream waits and tries again, after Retry-After on a 429.
        throw Object.assign(new Error(`stream answered ${response.status}`),
          {retryAfter: parseInt(response.headers.get('Retry-After'), 10) || 0});
      }
      resetSilence();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let data = [];
      for (;;) {
        const {value, done} = await reader.read();
        if (done) {
          break;
        }
        resetSilence();
        buffer += value;
        let newline;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (data.length) {
              dispatch(data.join('\n'));
            }
            data = [];
          } else if (line.startsWith('data:')) {
            data.push(line.slice(5).replace(/^ /, ''));
          }
          // "event:", "id:", "retry:" and ":" comments are not used by this stream.
        }
      }
      throw new Error('stream ended');
    } catch (e) {
      if (closed) {
        return;
      }
      clearTimeout(silenceTimer);
      const delay = Math.max(Math.min(30000, 1000 * 2 ** Math.min(attempt, 5)), 1000 * (e.retryAfter || 0));
      attempt += 1;
      onStatus('retrying');
      retryTimer = setTimeout(connect, delay);
    }
  }

  function dispatch(text) {
    let event;
    try {
      event = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (event.type === 'READY') {
      attempt = 0;
      onStatus('open');
    }
    onEvent(event);
  }

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(silenceTimer);
      clearTimeout(retryTimer);
      if (controller) {
        controller.abort();
      }
    },
  };
}
