import './define.js';

/**
 * The script-tag entry. It registers the elements and, when its own `<script>` carries `data-` attributes, mounts a
 * `<confab-comments>` right after itself: `data-post-id` becomes `post-id`, `data-storage` becomes `storage`, and so
 * on. It defines no globals.
 */
const script = document.currentScript;
if (script instanceof HTMLScriptElement && Object.keys(script.dataset).length > 0) {
  const element = document.createElement('confab-comments');
  // A script tag's comments load as the reader nears them, unless data-loading says otherwise.
  element.setAttribute('loading', 'lazy');
  for (const [key, value] of Object.entries(script.dataset)) {
    element.setAttribute(key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()), value ?? '');
  }
  script.after(element);
}
