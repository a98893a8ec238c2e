// The demo blog's own page script (not part of Confab): its light/dark switch and a language menu for the comments.
// It runs in <head>, before the first paint, so the page never flashes the wrong theme.
const root = document.documentElement;
const saved = localStorage.getItem('demo:theme');
root.classList.toggle('dark', saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches);

addEventListener('DOMContentLoaded', () => {
  const toggle = document.querySelector('#theme-toggle');
  const show = () => toggle.setAttribute('aria-pressed', String(root.classList.contains('dark')));
  show();
  toggle.addEventListener('click', () => {
    root.classList.toggle('dark');
    localStorage.setItem('demo:theme', root.classList.contains('dark') ? 'dark' : 'light');
    show();
  });

  const language = document.querySelector('#comments-language');
  const languages = {
    '': "the page's language",
    es: 'español',
    fr: 'français',
    de: 'Deutsch',
    pt: 'português',
    ja: '日本語',
    zh: '简体中文',
    ar: 'العربية',
  };
  for (const [code, name] of Object.entries(languages)) {
    const option = new Option(name, code);
    if (code) option.lang = code;
    language.add(option);
  }
  language.addEventListener('change', () => {
    const comments = document.querySelector('confab-comments');
    if (language.value) comments.setAttribute('lang', language.value);
    else comments.removeAttribute('lang');
  });
});
