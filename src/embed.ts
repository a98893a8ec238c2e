import {files, main} from 'confab:files';

/**
 * The script-tag entry, `confab.js`: a classic script of a few hundred bytes. While it runs it reads its own
 * `<script>` (`document.currentScript`) and, when that carries `data-` attributes, puts a `<confab-comments>` right
 * after it (`data-post-id` becomes `post-id`, `data-storage` becomes `storage`, and so on), or gives them to the
 * `<confab-comments>` right before it, which a page puts there to hold the server-rendered thread. It asks the browser, all
 * at once, for the ES modules the page will need (`modulepreload`: the main module and what it imports, the page's
 * storage adapter, the reader actions), then imports the main module, which registers the elements. Every other file
 * is named by its content (`confab-<part>-<hash>.js`), so browsers may cache them for ever and an upgrade is never
 * stale. It defines no globals.
 */
const script = document.currentScript;
if (script instanceof HTMLScriptElement) {
  const url = (file: string) => new URL(file, script.src).href;
  const data = script.dataset;
  if (Object.keys(data).length) {
    const before = script.previousElementSibling;
    const element = before?.localName === 'confab-comments' ? before : document.createElement('confab-comments');
    // A script tag's comments load as the reader nears them, unless data-loading says otherwise.
    element.setAttribute('loading', 'lazy');
    for (const [key, value] of Object.entries(data))
      element.setAttribute(
        key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()),
        value!
      );
    script.after(element);
  }
  const storage = data.storage === 'rest' || data.storage === 'memory' ? data.storage : 'indexeddb';
  for (const file of new Set([...files.main, ...files[storage]!, ...files.actions])) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = url(file);
    document.head.append(link);
  }
  import(url(main)).catch((error) => console.error('[confab] The comments could not be loaded:', error));
}
