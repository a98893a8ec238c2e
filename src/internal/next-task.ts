/**
 * Resolves in a task of its own, once the browser has had its turn (to paint, to handle input). A message to itself
 * rather than a timer: timers set from timers are held back 4 ms each from the fifth on (the HTML standard's clamp),
 * which a run of slices of work would spend idle.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const {port1, port2} = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
