/**
 * Batches DOM work per animation frame: any number of changes between two frames cost one render.
 * Returns a function that marks the view dirty.
 */
export function perFrame(render) {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      render();
    });
  };
}

/** Formats an ISO instant as local time of day (or '' when missing). */
export function timeOf(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : '';
}

/** Creates an element with a class and optional text. */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text != null) e.textContent = text;
  return e;
}
