// Events from the app (reminders changed, a pop-up clicked, the data locked, files dragged over
// the window), read by asking the app what came after the last one seen: one call is always
// waiting, and its answer comes as soon as something happens. Only events that come after a
// page starts listening reach it, as with any event listener.

/**
 * `ask(after)` resolves to `{ cursor, events: [{ name, payload }] }`: the events after `after`
 * (waiting for one) or, when `after` is null, none and the cursor to start from. `on(name,
 * handler)` resolves, once the page is listening, to a function that stops `handler`. A handler's
 * error goes to `report` (by default, thrown apart, where the console shows it).
 */
export function appEvents(ask, {
  retryMs = 1000,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  report = (err) => queueMicrotask(() => { throw err; }),
} = {}) {
  const handlers = new Map();
  let listening = null;

  async function pump(cursor) {
    for (;;) {
      let batch;
      try {
        batch = await ask(cursor);
      } catch {
        // The app could not answer (busy, or its data closing): what happens meanwhile waits there.
        await sleep(retryMs);
        continue;
      }
      cursor = batch.cursor;
      for (const { name, payload } of batch.events) {
        for (const handler of [...(handlers.get(name) ?? [])]) {
          // One handler's failure is reported, and the others still hear the event.
          try { handler(payload); } catch (err) { report(err); }
        }
      }
    }
  }

  function listen() {
    listening ??= ask(null).then(
      (batch) => { pump(batch.cursor); },
      (err) => { listening = null; throw err; },
    );
    return listening;
  }

  return {
    async on(name, handler) {
      const entry = (payload) => handler(payload);
      if (!handlers.has(name)) handlers.set(name, new Set());
      handlers.get(name).add(entry);
      await listen();
      return () => { handlers.get(name)?.delete(entry); };
    },
  };
}
