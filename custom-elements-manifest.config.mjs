/**
 * Generates custom-elements.json (`dist/custom-elements.json`, part of `npm run build`, shipped in the package) from the elements' JSDoc: tags,
 * attributes, properties, methods, events, parts and CSS custom properties. Reactive state and private members are
 * internal and left out.
 */
const internal = (member) =>
  member.privacy === 'private' || member.privacy === 'protected' || member.static || member.name.startsWith('#');

const LANG = {
  name: 'lang',
  type: {text: 'string'},
  description:
    "The language of the widget: this attribute, else the closest `[lang]` around the element, else the document's, else the browser's. English is built in; es, fr, de, pt, ja, zh and ar load on demand; others fall back to English.",
};

export default {
  globs: ['src/components/*/confab-*.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'confab-public-api-only',
      packageLinkPhase({customElementsManifest}) {
        for (const module of customElementsManifest.modules) {
          module.declarations = (module.declarations ?? []).filter((d) => d.customElement);
          for (const declaration of module.declarations) {
            const hidden = new Set((declaration.members ?? []).filter(internal).map((m) => m.name));
            declaration.members = (declaration.members ?? []).filter((m) => !hidden.has(m.name));
            declaration.attributes = (declaration.attributes ?? [])
              .filter((a) => !hidden.has(a.fieldName))
              .map((a) => (a.name === 'lang' ? {...LANG, ...a, description: LANG.description} : a));
            // Only the events the JSDoc documents (the analyzer also picks up every `new ...Event()` it sees).
            declaration.events = (declaration.events ?? []).filter((e) => e.description);
          }
        }
        customElementsManifest.modules = customElementsManifest.modules.filter((m) => m.declarations.length);
      },
    },
  ],
};
